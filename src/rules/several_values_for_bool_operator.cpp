// SL412: a Bool or Null condition with several values. IAM ORs the values of one key, so
// "Bool": {"aws:SecureTransport": ["true", "false"]} matches every request that carries the key
// (it tests only that the key is present), and "Null": {"k": ["true", "false"]} matches every
// request at all. The same value twice is only redundant. Values IAM cannot read as a boolean
// are invalid-condition-value's finding.
#include "rules/support/conditions.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

bool ci_is(std::string_view text, std::string_view word) { return lower(text) == word; }

class SeveralValuesForBoolOperator final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    for (const auto& st : ctx.policy().statements) {
      for (const auto& c : st.conditions) {
        if (c.op.base != "Bool" && c.op.base != "Null") continue;
        if (c.values.size() < 2 || c.key_member == nullptr) continue;
        bool any_true = false, any_false = false;
        for (const JsonNode* v : c.values) {
          const auto text = scalar_text(*v);
          if (!text) continue;
          any_true = any_true || ci_is(*text, "true");
          any_false = any_false || ci_is(*text, "false");
        }
        const std::string key = quote(c.key);
        const std::string op = quote(c.op.written);
        std::string msg;
        if (any_true && any_false && c.op.base == "Null") {
          msg = op + " on " + key +
                " with both \"true\" and \"false\": IAM ORs the values, so the condition matches every request, "
                "with or without the key, and restricts nothing; keep the one value you mean";
        } else if (any_true && any_false) {
          msg = op + " on " + key +
                " with both \"true\" and \"false\": IAM ORs the values, so the condition matches every request "
                "that carries the key whatever its value; keep the one value you mean (or use \"Null\": {\"" +
                std::string(c.key) + "\": \"false\"} to require only that the key is present)";
        } else if (any_true || any_false) {
          msg = op + " on " + key + " lists the same value " + std::to_string(c.values.size()) +
                " times: a boolean condition takes one value; write it once";
        } else {
          continue;
        }
        ctx.report_key(*c.key_member, msg);
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_several_values_for_bool_operator() {
  return std::make_unique<SeveralValuesForBoolOperator>();
}

}  // namespace sagelint::rules
