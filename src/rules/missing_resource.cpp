// SL018: an identity-policy statement without Resource or NotResource; IAM rejects it
// ("Policy statement must contain resources"). Trust policies take no Resource (the role is
// the resource), so they are exempt.
#include "rules/support/policy_kind.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

// Every action is sts:AssumeRole*: the author probably meant a trust policy.
bool only_assume_role(const Statement& st) {
  if (st.actions.empty() || st.actions_negated) return false;
  for (const auto& a : st.actions) {
    if (!lower(a.text).starts_with("sts:assumerole")) return false;
  }
  return true;
}

class MissingResource final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    if (effective_kind(ctx) != policy::PolicyKind::Identity) return;
    for (const auto& st : ctx.policy().statements) {
      if (!st.node->is_object() || st.resource != nullptr || st.not_resource != nullptr) continue;
      std::string msg =
          "statement has no Resource or NotResource: identity-based policies must name the resources "
          "(use \"Resource\": \"*\" for actions that take no resource)";
      if (only_assume_role(st)) {
        msg =
            "statement has no Resource: if this is a role trust policy, it needs a Principal (e.g. "
            "{\"Service\": \"sagemaker.amazonaws.com\"}) instead; as an identity-based policy it needs the role "
            "ARNs in Resource";
      }
      ctx.report_range(st.node->begin, st.node->begin + 1, st.node, msg);
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_missing_resource() { return std::make_unique<MissingResource>(); }

}  // namespace sagelint::rules
