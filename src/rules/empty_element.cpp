// SL011: an empty array or object where emptiness changes meaning: an empty Action or
// Resource list matches nothing (IAM rejects most of these), an empty condition block or
// value list usually means a template lost its contents.
#include "rules/common.hpp"

namespace sagelint::rules {
namespace {

bool empty(const JsonNode& n) { return (n.is_array() && n.items.empty()) || (n.is_object() && n.members.empty()); }

class EmptyElement final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const auto& policy = ctx.policy();
    if (policy.statement != nullptr && empty(policy.statement->value)) {
      ctx.report(policy.statement->value, "Statement is empty: the policy grants and denies nothing");
    }
    for (const auto& st : policy.statements) {
      for (const JsonMember* m : {st.action, st.not_action, st.resource, st.not_resource}) {
        if (m != nullptr && m->value.is_string() && m->value.text.empty()) {
          ctx.report(m->value, m->key + " is an empty string: it matches nothing");
        } else if (m != nullptr && empty(m->value)) {
          ctx.report(m->value, m->key + " is empty: " +
                                   (m->key.starts_with("Not") ? "the statement applies to everything"
                                                               : "the statement matches nothing"));
        }
      }
      for (const JsonMember* m : {st.principal, st.not_principal}) {
        if (m != nullptr && empty(m->value)) ctx.report(m->value, m->key + " is empty: it names no principal");
      }
      if (st.condition != nullptr && st.condition->value.is_object()) {
        if (st.condition->value.members.empty()) {
          ctx.report(st.condition->value, "Condition is empty: remove it, or add the conditions that were meant");
        }
        for (const auto& op : st.condition->value.members) {
          if (empty(op.value)) {
            ctx.report(op.value, "condition operator " + quote(op.key) + " has no condition keys");
          }
        }
      }
      for (const auto& clause : st.conditions) {
        if (clause.key_member->value.is_array() && clause.key_member->value.items.empty()) {
          ctx.report(clause.key_member->value, "condition key " + quote(clause.key) +
                                                   " has an empty list of values: the condition can never match");
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_empty_element() { return std::make_unique<EmptyElement>(); }

}  // namespace sagelint::rules
