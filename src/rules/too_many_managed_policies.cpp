// SL701: more managed policies attached to a role, user or group than IAM's quota. Counts
// distinct attachments; one that CloudFormation may leave out (Fn::If) is not counted, so the
// rule never reports a count the principal might not reach.
#include "rules/support/messages.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class TooManyManagedPolicies final : public lint::PrincipalRule {
 public:
  void check_principals(lint::PrincipalContext& ctx) const override {
    for (const auto& p : ctx.principals().principals()) {
      size_t quota = static_cast<size_t>(ctx.option_int(p.kind == principal::PrincipalKind::Role   ? "role-quota"
                                                        : p.kind == principal::PrincipalKind::User ? "user-quota"
                                                                                                   : "group-quota"));
      size_t aws = 0, customer = 0, unknown = 0;
      for (const auto& a : p.managed) {
        if (a.conditional) continue;
        if (a.kind == principal::PolicyKind::AwsManaged) {
          ++aws;
        } else if (a.kind == principal::PolicyKind::CustomerManaged) {
          ++customer;
        } else {
          ++unknown;
        }
      }
      size_t count = aws + customer + unknown;
      if (count <= quota) continue;
      std::string parts = std::to_string(aws) + " AWS managed, " + std::to_string(customer) + " customer managed";
      if (unknown > 0) parts += ", " + std::to_string(unknown) + " computed at deploy time";
      std::string limit;
      std::string fix;
      switch (p.kind) {
        case principal::PrincipalKind::Role:
          limit = "IAM allows " + std::to_string(quota) + " per role";
          fix =
              "merge customer managed policies, move permissions into inline policies, or request a quota increase "
              "(up to 20)";
          break;
        case principal::PrincipalKind::User:
          limit = "IAM allows " + std::to_string(quota) + " per user";
          fix =
              "attach policies to the user's groups instead, merge customer managed policies, or request a quota "
              "increase (up to 20)";
          break;
        case principal::PrincipalKind::Group:
          limit = "IAM allows " + std::to_string(quota) + " per group (not adjustable)";
          fix = "split the group, or merge customer managed policies";
          break;
      }
      ctx.report(p.definition, describe(p) + " has " + std::to_string(count) + " managed policies attached (" + parts +
                                   "); " + limit + ": " + fix);
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_too_many_managed_policies() { return std::make_unique<TooManyManagedPolicies>(); }

}  // namespace sagelint::rules
