// SL303: in a trust or resource-based policy every statement must say who it applies to;
// IAM and the services reject a statement without Principal or NotPrincipal.
#include "rules/support/policy_kind.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class MissingPrincipal final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const policy::PolicyKind kind = effective_kind(ctx);
    if (kind == policy::PolicyKind::Identity) return;
    const std::string example = kind == policy::PolicyKind::Trust ? "{\"Service\": \"sagemaker.amazonaws.com\"}"
                                                                  : "{\"AWS\": \"arn:aws:iam::111122223333:root\"}";
    for (const auto& st : ctx.policy().statements) {
      if (!st.node->is_object() || names_principal(st)) continue;
      ctx.report_range(st.node->begin, st.node->begin + 1, st.node,
                       "statement in a " + std::string(policy::kind_name(kind)) +
                           " policy has no Principal: add one, e.g. \"Principal\": " + example);
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_missing_principal() { return std::make_unique<MissingPrincipal>(); }

}  // namespace sagelint::rules
