#include "rules/support/policy_kind.hpp"

namespace sagelint::rules {

bool names_principal(const Statement& st) { return st.principal != nullptr || st.not_principal != nullptr; }

policy::PolicyKind effective_kind(const RuleContext& ctx) {
  const policy::Policy& policy = ctx.policy();
  if (ctx.document().kind_hint != input::KindHint::Unknown || policy.kind == policy::PolicyKind::Identity) {
    return policy.kind;
  }
  size_t with = 0;
  size_t without = 0;
  for (const auto& st : policy.statements) {
    if (!st.node->is_object()) continue;
    (names_principal(st) ? with : without) += 1;
  }
  return (with > 0 && without > with) ? policy::PolicyKind::Identity : policy.kind;
}

}  // namespace sagelint::rules
