// SL305: a wildcard inside a principal ("arn:aws:iam::210987654321:role/ml-*",
// "arn:aws:iam::*:root", "*.amazonaws.com"). The Principal element takes "*" alone for everyone,
// or exact principals. The IAM User Guide (Principal element): "You cannot use a wildcard to
// match part of a principal name or ARN". To admit a family of roles, use "AWS": "arn:aws:iam::ACCOUNT:root" (or "*")
// with an aws:PrincipalArn ArnLike condition.
#include "rules/support/arn.hpp"
#include "rules/support/prelude.hpp"
#include "text/text.hpp"

namespace sagelint::rules {
namespace {

class WildcardInPrincipalArn final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    for (const auto& st : ctx.policy().statements) {
      for (const auto& p : st.principals) {
        const std::string_view text = p.value.text;
        if (p.type == "*" || text == "*" || p.value.node->opaque || !text::has_wildcard(text)) continue;
        std::string msg =
            quote(text) +
            " has a wildcard inside a principal: the Principal element takes \"*\" alone for all "
            "principals, or exact principals, and AWS documents that \"you cannot use a wildcard to match part "
            "of a principal name or ARN\" (IAM User Guide, Principal element), so it cannot admit the family of "
            "principals it was meant for";
        const bool any_account = text.starts_with("arn:") && text::has_wildcard(arn::split(text).field[arn::kAccount]);
        if (p.type == "AWS" && any_account) {
          msg +=
              "; to admit principals of several accounts, write \"AWS\": \"*\" and narrow it with a condition on "
              "aws:PrincipalAccount or aws:PrincipalOrgID";
        } else if (p.type == "AWS") {
          msg +=
              "; name the account (\"arn:aws:iam::ACCOUNT:root\") and narrow it with \"Condition\": {\"ArnLike\": "
              "{\"aws:PrincipalArn\": \"" +
              std::string(text) + "\"}}";
        } else {
          msg += "; list each principal exactly";
        }
        ctx.report(*p.value.node, msg);
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_wildcard_in_principal_arn() { return std::make_unique<WildcardInPrincipalArn>(); }

}  // namespace sagelint::rules
