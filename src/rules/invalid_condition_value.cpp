// SL406: a condition value its operator cannot read: Bool or Null with something other than
// true/false, Numeric* with a non-number, Date* with a non-date, IpAddress with a non-CIDR, Arn*
// with a non-ARN, BinaryEquals with non-base64. Such a value never matches. Values with policy
// variables are resolved per request and not checked.
#include "rules/support/actions.hpp"
#include "rules/support/conditions.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class InvalidConditionValue final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    for (const auto& st : ctx.policy().statements) {
      for (const auto& clause : st.conditions) {
        if (!clause.op.known) continue;
        const OperatorFamily family = family_of(clause.op.base);
        for (const JsonNode* value : clause.values) {
          const auto text = scalar_text(*value);
          if (!text) continue;  // objects, arrays in arrays, null: wrong-element-type
          const std::string problem = value_problem(family, *text);
          if (problem.empty()) continue;
          ctx.report(*value, "value " + quote(*text) + " of " + quote(clause.key) + " under " +
                                 quote(clause.op.written) + " " + problem + ", so it never matches");
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_invalid_condition_value() { return std::make_unique<InvalidConditionValue>(); }

}  // namespace sagelint::rules
