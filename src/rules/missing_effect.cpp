// SL014: every statement needs an Effect; IAM rejects a statement without one.
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class MissingEffect final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    for (const auto& st : ctx.policy().statements) {
      if (!st.node->is_object() || st.effect != nullptr) continue;
      ctx.report_range(st.node->begin, st.node->begin + 1, st.node,
                       "statement has no Effect: add \"Effect\": \"Allow\" or \"Effect\": \"Deny\"");
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_missing_effect() { return std::make_unique<MissingEffect>(); }

}  // namespace sagelint::rules
