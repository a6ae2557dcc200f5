// SL409: a multivalued key (ArrayOf* in the catalog: aws:TagKeys, sagemaker:VpcSubnets) compared
// without ForAllValues/ForAnyValue. AWS: "Multivalued context keys require a condition set
// operator"; without one it is not stated whether every value or any value must match.
#include "rules/support/actions.hpp"
#include "rules/support/conditions.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class MultivaluedKeyWithoutSetOperator final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const catalog::Catalog& cat = ctx.catalog();
    for (const auto& st : ctx.policy().statements) {
      for (const auto& clause : st.conditions) {
        if (clause.op.qualifier != policy::SetQualifier::None || !clause.op.known || clause.op.base == "Null") {
          continue;
        }
        const KeyTypes types = key_types(cat, st, clause.key);
        if (types.empty() || types.any_single_valued()) continue;
        const std::string op(clause.op.written);
        // At the key: one operator block may hold several such keys, one finding each.
        ctx.report_key(*clause.key_member, quote(clause.key) + " can carry several values per request (" +
                                               types.describe() + "), but " + quote(op) + " has no set operator: use " +
                                               quote("ForAllValues:" + op) + " (every value must match) or " +
                                               quote("ForAnyValue:" + op) + " (at least one must)");
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_multivalued_key_without_set_operator() {
  return std::make_unique<MultivaluedKeyWithoutSetOperator>();
}

}  // namespace sagelint::rules
