// SL017: a statement without Action or NotAction; IAM rejects it.
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class MissingAction final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    for (const auto& st : ctx.policy().statements) {
      if (!st.node->is_object() || st.action != nullptr || st.not_action != nullptr) continue;
      ctx.report_range(st.node->begin, st.node->begin + 1, st.node, "statement has no Action or NotAction");
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_missing_action() { return std::make_unique<MissingAction>(); }

}  // namespace sagelint::rules
