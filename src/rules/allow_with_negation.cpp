// SL019: Allow with NotAction or NotResource grants everything except what is listed,
// including actions and resources that do not exist yet. (Allow with NotPrincipal is not
// supported at all: conflicting-elements reports it.)
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class AllowWithNegation final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    for (const auto& st : ctx.policy().statements) {
      if (!st.is_allow()) continue;
      if (st.not_action != nullptr) {
        ctx.report_key(*st.not_action,
                       "\"Allow\" with NotAction allows every action except those listed, in "
                       "every service, including actions added later");
      }
      if (st.not_resource != nullptr) {
        ctx.report_key(*st.not_resource,
                       "\"Allow\" with NotResource allows the actions on every resource except "
                       "those listed");
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_allow_with_negation() { return std::make_unique<AllowWithNegation>(); }

}  // namespace sagelint::rules
