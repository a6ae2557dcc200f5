// Turns policy::Policy statements into the compiled form: patterns split and folded once,
// condition values parsed once for their operator.
#include <array>

#include "eval/compiled.hpp"
#include "text/text.hpp"

namespace sagelint::eval {

using detail::Clause;
using detail::Compare;
using detail::CompiledStatement;
using detail::Family;
using detail::Operand;

namespace {

struct OperatorInfo {
  std::string_view name;
  Family family;
  Compare compare;
  bool negated;
};

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// ArnEquals/ArnLike (and their negations) "behave identically".
constexpr std::array<OperatorInfo, 27> kOperators = {{
    {"StringEquals", Family::String, Compare::Equal, false},
    {"StringNotEquals", Family::String, Compare::Equal, true},
    {"StringEqualsIgnoreCase", Family::StringIgnoreCase, Compare::Equal, false},
    {"StringNotEqualsIgnoreCase", Family::StringIgnoreCase, Compare::Equal, true},
    {"StringLike", Family::StringLike, Compare::Equal, false},
    {"StringNotLike", Family::StringLike, Compare::Equal, true},
    {"NumericEquals", Family::Numeric, Compare::Equal, false},
    {"NumericNotEquals", Family::Numeric, Compare::Equal, true},
    {"NumericLessThan", Family::Numeric, Compare::Less, false},
    {"NumericLessThanEquals", Family::Numeric, Compare::LessEqual, false},
    {"NumericGreaterThan", Family::Numeric, Compare::Greater, false},
    {"NumericGreaterThanEquals", Family::Numeric, Compare::GreaterEqual, false},
    {"DateEquals", Family::Date, Compare::Equal, false},
    {"DateNotEquals", Family::Date, Compare::Equal, true},
    {"DateLessThan", Family::Date, Compare::Less, false},
    {"DateLessThanEquals", Family::Date, Compare::LessEqual, false},
    {"DateGreaterThan", Family::Date, Compare::Greater, false},
    {"DateGreaterThanEquals", Family::Date, Compare::GreaterEqual, false},
    {"Bool", Family::Bool, Compare::Equal, false},
    {"BinaryEquals", Family::Binary, Compare::Equal, false},
    {"IpAddress", Family::Ip, Compare::Equal, false},
    {"NotIpAddress", Family::Ip, Compare::Equal, true},
    {"ArnEquals", Family::Arn, Compare::Equal, false},
    {"ArnLike", Family::Arn, Compare::Equal, false},
    {"ArnNotEquals", Family::Arn, Compare::Equal, true},
    {"ArnNotLike", Family::Arn, Compare::Equal, true},
    {"Null", Family::Null, Compare::Equal, false},
}};

const OperatorInfo* find_operator(std::string_view base) {
  for (const auto& op : kOperators) {
    if (op.name == base) return &op;
  }
  return nullptr;
}

// JSON true/false and numbers are accepted where IAM expects strings ("Bool": {"k": false}).
bool scalar_text(const input::JsonNode& node, std::string& out) {
  switch (node.type) {
    case input::JsonType::String:
    case input::JsonType::Number:
      out = node.text;
      return true;
    case input::JsonType::Bool:
      out = node.boolean ? "true" : "false";
      return true;
    default:
      return false;
  }
}

bool key_is_multivalued(const catalog::Catalog& catalog, std::string_view key, catalog::KeyType* type) {
  const catalog::ConditionKey* k = catalog.condition_key(key);
  if (type != nullptr) *type = k != nullptr ? k->type : catalog::KeyType::Unknown;
  return k != nullptr && catalog::is_multivalued(k->type);
}

void mark_multivalued_variables(const catalog::Catalog& catalog, detail::Template& tpl) {
  for (auto& p : tpl.pieces) {
    if (p.kind == detail::Piece::Kind::Variable) p.multivalued = key_is_multivalued(catalog, p.text, nullptr);
  }
}

Operand compile_operand(const catalog::Catalog& catalog, const input::JsonNode& node, Family family, bool variables) {
  Operand o;
  if (!scalar_text(node, o.raw)) {
    o.valid = false;
    return o;
  }
  switch (family) {
    case Family::String:
    case Family::StringIgnoreCase:
      o.text = detail::compile_template(o.raw, false, variables);
      break;
    case Family::StringLike:
    case Family::Arn:
      o.text = detail::compile_template(o.raw, true, variables);
      break;
    case Family::Bool:
      // The operators page allows policy variables with Bool.
      o.text = detail::compile_template(o.raw, false, variables);
      if (!o.text.has_variables) {
        const auto b = detail::parse_bool(o.raw);
        o.valid = b.has_value();
        o.boolean = b.value_or(false);
      }
      break;
    case Family::Numeric: {
      const auto n = detail::parse_number(o.raw);
      o.valid = n.has_value();
      o.number = n.value_or(0);
      break;
    }
    case Family::Date: {
      const auto d = detail::parse_date(o.raw);
      o.valid = d.has_value();
      o.date = d.value_or(0);
      break;
    }
    case Family::Ip: {
      const auto ip = detail::parse_ip(o.raw, true);
      o.valid = ip.has_value();
      if (ip) o.net = *ip;
      break;
    }
    case Family::Null: {
      const auto b = detail::parse_bool(o.raw);
      o.valid = b.has_value();
      o.boolean = b.value_or(false);
      break;
    }
    case Family::Binary:
    case Family::Unknown:
      break;
  }
  mark_multivalued_variables(catalog, o.text);
  return o;
}

// IAM rejects a Condition whose block or operator bodies are not objects; such a statement
// cannot be attached, so it is treated as never applying rather than as unconditional.
bool condition_well_formed(const policy::Statement& st) {
  if (st.condition == nullptr) return true;
  if (!st.condition->value.is_object()) return false;
  for (const auto& op : st.condition->value.members) {
    if (!op.value.is_object()) return false;
  }
  return true;
}

CompiledStatement compile_statement(const catalog::Catalog& catalog, std::string_view policy_name, bool boundary,
                                    bool variables, const policy::Statement& st) {
  CompiledStatement cs;
  cs.ref.policy = policy_name;
  cs.ref.boundary = boundary;
  cs.ref.index = st.index;
  cs.ref.sid = st.sid_text();
  cs.ref.node = st.node;
  cs.ref.effect = st.effect_value;
  const bool has_action = st.action != nullptr || st.not_action != nullptr;
  const bool has_resource = st.resource != nullptr || st.not_resource != nullptr;
  cs.usable = (st.is_allow() || st.is_deny()) && has_action && has_resource && condition_well_formed(st);
  if (!cs.usable) return cs;

  cs.actions_negated = st.actions_negated;
  for (const auto& a : st.actions) {
    detail::ActionPattern p;
    if (a.text == "*") {
      p.all = true;
    } else {
      const size_t colon = a.text.find(':');
      if (colon == std::string_view::npos) {
        p.never = true;
      } else {
        p.service = text::lower(a.text.substr(0, colon));
        p.name = detail::compile_template(text::lower(a.text.substr(colon + 1)), true, false).flat;
      }
    }
    cs.actions.push_back(std::move(p));
  }

  cs.resources_negated = st.resources_negated;
  for (const auto& r : st.resources) {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html: in the
    // Resource element a variable may only appear in the resource part, after the fifth colon.
    detail::Template t = detail::compile_template(r.text, true, variables, detail::after_fifth_colon(r.text));
    mark_multivalued_variables(catalog, t);
    cs.resources.push_back(std::move(t));
  }

  for (const auto& c : st.conditions) {
    Clause clause;
    clause.op_member = c.op_member;
    clause.key_member = c.key_member;
    clause.key = std::string(c.key);
    clause.key_lower = text::lower(c.key);
    clause.qualifier = c.op.qualifier;
    clause.if_exists = c.op.if_exists;
    clause.key_multivalued = key_is_multivalued(catalog, c.key, &clause.key_type);
    if (const OperatorInfo* info = find_operator(c.op.base)) {
      clause.family = info->family;
      clause.compare = info->compare;
      clause.negated = info->negated;
    }
    for (const input::JsonNode* v : c.values) {
      clause.operands.push_back(compile_operand(catalog, *v, clause.family, variables));
      clause.has_variables = clause.has_variables || clause.operands.back().text.has_variables;
    }
    cs.clauses.push_back(std::move(clause));
  }
  return cs;
}

}  // namespace

PolicySet::PolicySet(const catalog::Catalog& catalog) : c_(std::make_unique<detail::Compiled>()) {
  c_->catalog = &catalog;
}
PolicySet::~PolicySet() = default;
PolicySet::PolicySet(PolicySet&&) noexcept = default;
PolicySet& PolicySet::operator=(PolicySet&&) noexcept = default;

void PolicySet::add_identity(std::string name, const policy::Policy& policy) { add(std::move(name), policy, false); }
void PolicySet::add_boundary(std::string name, const policy::Policy& policy) { add(std::move(name), policy, true); }

void PolicySet::add(std::string name, const policy::Policy& policy, bool boundary) {
  c_->names.push_back(std::move(name));
  const std::string_view stored = c_->names.back();
  // Variables exist only in policy language version 2012-10-17; earlier versions read "${...}"
  // as literal text (reference_policies_variables.html, "Introduction" note).
  const bool variables =
      policy.version != nullptr && policy.version->value.is_string() && policy.version->value.text == "2012-10-17";
  for (const auto& st : policy.statements) {
    c_->statements.push_back(compile_statement(*c_->catalog, stored, boundary, variables, st));
  }
  (boundary ? c_->boundary_policies : c_->identity_policies) += 1;
}

size_t PolicySet::identity_count() const { return c_->identity_policies; }
size_t PolicySet::boundary_count() const { return c_->boundary_policies; }
size_t PolicySet::statement_count() const { return c_->statements.size(); }

}  // namespace sagelint::eval
