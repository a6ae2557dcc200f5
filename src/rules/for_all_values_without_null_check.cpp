// SL410: ForAllValues in an Allow with nothing requiring the key to be present. ForAllValues is
// true when the request has no value for the key ("vacuously true"), so the Allow then applies
// without the intended restriction. AWS recommends a Null check with "false" next to it. Any other
// clause on the same key that is false when the key is absent (Null "false", StringEquals,
// ForAnyValue:...) counts as such a check. Single-valued keys are set-operator-on-single-valued-key's.
// Option ignore-keys: keys for which a request without values is what the author means ("only these
// tag keys" is kept by a request without tags) or cannot happen (kms:GrantOperations).
#include <algorithm>

#include "rules/support/actions.hpp"
#include "rules/support/conditions.hpp"
#include "rules/support/prelude.hpp"
#include "text/text.hpp"

namespace sagelint::rules {
namespace {

bool requires_presence(const Statement& st, std::string_view key) {
  for (const auto& other : st.conditions) {
    if (!text::ci_equal(other.key, key)) continue;
    const auto absent = result_when_key_absent(other);
    if (absent && !*absent) return true;
  }
  return false;
}

class ForAllValuesWithoutNullCheck final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const catalog::Catalog& cat = ctx.catalog();
    const std::vector<std::string> ignored = ctx.option_strings("ignore-keys");
    for (const auto& st : ctx.policy().statements) {
      if (!st.is_allow()) continue;
      for (const auto& clause : st.conditions) {
        // With IfExists the author has said what a request without the key gets.
        if (clause.op.qualifier != policy::SetQualifier::ForAllValues || !clause.op.known || clause.op.if_exists) {
          continue;
        }
        const KeyTypes types = key_types(cat, st, clause.key);
        if (!types.empty() && !types.any_multivalued()) continue;
        if (requires_presence(st, clause.key)) continue;
        if (std::any_of(ignored.begin(), ignored.end(),
                        [&](const std::string& k) { return text::ci_equal(k, clause.key); })) {
          continue;
        }
        ctx.report_key(*clause.op_member,
                       quote(clause.op.written) + " on " + quote(clause.key) +
                           " is also true when the request carries no value for the key, so this Allow then "
                           "applies without the restriction; if the key must be present, add \"Null\": {\"" +
                           std::string(clause.key) + "\": \"false\"}");
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_for_all_values_without_null_check() {
  return std::make_unique<ForAllValuesWithoutNullCheck>();
}

}  // namespace sagelint::rules
