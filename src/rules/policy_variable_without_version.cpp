// SL007: ${...} policy variables only work with Version 2012-10-17; without it (no Version, or
// 2008-10-17) they are matched as literal text, so the statement silently matches nothing, or a
// Deny stops protecting anything. Access Analyzer: "Variable unsupported in version" (an error).
// Another Version value is reported by invalid-version instead.
#include "rules/common.hpp"

namespace sagelint::rules {
namespace {

const JsonNode* first_variable(const JsonNode& node) {
  if (node.is_string()) return node.text.find("${") != std::string::npos ? &node : nullptr;
  for (const auto& item : node.items) {
    if (const JsonNode* n = first_variable(item)) return n;
  }
  for (const auto& m : node.members) {
    if (const JsonNode* n = first_variable(m.value)) return n;
  }
  return nullptr;
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
        if (const JsonNode* n = first_variable(m->value)) {
          size_t at = n->text.find("${");
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
