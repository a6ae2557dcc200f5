// SL702: the inline policies of a role, user or group together exceed IAM's aggregate size
// quota (characters without white space).
#include "rules/support/messages.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class InlinePoliciesTooLarge final : public lint::PrincipalRule {
 public:
  void check_principals(lint::PrincipalContext& ctx) const override {
    for (const auto& p : ctx.principals().principals()) {
      const char* option = p.kind == principal::PrincipalKind::Role   ? "role-limit"
                           : p.kind == principal::PrincipalKind::User ? "user-limit"
                                                                      : "group-limit";
      const size_t limit = static_cast<size_t>(ctx.option_int(option));
      // The option's default in the TOML is IAM's quota.
      const size_t quota = static_cast<size_t>(ctx.meta().options.integer(option));
      size_t total = 0;
      size_t counted = 0;
      size_t largest = 0;
      std::string largest_name;
      for (const auto& a : p.inline_policies) {
        if (a.conditional || a.document == nullptr || a.document->root == nullptr) continue;
        size_t size = principal::policy_size(*a.document->root);
        total += size;
        ++counted;
        if (size > largest) {
          largest = size;
          largest_name = a.name;
        }
      }
      if (total <= limit) continue;
      std::string message = describe(p) + " has " + std::to_string(counted) + " inline polic" +
                            (counted == 1 ? "y" : "ies") + " of " + thousands(total) +
                            " characters in all (white space not counted); " +
                            limit_phrase(limit, quota, principal::kind_name(p.kind));
      if (counted > 1 && !largest_name.empty()) {
        message += " (largest: " + quote(largest_name) + ", " + thousands(largest) + ")";
      }
      message += ": move statements into customer managed policies";
      ctx.report(p.definition, std::move(message));
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_inline_policies_too_large() { return std::make_unique<InlinePoliciesTooLarge>(); }

}  // namespace sagelint::rules
