// SL411: a condition value written as a JSON boolean or number ("sagemaker:NetworkIsolation": false).
// IAM accepts it (the policy grammar makes quotes optional for numbers and Booleans) and compares
// it as the text "false"; every AWS example quotes it. Style only, with a fix that adds the quotes.
#include "rules/support/actions.hpp"
#include "rules/support/conditions.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class NonStringConditionValue final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const std::string_view source = ctx.document().source->text();
    for (const auto& st : ctx.policy().statements) {
      for (const auto& clause : st.conditions) {
        for (const JsonNode* value : clause.values) {
          if (value->type != JsonType::Bool && value->type != JsonType::Number) continue;
          const std::string text = *scalar_text(*value);
          std::vector<lint::Fix> fixes;
          // Only when the token is exactly the text (not inside an embedded document).
          if (value->end <= source.size() && value->end - value->begin == text.size() &&
              source.substr(value->begin, text.size()) == text) {
            fixes.push_back({"quote it", {{value->begin, value->end, "\"" + text + "\"", {}, {}}}});
          }
          ctx.report(*value,
                     "condition value " + std::string(text) + " of " + quote(clause.key) + " is a JSON " +
                         (value->type == JsonType::Bool ? "boolean" : "number") + "; IAM reads it as the string \"" +
                         text + "\": write it as \"" + text + "\"",
                     std::move(fixes));
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_non_string_condition_value() { return std::make_unique<NonStringConditionValue>(); }

}  // namespace sagelint::rules
