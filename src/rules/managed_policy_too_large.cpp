// SL703: a customer managed policy larger than IAM's quota (characters without white space).
// AWS managed policies are not subject to it (AmazonSageMakerFullAccess is over 13,000).
#include "rules/support/messages.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class ManagedPolicyTooLarge final : public lint::PrincipalRule {
 public:
  void check_principals(lint::PrincipalContext& ctx) const override {
    const size_t limit = static_cast<size_t>(ctx.option_int("limit"));
    const size_t quota = static_cast<size_t>(ctx.meta().options.integer("limit"));  // the TOML default
    for (const auto& cm : ctx.principals().customer_managed()) {
      if (cm.document == nullptr || cm.document->root == nullptr) continue;
      size_t size = principal::policy_size(*cm.document->root);
      if (size <= limit) continue;
      ctx.report(cm.definition, "customer managed policy " + quote(cm.name) + " is " + thousands(size) +
                                    " characters (white space not counted); " + limit_phrase(limit, quota) +
                                    ": split it into several managed policies");
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_managed_policy_too_large() { return std::make_unique<ManagedPolicyTooLarge>(); }

}  // namespace sagelint::rules
