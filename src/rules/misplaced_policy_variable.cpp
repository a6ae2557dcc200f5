// SL208: a ${...} where IAM does not substitute policy variables. IAM replaces them only in
// Resource / NotResource and in the values of string and ARN condition operators; in Action,
// Principal or a Numeric/Date/Bool/IP/Binary/Null condition the text stays literal, so the
// element never matches what was meant.
#include "rules/support/arn.hpp"
#include "rules/support/arn_placeholders.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

bool substitutes(std::string_view op_base) { return op_base.starts_with("String") || op_base.starts_with("Arn"); }

class MisplacedPolicyVariable final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    for (const auto& st : ctx.policy().statements) {
      std::string_view action_element = st.actions_negated ? "NotAction" : "Action";
      for (const auto& a : st.actions) {
        report_if_variable(ctx, *a.node,
                           "in " + std::string(action_element) +
                               ", where IAM does not substitute "
                               "policy variables: it is compared as literal text");
      }
      std::string_view principal_element = st.principals_negated ? "NotPrincipal" : "Principal";
      for (const auto& p : st.principals) {
        report_if_variable(ctx, *p.value.node,
                           "in " + std::string(principal_element) +
                               ", where IAM does not substitute policy variables: use the "
                               "aws:PrincipalArn or aws:PrincipalTag condition keys instead");
      }
      for (const auto& c : st.conditions) {
        if (!c.op.known || substitutes(c.op.base)) continue;
        for (const JsonNode* v : c.values) {
          if (!v->is_string()) continue;
          report_if_variable(ctx, *v,
                             "in a " + std::string(c.op.base) +
                                 " condition: IAM substitutes policy variables only with String and Arn "
                                 "operators, so it is compared as literal text");
        }
      }
    }
  }

 private:
  static void report_if_variable(RuleContext& ctx, const JsonNode& node, const std::string& why) {
    std::string_view text = node.text;
    size_t at = text.find("${");
    if (at == std::string_view::npos) return;
    size_t close = text.find('}', at);
    size_t end = close == std::string_view::npos ? text.size() : close + 1;
    // In a template, ${Name} and ${AWS::Region} are the template's own substitutions.
    std::string_view name = text.substr(at + 2, end - at - 2 - (close == std::string_view::npos ? 0 : 1));
    if ((node.opaque || !ctx.document().origin.empty()) && arn::is_template_reference(name)) return;
    std::string_view source = ctx.document().source->text();
    ctx.report_range(arn::source_offset(node, source, at), arn::source_offset(node, source, end), &node,
                     "policy variable " + quote(text.substr(at, end - at)) + " " + why);
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_misplaced_policy_variable() { return std::make_unique<MisplacedPolicyVariable>(); }

}  // namespace sagelint::rules
