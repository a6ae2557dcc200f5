// SL704: a role's trust policy larger than IAM's quota (characters without white space).
#include "rules/support/messages.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class TrustPolicyTooLarge final : public lint::PrincipalRule {
 public:
  void check_principals(lint::PrincipalContext& ctx) const override {
    size_t limit = static_cast<size_t>(ctx.option_int("limit"));
    for (const auto& p : ctx.principals().principals()) {
      if (p.trust == nullptr || p.trust->root == nullptr) continue;
      size_t size = principal::policy_size(*p.trust->root);
      if (size <= limit) continue;
      ctx.report(p.trust_where, "trust policy of " + describe(p) + " is " + thousands(size) +
                                    " characters (white space not counted); IAM allows " + thousands(limit) +
                                    " by default (up to 4,096 after a quota increase): shorten it, e.g. list "
                                    "principals as one array in one statement");
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_trust_policy_too_large() { return std::make_unique<TrustPolicyTooLarge>(); }

}  // namespace sagelint::rules
