// SL103: an action pattern with '*' or '?' that matches no action in the catalog
// ("sagemaker:Describe*Clusters"). Plain names are left to unknown-action and unknown-service.
#include "rules/support/actions.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class ActionWildcardMatchesNothing final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const catalog::Catalog& cat = ctx.catalog();
    for (const auto& st : ctx.policy().statements) {
      for (const auto& a : st.actions) {
        const auto parsed = split_action(a.text);
        if (!parsed || !text::has_wildcard(a.text)) continue;
        // A literal unknown prefix is unknown-service's finding, not a wildcard problem.
        if (cat.service(parsed->service) == nullptr) continue;
        if (matches_any_action(cat, *parsed)) continue;
        std::string consequence = st.actions_negated ? "NotAction excludes nothing with it"
                                  : st.is_deny()     ? "this Deny blocks nothing with it"
                                                     : "the statement grants nothing with it";
        ctx.report(*a.node, "action pattern " + quote(a.text) +
                                " matches no action in the IAM service catalog (data of " +
                                std::string(cat.data_date()) + "), so " + consequence +
                                "; check the spelling and where the wildcard stands");
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_action_wildcard_matches_nothing() {
  return std::make_unique<ActionWildcardMatchesNothing>();
}

}  // namespace sagelint::rules
