// SL403: a condition key that its service replaced and no current action lists
// ("sagemaker:VolumeKmsKey" -> "sagemaker:VolumeKmsKeyArn"). Only hand-checked pairs are known:
// see the table in condition_support.cpp.
#include "rules/support/conditions.hpp"
#include "rules/support/fixes.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class LegacyConditionKey final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const catalog::Catalog& cat = ctx.catalog();
    const std::string_view source = ctx.document().source->text();
    for (const auto& st : ctx.policy().statements) {
      for (const auto& clause : st.conditions) {
        const LegacyKey* legacy = find_legacy_key(clause.key);
        if (legacy == nullptr) continue;
        std::vector<lint::Fix> fixes;
        if (clause.op_member->value.find(legacy->replacement) == nullptr) {
          if (auto fix = rewrite_key(source, *clause.key_member, legacy->replacement,
                                     "rename to " + quote(legacy->replacement))) {
            fixes.push_back(std::move(*fix));
          }
        }
        ctx.report_key(
            *clause.key_member,
            "legacy condition key " + quote(clause.key) + ": no action in the IAM service catalog (data of " +
                std::string(cat.data_date()) + ") lists it any more; use " + quote(legacy->replacement) +
                ". Where a request does not carry the old key, this condition is " + absent_key_consequence(clause, st),
            std::move(fixes));
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_legacy_condition_key() { return std::make_unique<LegacyConditionKey>(); }

}  // namespace sagelint::rules
