// SL303: in a trust or resource-based policy every statement must say who it applies to.
#include "rules/common.hpp"

namespace sagelint::rules {
namespace {

class MissingPrincipal final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    if (ctx.policy().kind == policy::PolicyKind::Identity) return;
    for (const auto& st : ctx.policy().statements) {
      if (!st.node->is_object() || st.principal != nullptr || st.not_principal != nullptr) continue;
      ctx.report_range(st.node->begin, st.node->begin + 1, st.node,
                       "statement in a " + std::string(policy::kind_name(ctx.policy().kind)) +
                           " policy has no Principal or NotPrincipal");
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_missing_principal() { return std::make_unique<MissingPrincipal>(); }

}  // namespace sagelint::rules
