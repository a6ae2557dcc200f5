// SL205: an account id that documentation uses as a stand-in (123456789012, 111122223333,
// 000000000000 ...) in an ARN, a principal or a condition value. IAM accepts it, but the policy
// then names some other (or no) account: usually a copied example that was never filled in.
#include "rules/support/arn.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class ExampleAccountId final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    for (const auto& st : ctx.policy().statements) {
      for (const auto& r : st.resources) check_value(ctx, *r.node);
      for (const auto& p : st.principals) check_value(ctx, *p.value.node);
      for (const auto& c : st.conditions) {
        for (const JsonNode* v : c.values) {
          if (v->is_string()) check_value(ctx, *v);
        }
      }
    }
  }

 private:
  static void check_value(RuleContext& ctx, const JsonNode& node) {
    std::string_view text = node.text;
    size_t at = 0;
    std::string_view account;
    if (arn::is_example_account(text)) {
      account = text;
    } else if (text.starts_with("arn:")) {
      arn::Parts parts = arn::split(text);
      if (parts.count < arn::kFieldCount || !arn::is_example_account(parts.field[arn::kAccount])) return;
      account = parts.field[arn::kAccount];
      at = parts.at[arn::kAccount];
    } else {
      return;
    }
    std::string_view source = ctx.document().source->text();
    uint32_t b = arn::source_offset(node, source, at);
    uint32_t e = arn::source_offset(node, source, at + account.size());
    ctx.report_range(b, e, &node,
                     quote(account) +
                         " looks like a documentation example account id: replace it with the id of "
                         "the account you mean");
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_example_account_id() { return std::make_unique<ExampleAccountId>(); }

}  // namespace sagelint::rules
