// SL104: an action is "*" or "service:ActionName" (wildcards * and ? allowed in the name).
// Anything else (no colon, spaces, a URL, an empty string) never matches a request.
#include "rules/support/actions.hpp"
#include "rules/support/arn_placeholders.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

std::string problem(std::string_view a) {
  if (a.empty()) return "an empty string is not an action";
  if (a == "*") return {};
  if (a.front() == ' ' || a.back() == ' ' || a.front() == '\t' || a.back() == '\t') {
    return "leading or trailing spaces: IAM compares the text exactly";
  }
  size_t colon = a.find(':');
  if (colon == std::string_view::npos) return "an action is written service:ActionName (e.g. s3:GetObject)";
  if (a.find(':', colon + 1) != std::string_view::npos) return "more than one ':'";
  std::string_view service = a.substr(0, colon);
  std::string_view name = a.substr(colon + 1);
  if (service.empty()) return "the service prefix before ':' is missing";
  if (name.empty()) return "the action name after ':' is missing (use service:* for every action)";
  for (char c : service) {
    if (!is_service_char(c)) return "the service prefix " + quote(service) + " contains " + quote(std::string(1, c));
  }
  for (char c : name) {
    if (!is_action_char(c)) return "the action name " + quote(name) + " contains " + quote(std::string(1, c));
  }
  return {};
}

class MalformedAction final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    for (const auto& st : ctx.policy().statements) {
      for (const auto& a : st.actions) {
        // Fn::Sub computes the action at deploy time: its ${Service} parts are CloudFormation's,
        // the text around them is still checked ("${Service}:Get Object" is still wrong).
        std::string p = a.node->opaque ? problem(arn::mask_template_references(a.text, "x")) : problem(a.text);
        if (!p.empty()) ctx.report(*a.node, "malformed action " + quote(a.text) + ": " + p);
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_malformed_action() { return std::make_unique<MalformedAction>(); }

}  // namespace sagelint::rules
