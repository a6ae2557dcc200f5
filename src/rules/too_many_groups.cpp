// SL705: an IAM user in more groups than IAM allows (not adjustable).
#include "rules/support/messages.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

constexpr size_t kIamQuota = 10;  // the option's default: IAM's, not adjustable

class TooManyGroups final : public lint::PrincipalRule {
 public:
  void check_principals(lint::PrincipalContext& ctx) const override {
    size_t quota = static_cast<size_t>(ctx.option_int("quota"));
    for (const auto& p : ctx.principals().principals()) {
      if (p.kind != principal::PrincipalKind::User || p.group_references <= quota) continue;
      ctx.report(p.definition, describe(p) + " is a member of " + std::to_string(p.group_references) + " groups; " +
                                   limit_phrase(quota, kIamQuota, "user") +
                                   ": merge groups, or attach the policies to the user");
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_too_many_groups() { return std::make_unique<TooManyGroups>(); }

}  // namespace sagelint::rules
