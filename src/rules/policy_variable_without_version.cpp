// SL007: ${...} policy variables only work with Version 2012-10-17; without it (no Version, or
// 2008-10-17) they are matched as literal text, so the statement silently matches nothing, or a
// Deny stops protecting anything. Access Analyzer: "Variable unsupported in version" (an error).
// Another Version value is reported by invalid-version instead.
#include "rules/support/arn_placeholders.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

// The first ${...} that is IAM's: in a template, ${Bucket} and ${AWS::Region} are the template's
// own substitutions (Fn::Sub), not policy variables.
struct Variable {
  const JsonNode* node = nullptr;
  size_t at = 0;
};

Variable first_variable(const JsonNode& node, bool in_template) {
  if (node.is_string()) {
    const std::string& text = node.text;
    for (size_t at = text.find("${"); at != std::string::npos; at = text.find("${", at + 2)) {
      size_t close = text.find('}', at + 2);
      if ((node.opaque || in_template) && close != std::string::npos &&
          arn::is_template_reference(std::string_view(text).substr(at + 2, close - at - 2))) {
        continue;
      }
      return {&node, at};
    }
    return {};
  }
  for (const auto& item : node.items) {
    if (Variable v = first_variable(item, in_template); v.node != nullptr) return v;
  }
  for (const auto& m : node.members) {
    if (Variable v = first_variable(m.value, in_template); v.node != nullptr) return v;
  }
  return {};
}

class PolicyVariableWithoutVersion final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const auto& policy = ctx.policy();
    const JsonMember* version = policy.version;
    if (version != nullptr && version->value.is_string() && version->value.text == "2012-10-17") return;
    if (version != nullptr && !(version->value.is_string() && version->value.text == "2008-10-17")) return;
    for (const auto& st : policy.statements) {
      for (const JsonMember* m : {st.resource, st.not_resource, st.condition}) {
        if (m == nullptr) continue;
        if (auto [n, at] = first_variable(m->value, !ctx.document().origin.empty()); n != nullptr) {
          size_t close = n->text.find('}', at);
          std::string var = n->text.substr(at, close == std::string::npos ? std::string::npos : close - at + 1);
          ctx.report(*n, "policy variable " + quote(var) + " is matched as literal text because the policy " +
                             (version == nullptr ? "has no Version" : "has Version \"2008-10-17\"") +
                             ": set \"Version\": \"2012-10-17\" for it to be substituted");
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_policy_variable_without_version() {
  return std::make_unique<PolicyVariableWithoutVersion>();
}

}  // namespace sagelint::rules
