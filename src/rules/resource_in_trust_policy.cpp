// SL302: a role trust policy has no Resource: the role itself is the resource. IAM rejects
// a trust policy with Resource or NotResource ("Has prohibited field Resource").
#include "rules/support/policy_kind.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class ResourceInTrustPolicy final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    if (effective_kind(ctx) != policy::PolicyKind::Trust) return;
    for (const auto& st : ctx.policy().statements) {
      for (const JsonMember* m : {st.resource, st.not_resource}) {
        if (m == nullptr) continue;
        ctx.report_key(*m, m->key +
                               " is not allowed in a role trust policy (IAM rejects it with \"Has prohibited "
                               "field " +
                               m->key + "\"): the role is the resource; remove " + m->key);
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_resource_in_trust_policy() { return std::make_unique<ResourceInTrustPolicy>(); }

}  // namespace sagelint::rules
