// SL207: a ${...} in a Resource or Condition value that IAM cannot substitute: no closing brace,
// nothing inside, a default value not in single quotes, or a name that is not a condition key
// (a typo such as ${aws:usename}, or a CloudFormation ${AWS::Region} left unresolved). IAM
// accepts the policy; the variable then never matches what was intended.
#include "rules/support/arn.hpp"
#include "rules/support/arn_placeholders.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// 'text' with '' standing for one quote.
bool is_quoted_default(std::string_view s) {
  if (s.size() < 2 || s.front() != '\'' || s.back() != '\'') return false;
  std::string_view body = s.substr(1, s.size() - 2);
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\'') continue;
    if (i + 1 < body.size() && body[i + 1] == '\'') {
      ++i;
    } else {
      return false;
    }
  }
  return true;
}

class InvalidPolicyVariable final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    for (const auto& st : ctx.policy().statements) {
      for (const auto& r : st.resources) check_value(ctx, *r.node);
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
    std::string_view source = ctx.document().source->text();
    for (size_t at = text.find("${"); at != std::string_view::npos; at = text.find("${", at + 2)) {
      size_t close = text.find('}', at + 2);
      size_t end = close == std::string_view::npos ? text.size() : close + 1;
      uint32_t b = arn::source_offset(node, source, at);
      uint32_t e = arn::source_offset(node, source, end);
      if (close == std::string_view::npos) {
        ctx.report_range(b, e, &node,
                         "policy variable " + quote(text.substr(at)) + " has no closing '}': IAM reads it as text");
        return;
      }
      std::string_view inner = text.substr(at + 2, close - at - 2);
      // In a template, ${Bucket} and ${AWS::Region} are the template's own substitutions.
      if ((node.opaque || !ctx.document().origin.empty()) && arn::is_template_reference(inner)) {
        at = close - 1;
        continue;
      }
      std::string problem = judge(ctx, inner);
      if (!problem.empty())
        ctx.report_range(b, e, &node, "policy variable " + quote(text.substr(at, end - at)) + " " + problem);
      at = close - 1;
    }
  }

  // Empty when the variable is fine; otherwise what is wrong and what to do.
  static std::string judge(RuleContext& ctx, std::string_view inner) {
    if (inner == "*" || inner == "?" || inner == "$") return {};
    std::string_view name = inner;
    if (size_t comma = inner.find(','); comma != std::string_view::npos) {
      name = inner.substr(0, comma);
      std::string_view def = trim(inner.substr(comma + 1));
      if (!is_quoted_default(def)) {
        return "has a default value that is not in single quotes: write it as ${" + std::string(trim(name)) +
               ", 'value'}";
      }
    }
    name = trim(name);
    if (name.empty()) return "is empty: put a condition key inside, e.g. ${aws:username}";
    if (ctx.catalog().condition_key(name) != nullptr) return {};
    if (name.starts_with("AWS::") || name.starts_with("Fn::")) {
      return "is a CloudFormation pseudo parameter, not an IAM policy variable: IAM compares it as literal text; "
             "resolve it with Fn::Sub or write the value";
    }
    size_t colon = name.find(':');
    if (colon == std::string_view::npos) {
      return "is not a condition key (those read service:key, e.g. ${aws:username}): IAM cannot substitute it";
    }
    std::string_view prefix = name.substr(0, colon);
    // Identity-provider keys (accounts.google.com:sub, oidc.eks.../id/...:sub) are open-ended.
    if (prefix.find_first_of("./") != std::string_view::npos) return {};
    std::string msg = "names no known condition key";
    auto suggestions = ctx.catalog().suggest_condition_keys(name, 1);
    if (!suggestions.empty())
      msg += ": did you mean ${" + std::string(suggestions.front().name) + "}?";
    else
      msg += ": IAM cannot substitute it";
    return msg;
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_invalid_policy_variable() { return std::make_unique<InvalidPolicyVariable>(); }

}  // namespace sagelint::rules
