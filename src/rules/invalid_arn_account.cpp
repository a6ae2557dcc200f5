// SL203: the account field of a resource ARN does not fit: not a 12-digit account id (hyphens,
// wrong length), an account where the service's format has none (S3 bucket and object ARNs),
// or none where every matching format needs one. Such an ARN names no resource.
#include "rules/support/arn.hpp"
#include "rules/support/arn_glob.hpp"
#include "rules/support/arn_placeholders.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class InvalidArnAccount final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    for (const auto& st : ctx.policy().statements) {
      for (const auto& r : st.resources) check_value(ctx, r);
    }
  }

 private:
  static void check_value(RuleContext& ctx, const policy::StringValue& r) {
    std::string_view text = r.text;
    arn::Parts parts;
    if (!arn::split_complete(text, parts)) return;
    std::string_view account = parts.field[arn::kAccount];
    std::string_view service = parts.field[arn::kService];
    if (arn::has_variable(account) || text::has_wildcard(service) || !arn::find_placeholders(text, true).empty())
      return;
    const JsonNode& node = *r.node;
    const auto [b, e] = arn::field_range(node, ctx.document().source->text(), parts, arn::kAccount);
    // "aws" owns AWS managed resources (arn:aws:iam::aws:policy/...).
    const bool valid_shape = account.empty() || account == "aws" || arn::is_account_pattern(account);
    if (!valid_shape) {
      std::string digits;
      for (char c : account) {
        if (c >= '0' && c <= '9') digits += c;
      }
      std::string msg = quote(account) + " is not an AWS account id: use the 12 digits";
      if (digits.size() == 12 && account.find('-') != std::string_view::npos)
        msg += " without hyphens (" + digits + ")";
      msg += ", or \"*\"";
      ctx.report_range(b, e, &node, msg);
      return;
    }
    // Only a literal account can be one the format does not have.
    if (account.empty() || account == "*" || account == "aws" || text::has_wildcard(account)) return;
    auto types = arn::candidate_types(ctx.catalog(), parts);
    if (types.empty()) return;
    if (arn::none_has_field(types, arn::kAccount)) {
      ctx.report_range(b, e, &node,
                       "the ARN of " + arn::describe_type(service, *types.front()) + " has no account: remove " +
                           quote(account) + " so the field is empty");
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_invalid_arn_account() { return std::make_unique<InvalidArnAccount>(); }

}  // namespace sagelint::rules
