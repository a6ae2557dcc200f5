// SL010: an element has a JSON type IAM does not accept there (a number as an action, an
// object as a resource, a nested array ...). IAM rejects the policy.
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

std::string found(const JsonNode& n) { return "found " + std::string(input::type_name(n.type)); }

void string_or_strings(RuleContext& ctx, const JsonMember* m) {
  if (m == nullptr) return;
  const JsonNode& v = m->value;
  if (v.is_string()) return;
  if (v.is_array()) {
    for (const auto& item : v.items) {
      if (!item.is_string()) ctx.report(item, "each " + m->key + " entry must be a string, " + found(item));
    }
    return;
  }
  ctx.report(v, m->key + " must be a string or an array of strings, " + found(v));
}

void principal(RuleContext& ctx, const JsonMember* m) {
  if (m == nullptr) return;
  const JsonNode& v = m->value;
  if (v.is_string()) return;  // "*" (other strings are reported by the principal rules)
  if (!v.is_object()) {
    ctx.report(v, m->key + " must be \"*\" or an object such as {\"AWS\": [...]}, " + found(v));
    return;
  }
  for (const auto& p : v.members) {
    if (p.value.is_string()) continue;
    if (p.value.is_array()) {
      for (const auto& item : p.value.items) {
        if (!item.is_string())
          ctx.report(item, "each " + m->key + " " + p.key + " entry must be a string, " + found(item));
      }
      continue;
    }
    ctx.report(p.value, m->key + " " + p.key + " must be a string or an array of strings, " + found(p.value));
  }
}

void condition(RuleContext& ctx, const JsonMember* m) {
  if (m == nullptr) return;
  const JsonNode& v = m->value;
  if (!v.is_object()) {
    ctx.report(v, "Condition must be an object of operators, " + found(v));
    return;
  }
  for (const auto& op : v.members) {
    if (!op.value.is_object()) {
      ctx.report(op.value, "condition operator " + quote(op.key) + " must map to an object of condition keys, " +
                               found(op.value));
      continue;
    }
    for (const auto& key : op.value.members) {
      const JsonNode& values = key.value;
      // The grammar takes strings, numbers and booleans as condition values (quotes are optional
      // for numbers and booleans).
      auto scalar = [](const JsonNode& n) {
        return n.type == JsonType::String || n.type == JsonType::Bool || n.type == JsonType::Number;
      };
      if (scalar(values)) continue;
      if (!values.is_array()) {
        ctx.report(values, "the value of condition key " + quote(key.key) +
                               " must be a string, number or boolean, or an array of them, " + found(values));
        continue;
      }
      const JsonNode* first_scalar = nullptr;
      bool mixed = false;
      for (const auto& item : values.items) {
        if (!scalar(item)) {
          ctx.report(item, "condition values must be strings, numbers or booleans, " + found(item));
        } else if (first_scalar == nullptr) {
          first_scalar = &item;
        } else if (item.type != first_scalar->type && !mixed) {
          mixed = true;
          // Access Analyzer rejects a value list that mixes JSON types ("Invalid condition data type").
          ctx.report(item, "the values of condition key " + quote(key.key) + " mix JSON types (" +
                               std::string(input::type_name(first_scalar->type)) + " and " +
                               std::string(input::type_name(item.type)) +
                               "): write them all the same way, e.g. all as strings");
        }
      }
    }
  }
}

class WrongElementType final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const auto& policy = ctx.policy();
    if (!policy.root->is_object()) return;
    if (const JsonMember* id = policy.root->find("Id"); id != nullptr && !id->value.is_string()) {
      ctx.report(id->value, "Id must be a string, " + found(id->value));
    }
    if (policy.statement != nullptr) {
      const JsonNode& st = policy.statement->value;
      if (!st.is_array() && !st.is_object()) {
        ctx.report(st, "Statement must be an object or an array of objects, " + found(st));
      } else if (st.is_array()) {
        for (const auto& item : st.items) {
          if (!item.is_object()) ctx.report(item, "each Statement entry must be an object, " + found(item));
        }
      }
    }
    for (const auto& st : policy.statements) {
      if (!st.node->is_object()) continue;
      if (st.sid != nullptr && !st.sid->value.is_string())
        ctx.report(st.sid->value, "Sid must be a string, " + found(st.sid->value));
      string_or_strings(ctx, st.action);
      string_or_strings(ctx, st.not_action);
      string_or_strings(ctx, st.resource);
      string_or_strings(ctx, st.not_resource);
      principal(ctx, st.principal);
      principal(ctx, st.not_principal);
      condition(ctx, st.condition);
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_wrong_element_type() { return std::make_unique<WrongElementType>(); }

}  // namespace sagelint::rules
