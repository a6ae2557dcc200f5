// SL405: an operator of one type family on a key of another (StringEquals on the Bool
// aws:SecureTransport, ArnLike on the String aws:SourceVpce, NumericLessThan on a date). The
// catalog gives the key's type; where services type the same key differently, any match is
// accepted. Null checks presence and suits every key. Arn operators on String keys are accepted
// where the value may well be an ARN (see family_accepts).
#include "rules/support/actions.hpp"
#include "rules/support/conditions.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

using catalog::KeyType;

// The operators to use for a key of this scalar type.
std::string_view operators_for(KeyType type) {
  switch (type) {
    case KeyType::String:
      return "a String operator (StringEquals, StringLike, ...)";
    case KeyType::Numeric:
      return "a Numeric operator (NumericEquals, NumericLessThan, ...)";
    case KeyType::Date:
      return "a Date operator (DateGreaterThan, DateLessThan, ...)";
    case KeyType::Bool:
      return "Bool";
    case KeyType::IPAddress:
      return "IpAddress or NotIpAddress";
    case KeyType::ARN:
      return "an Arn operator (ArnEquals, ArnLike, ...) or a String operator";
    case KeyType::Binary:
      return "BinaryEquals";
    default:
      return "an operator of the key's type";
  }
}

std::string with_article(std::string_view word) {
  const bool vowel = !word.empty() && std::string_view("AEIOUaeiou").find(word.front()) != std::string_view::npos;
  return std::string(vowel ? "an " : "a ") + std::string(word);
}

class ConditionOperatorTypeMismatch final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const catalog::Catalog& cat = ctx.catalog();
    for (const auto& st : ctx.policy().statements) {
      for (const auto& clause : st.conditions) {
        if (!clause.op.known) continue;
        const OperatorFamily family = family_of(clause.op.base);
        if (family == OperatorFamily::Null || family == OperatorFamily::Unknown) continue;
        const KeyTypes types = key_types(cat, st, clause.key);
        if (types.empty()) continue;
        const bool templated = cat.condition_key(clause.key)->is_template();
        KeyType first = KeyType::Unknown;
        bool accepted = false;
        for (unsigned t = 0; t < static_cast<unsigned>(KeyType::Unknown) && !accepted; ++t) {
          const auto type = static_cast<KeyType>(t);
          if (!types.contains(type)) continue;
          if (first == KeyType::Unknown) first = catalog::scalar_type(type);
          accepted = family_accepts(family, catalog::scalar_type(type), clause.key, templated);
        }
        if (accepted) continue;
        ctx.report_key(*clause.key_member,
                       quote(clause.op.written) + " is " + with_article(family_name(family)) + " operator, but " +
                           quote(clause.key) + " is " + with_article(types.describe()) +
                           " key, so the values are not compared as the key's type (IAM Access Analyzer reports a "
                           "type mismatch); use " +
                           std::string(operators_for(first)));
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_condition_operator_type_mismatch() {
  return std::make_unique<ConditionOperatorTypeMismatch>();
}

}  // namespace sagelint::rules
