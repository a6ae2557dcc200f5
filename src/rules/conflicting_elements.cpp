// SL016: a statement has both an element and its negation (Action and NotAction, ...), or
// NotPrincipal with Allow. IAM rejects the pairs ("Unsupported element combination"), and
// NotPrincipal is supported only with Deny.
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class ConflictingElements final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    for (const auto& st : ctx.policy().statements) {
      const std::pair<const JsonMember*, const JsonMember*> pairs[] = {
          {st.action, st.not_action}, {st.resource, st.not_resource}, {st.principal, st.not_principal}};
      for (const auto& [plain, negated] : pairs) {
        if (plain == nullptr || negated == nullptr) continue;
        ctx.report_key(*negated, "statement has both " + plain->key + " and " + negated->key +
                                     ": a statement takes one or the other");
        ctx.relate_key(*plain, "the statement's " + plain->key);
      }
      // The NotPrincipal page: "NotPrincipal must be used with "Effect":"Deny". Using it with
      // "Effect":"Allow" is not supported."
      if (st.not_principal != nullptr && st.is_allow()) {
        ctx.report_key(*st.not_principal,
                       "NotPrincipal with \"Effect\": \"Allow\" is not supported (NotPrincipal "
                       "works only with Deny): name the principals to allow in Principal");
        if (st.effect != nullptr) ctx.relate_key(*st.effect, "the statement's Effect");
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_conflicting_elements() { return std::make_unique<ConflictingElements>(); }

}  // namespace sagelint::rules
