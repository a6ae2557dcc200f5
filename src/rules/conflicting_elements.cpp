// SL016: a statement has both an element and its negation (Action and NotAction, ...).
// IAM rejects it: the two cannot be combined in one statement.
#include "rules/common.hpp"

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
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_conflicting_elements() { return std::make_unique<ConflictingElements>(); }

}  // namespace sagelint::rules
