// SL301: identity policies (attached to a user, group or role) must not name a Principal:
// the principal is whoever the policy is attached to. IAM rejects it ("Unsupported principal").
#include "rules/support/policy_kind.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class PrincipalInIdentityPolicy final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    if (effective_kind(ctx) != policy::PolicyKind::Identity) return;
    // Only a guess from the statements themselves says "identity" here: say why.
    const bool guessed = ctx.policy().kind != policy::PolicyKind::Identity;
    for (const auto& st : ctx.policy().statements) {
      for (const JsonMember* m : {st.principal, st.not_principal}) {
        if (m == nullptr) continue;
        std::string msg = m->key +
                          " is not allowed in an identity-based policy: the policy applies to the user, "
                          "group or role it is attached to";
        if (guessed) {
          msg +=
              " (most statements of this policy name no principal, so it is read as identity-based; if it is a "
              "resource-based policy, every statement needs a Principal)";
        }
        ctx.report_key(*m, msg);
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_principal_in_identity_policy() {
  return std::make_unique<PrincipalInIdentityPolicy>();
}

}  // namespace sagelint::rules
