#include "policy/policy.hpp"

#include <array>

namespace sagelint::policy {

std::string_view kind_name(PolicyKind kind) {
  switch (kind) {
    case PolicyKind::Identity:
      return "identity";
    case PolicyKind::Trust:
      return "trust";
    case PolicyKind::Resource:
      return "resource";
  }
  return "identity";
}

namespace {

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
constexpr std::array<std::string_view, 27> kOperators = {"StringEquals",
                                                         "StringNotEquals",
                                                         "StringEqualsIgnoreCase",
                                                         "StringNotEqualsIgnoreCase",
                                                         "StringLike",
                                                         "StringNotLike",
                                                         "NumericEquals",
                                                         "NumericNotEquals",
                                                         "NumericLessThan",
                                                         "NumericLessThanEquals",
                                                         "NumericGreaterThan",
                                                         "NumericGreaterThanEquals",
                                                         "DateEquals",
                                                         "DateNotEquals",
                                                         "DateLessThan",
                                                         "DateLessThanEquals",
                                                         "DateGreaterThan",
                                                         "DateGreaterThanEquals",
                                                         "Bool",
                                                         "BinaryEquals",
                                                         "IpAddress",
                                                         "NotIpAddress",
                                                         "ArnEquals",
                                                         "ArnLike",
                                                         "ArnNotEquals",
                                                         "ArnNotLike",
                                                         "Null"};

void collect_strings(const JsonMember* member, std::vector<StringValue>& out) {
  if (member == nullptr) return;
  const JsonNode& v = member->value;
  if (v.is_string()) {
    out.push_back({v.text, &v});
  } else if (v.is_array()) {
    out.reserve(out.size() + v.items.size());  // long Action lists: no regrowth
    for (const auto& item : v.items) {
      if (item.is_string()) out.push_back({item.text, &item});
    }
  }
}

void collect_principals(const JsonMember* member, std::vector<Principal>& out) {
  if (member == nullptr) return;
  const JsonNode& v = member->value;
  if (v.is_string()) {
    out.push_back({"*", {v.text, &v}});
    return;
  }
  if (!v.is_object()) return;
  for (const auto& m : v.members) {
    if (m.value.is_string()) {
      out.push_back({m.key, {m.value.text, &m.value}});
    } else if (m.value.is_array()) {
      for (const auto& item : m.value.items) {
        if (item.is_string()) out.push_back({m.key, {item.text, &item}});
      }
    }
  }
}

void collect_conditions(const JsonMember* member, std::vector<ConditionClause>& out) {
  if (member == nullptr || !member->value.is_object()) return;
  for (const auto& op : member->value.members) {
    if (!op.value.is_object()) continue;
    ConditionOperator parsed = parse_operator(op.key);
    for (const auto& key : op.value.members) {
      ConditionClause clause{&op, parsed, &key, key.key, {}};
      if (key.value.is_array()) {
        for (const auto& item : key.value.items) clause.values.push_back(&item);
      } else {
        clause.values.push_back(&key.value);
      }
      out.push_back(std::move(clause));
    }
  }
}

Statement build_statement(const JsonNode& node, size_t index) {
  Statement st;
  st.index = index;
  st.node = &node;
  if (!node.is_object()) return st;
  // One pass over the members, keeping the first of each element as find() would: nine find()
  // calls were most of the cost of building the view, which every lint of every file pays.
  for (const JsonMember& m : node.members) {
    const JsonMember** slot = nullptr;
    switch (m.key.size()) {
      case 3:
        if (m.key == "Sid") slot = &st.sid;
        break;
      case 6:
        if (m.key == "Effect") {
          slot = &st.effect;
        } else if (m.key == "Action") {
          slot = &st.action;
        }
        break;
      case 8:
        if (m.key == "Resource") slot = &st.resource;
        break;
      case 9:
        if (m.key == "NotAction") {
          slot = &st.not_action;
        } else if (m.key == "Principal") {
          slot = &st.principal;
        } else if (m.key == "Condition") {
          slot = &st.condition;
        }
        break;
      case 11:
        if (m.key == "NotResource") slot = &st.not_resource;
        break;
      case 12:
        if (m.key == "NotPrincipal") slot = &st.not_principal;
        break;
      default:
        break;
    }
    if (slot != nullptr && *slot == nullptr) *slot = &m;
  }
  if (st.effect == nullptr) {
    st.effect_value = Effect::Missing;
  } else if (st.effect->value.is_string() && st.effect->value.text == "Allow") {
    st.effect_value = Effect::Allow;
  } else if (st.effect->value.is_string() && st.effect->value.text == "Deny") {
    st.effect_value = Effect::Deny;
  } else {
    st.effect_value = Effect::Invalid;
  }
  if (st.action != nullptr) {
    collect_strings(st.action, st.actions);
  } else if (st.not_action != nullptr) {
    collect_strings(st.not_action, st.actions);
    st.actions_negated = true;
  }
  if (st.resource != nullptr) {
    collect_strings(st.resource, st.resources);
  } else if (st.not_resource != nullptr) {
    collect_strings(st.not_resource, st.resources);
    st.resources_negated = true;
  }
  if (st.principal != nullptr) {
    collect_principals(st.principal, st.principals);
  } else if (st.not_principal != nullptr) {
    collect_principals(st.not_principal, st.principals);
    st.principals_negated = true;
  }
  collect_conditions(st.condition, st.conditions);
  return st;
}

bool is_trust_action(std::string_view action) {
  auto lower_eq_prefix = [&](std::string_view prefix) {
    if (action.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
      char a = action[i];
      if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
      if (a != prefix[i]) return false;
    }
    return true;
  };
  return lower_eq_prefix("sts:assumerole") || lower_eq_prefix("sts:tagsession") ||
         lower_eq_prefix("sts:setsourceidentity") || lower_eq_prefix("sts:setcontext");
}

}  // namespace

ConditionOperator parse_operator(std::string_view written) {
  ConditionOperator op;
  op.written = written;
  std::string_view rest = written;
  if (rest.starts_with("ForAllValues:")) {
    op.qualifier = SetQualifier::ForAllValues;
    rest.remove_prefix(13);
  } else if (rest.starts_with("ForAnyValue:")) {
    op.qualifier = SetQualifier::ForAnyValue;
    rest.remove_prefix(12);
  }
  if (rest.ends_with("IfExists")) {
    op.if_exists = true;
    rest.remove_suffix(8);
  }
  op.base = rest;
  for (auto known : kOperators) {
    if (known == rest) op.known = true;
  }
  return op;
}

std::string_view Statement::sid_text() const {
  return (sid != nullptr && sid->value.is_string()) ? std::string_view(sid->value.text) : std::string_view();
}

Policy build_policy(const JsonNode& root, input::KindHint hint) {
  Policy policy;
  policy.root = &root;
  if (root.is_object()) {
    policy.version = root.find("Version");
    policy.statement = root.find("Statement");
    if (policy.statement != nullptr) {
      const JsonNode& st = policy.statement->value;
      if (st.is_array()) {
        policy.statements.reserve(st.items.size());
        for (size_t i = 0; i < st.items.size(); ++i) policy.statements.push_back(build_statement(st.items[i], i));
      } else if (st.is_object()) {
        policy.statements.push_back(build_statement(st, 0));
      }
    }
  }
  switch (hint) {
    case input::KindHint::Identity:
      policy.kind = PolicyKind::Identity;
      break;
    case input::KindHint::Trust:
      policy.kind = PolicyKind::Trust;
      break;
    case input::KindHint::Resource:
      policy.kind = PolicyKind::Resource;
      break;
    case input::KindHint::Unknown:
      policy.kind = detect_kind(policy);
      break;
  }
  return policy;
}

PolicyKind detect_kind(const Policy& policy) {
  bool any_principal = false;
  bool all_trust_actions = true;
  bool any_action = false;
  for (const auto& st : policy.statements) {
    if (st.principal != nullptr || st.not_principal != nullptr) any_principal = true;
    for (const auto& a : st.actions) {
      any_action = true;
      if (st.actions_negated || !is_trust_action(a.text)) all_trust_actions = false;
    }
  }
  if (!any_principal) return PolicyKind::Identity;
  return (any_action && all_trust_actions) ? PolicyKind::Trust : PolicyKind::Resource;
}

}  // namespace sagelint::policy
