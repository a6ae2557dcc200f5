// SL018: an identity-policy statement without Resource or NotResource; IAM rejects it.
// Trust policies take no Resource (the role is the resource), so they are exempt.
#include "rules/common.hpp"

namespace sagelint::rules {
namespace {

class MissingResource final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    if (ctx.policy().kind != policy::PolicyKind::Identity) return;
    for (const auto& st : ctx.policy().statements) {
      if (!st.node->is_object() || st.resource != nullptr || st.not_resource != nullptr) continue;
      ctx.report_range(st.node->begin, st.node->begin + 1, st.node,
                       "statement has no Resource or NotResource (use \"Resource\": \"*\" for actions that "
                       "take no resource)");
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_missing_resource() { return std::make_unique<MissingResource>(); }

}  // namespace sagelint::rules
