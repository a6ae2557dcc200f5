// SL408: ForAllValues/ForAnyValue on a key that has at most one value per request
// ("ForAllValues:StringNotEquals" on aws:SourceVpce). AWS: "Do not use a condition set operator
// with a single-valued context key". ForAllValues is then also true when the key is absent;
// ForAnyValue is false when it is absent, which the negated operators do not intend.
#include "rules/support/actions.hpp"
#include "rules/support/conditions.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class SetOperatorOnSingleValuedKey final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const catalog::Catalog& cat = ctx.catalog();
    for (const auto& st : ctx.policy().statements) {
      for (const auto& clause : st.conditions) {
        if (clause.op.qualifier == policy::SetQualifier::None || !clause.op.known || clause.op.base == "Null") {
          continue;
        }
        const KeyTypes types = key_types(cat, st, clause.key);
        if (types.empty() || types.any_multivalued()) continue;
        const bool all = clause.op.qualifier == policy::SetQualifier::ForAllValues;
        std::string plain(clause.op.base);
        if (clause.op.if_exists) plain += "IfExists";
        std::string absent;
        if (all) {
          absent = "ForAllValues is also true when the request has no value for the key";
          if (st.is_allow()) absent += ", so this Allow also applies to such requests";
        } else {
          absent = "ForAnyValue is false when the request has no value for the key";
          if (st.is_deny() && is_negated(clause.op.base)) absent += ", so this Deny does not apply to such requests";
        }
        ctx.report_key(*clause.op_member,
                       quote(clause.op.written) + " on " + quote(clause.key) +
                           ", which has at most one value per request (" + types.describe() +
                           "): set operators are for multivalued keys and here can make the policy more permissive "
                           "than it reads (" +
                           absent + "); use " + quote(plain));
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_set_operator_on_single_valued_key() {
  return std::make_unique<SetOperatorOnSingleValuedKey>();
}

}  // namespace sagelint::rules
