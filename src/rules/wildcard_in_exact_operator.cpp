// SL413: a '*' or '?' in the value of StringEquals, StringNotEquals or their IgnoreCase forms.
// Only StringLike / StringNotLike (and the ARN operators) read wildcards: the exact operators
// compare the characters literally, so "StringEquals": {"aws:PrincipalTag/team": "ml-*"} matches
// only a tag whose value is the four characters "ml-*". A policy variable ("${aws:username}") and
// the escapes "${*}" / "${?}" are not wildcards.
#include "rules/support/conditions.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

// The offset of the first IAM wildcard outside ${...}, or npos.
size_t first_wildcard(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      const size_t close = text.find('}', i);
      if (close == std::string_view::npos) return std::string_view::npos;
      i = close;
      continue;
    }
    if (text[i] == '*' || text[i] == '?') return i;
  }
  return std::string_view::npos;
}

class WildcardInExactOperator final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    for (const auto& st : ctx.policy().statements) {
      for (const auto& c : st.conditions) {
        const std::string_view base = c.op.base;
        if (base != "StringEquals" && base != "StringNotEquals" && base != "StringEqualsIgnoreCase" &&
            base != "StringNotEqualsIgnoreCase") {
          continue;
        }
        for (const JsonNode* v : c.values) {
          if (!v->is_string() || v->opaque || first_wildcard(v->text) == std::string_view::npos) continue;
          const bool negated = base.find("Not") != std::string_view::npos;
          const std::string like = negated ? "StringNotLike" : "StringLike";
          std::string effect = negated ? "so every value except these exact characters passes the test"
                                       : "so only a value with these exact characters matches";
          ctx.report(*v, quote(v->text) + " holds a wildcard, but " + quote(c.op.written) +
                             " compares characters literally (only the Like operators read '*' and '?'), " + effect +
                             "; use " + quote(like) + " for a pattern, or remove the wildcard");
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_wildcard_in_exact_operator() { return std::make_unique<WildcardInExactOperator>(); }

}  // namespace sagelint::rules
