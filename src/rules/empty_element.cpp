// SL011: an empty array or object where emptiness changes meaning. An empty Action, Resource
// or Principal list makes the statement match nothing, an empty NotAction or NotResource
// excludes nothing, an empty condition block or value list usually means a template lost its
// contents. IAM accepts these (Access Analyzer suggests fixing them), so the policy silently
// does something other than what it seems to say.
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

bool empty(const JsonNode& n) { return (n.is_array() && n.items.empty()) || (n.is_object() && n.members.empty()); }

std::string what_not_excludes(std::string_view key) {
  return key == "NotAction" ? "every action" : (key == "NotResource" ? "every resource" : "every principal");
}

class EmptyElement final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const auto& policy = ctx.policy();
    if (policy.statement != nullptr && empty(policy.statement->value)) {
      ctx.report(policy.statement->value, "Statement is empty: the policy grants and denies nothing");
    }
    for (const auto& st : policy.statements) {
      for (const JsonMember* m : {st.action, st.resource, st.principal}) {
        if (m != nullptr && empty(m->value)) {
          ctx.report(m->value, m->key + " is empty: the statement matches nothing and has no effect");
        }
      }
      for (const JsonMember* m : {st.not_action, st.not_resource, st.not_principal}) {
        if (m != nullptr && empty(m->value)) {
          ctx.report(m->value, m->key + " is empty: it excludes nothing, so the statement applies to " +
                                   what_not_excludes(m->key));
        }
      }
      // An empty action string is reported by malformed-action; an empty resource string here.
      for (const JsonMember* m : {st.resource, st.not_resource}) {
        if (m != nullptr && m->value.is_string() && m->value.text.empty()) {
          ctx.report(m->value, m->key + " is an empty string: it matches no resource");
        }
      }
      if (st.condition != nullptr && st.condition->value.is_object()) {
        if (st.condition->value.members.empty()) {
          ctx.report(st.condition->value,
                     "Condition is empty: it has no effect; remove it, or add the conditions that were meant");
        }
        for (const auto& op : st.condition->value.members) {
          if (empty(op.value)) {
            ctx.report(op.value, "condition operator " + quote(op.key) + " has no condition keys");
          }
        }
      }
      for (const auto& clause : st.conditions) {
        if (!clause.key_member->value.is_array() || !clause.key_member->value.items.empty()) continue;
        std::string msg = "condition key " + quote(clause.key) + " has an empty list of values: ";
        if (clause.op.qualifier == policy::SetQualifier::ForAllValues || clause.op.if_exists) {
          msg += "it matches only when the key is absent from the request; use the Null operator to test for that";
        } else if (clause.op.qualifier == policy::SetQualifier::ForAnyValue) {
          msg += "the condition never matches, so the statement has no effect";
        } else {
          msg += "there is nothing to compare the key with, so the statement has no effect";
        }
        ctx.report(clause.key_member->value, msg);
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_empty_element() { return std::make_unique<EmptyElement>(); }

}  // namespace sagelint::rules
