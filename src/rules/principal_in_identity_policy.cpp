// SL301: identity policies (attached to a user, group or role) must not name a Principal:
// the principal is whoever the policy is attached to. IAM rejects it.
#include "rules/common.hpp"

namespace sagelint::rules {
namespace {

class PrincipalInIdentityPolicy final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    if (ctx.policy().kind != policy::PolicyKind::Identity) return;
    for (const auto& st : ctx.policy().statements) {
      for (const JsonMember* m : {st.principal, st.not_principal}) {
        if (m == nullptr) continue;
        ctx.report_key(*m, m->key + " is not allowed in an identity-based policy: the policy applies to the user, "
                                    "group or role it is attached to");
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_principal_in_identity_policy() {
  return std::make_unique<PrincipalInIdentityPolicy>();
}

}  // namespace sagelint::rules
