// SL415: an account condition key (aws:SourceAccount, aws:ResourceAccount, aws:PrincipalAccount,
// aws:SourceOwner) compared with a value that is not an account id. The request carries a
// 12-digit id, so "StringEquals": {"aws:SourceAccount": "11112222333"} never matches: the
// confused-deputy check of a trust policy then rejects the service, or in a negated test lets
// every account through. A StringLike pattern is judged by whether it can match 12 digits.
#include <algorithm>

#include "rules/support/conditions.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

constexpr std::string_view kAccountKeys[] = {"aws:sourceaccount", "aws:resourceaccount", "aws:principalaccount",
                                             "aws:sourceowner"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Can the exact value or the pattern ever equal a 12-digit account id?
bool can_be_account(std::string_view text, bool like) {
  if (!like) return text.size() == 12 && std::all_of(text.begin(), text.end(), is_digit);
  size_t fixed = 0;
  bool star = false;
  for (char c : text) {
    if (c == '*') {
      star = true;
    } else if (c == '?' || is_digit(c)) {
      ++fixed;
    } else {
      return false;
    }
  }
  return star ? fixed <= 12 : fixed == 12;
}

class InvalidAccountConditionValue final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    for (const auto& st : ctx.policy().statements) {
      for (const auto& c : st.conditions) {
        const std::string key = lower(c.key);
        if (std::find(std::begin(kAccountKeys), std::end(kAccountKeys), key) == std::end(kAccountKeys)) continue;
        const std::string_view base = c.op.base;
        const bool like = base == "StringLike" || base == "StringNotLike";
        if (!like && base != "StringEquals" && base != "StringNotEquals" && base != "StringEqualsIgnoreCase" &&
            base != "StringNotEqualsIgnoreCase") {
          continue;
        }
        for (const JsonNode* v : c.values) {
          if (v->opaque) continue;
          const auto text = scalar_text(*v);
          if (!text || text->empty() || has_policy_variable(*text) || can_be_account(*text, like)) continue;
          std::string why = *text == "aws" || text->find(':') != std::string::npos
                                ? "it looks like an ARN or partition, not an account id"
                                : "an account id is exactly 12 digits";
          ctx.report(*v, quote(*text) + " is not an AWS account id (" + why + "): " + quote(c.key) +
                             " always holds 12 digits, so this test " +
                             (is_negated(base) ? "is true for every account" : "never matches") +
                             "; write the 12-digit id of the account you mean");
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_invalid_account_condition_value() {
  return std::make_unique<InvalidAccountConditionValue>();
}

}  // namespace sagelint::rules
