// SL019: Allow with NotAction, NotResource or NotPrincipal grants everything except what is
// listed, including actions, resources and principals that do not exist yet.
#include "rules/common.hpp"

namespace sagelint::rules {
namespace {

class AllowWithNegation final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    for (const auto& st : ctx.policy().statements) {
      if (!st.is_allow()) continue;
      if (st.not_action != nullptr) {
        ctx.report_key(*st.not_action, "\"Allow\" with NotAction allows every action except those listed, in "
                                       "every service, including actions added later");
      }
      if (st.not_resource != nullptr) {
        ctx.report_key(*st.not_resource, "\"Allow\" with NotResource allows the actions on every resource except "
                                         "those listed");
      }
      if (st.not_principal != nullptr) {
        ctx.report_key(*st.not_principal, "\"Allow\" with NotPrincipal grants access to every principal except "
                                          "those listed, including anonymous users");
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_allow_with_negation() { return std::make_unique<AllowWithNegation>(); }

}  // namespace sagelint::rules
