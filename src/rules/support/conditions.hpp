// Shared by the condition rules (SL4xx): operator families, what a clause evaluates to when its
// key is absent, the catalog types a key can have in a statement, value syntax checks, and the
// hand-checked table of legacy condition keys.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {

using policy::ConditionClause;

enum class OperatorFamily { String, Numeric, Date, Bool, Binary, IpAddress, Arn, Null, Unknown };

// Family of a base operator name ("StringNotEquals" -> String); Unknown for anything else.
OperatorFamily family_of(std::string_view base);
std::string_view family_name(OperatorFamily family);  // "string", "numeric", ...
// The operators that test that the key does NOT match (true when the key is absent).
bool is_negated(std::string_view base);

// f(block, member) for each operator of each statement's Condition object (member.key is the
// operator as written, member.value its keys).
template <class F>
void for_each_condition_operator(const policy::Policy& policy, F&& f) {
  for (const auto& st : policy.statements) {
    if (st.condition == nullptr || !st.condition->value.is_object()) continue;
    for (const auto& member : st.condition->value.members) f(st.condition->value, member);
  }
}

// The 27 base operator names, as IAM spells them.
std::span<const std::string_view> base_operators();

// What the clause evaluates to when the request has no value for its key, following the
// condition operators page: ...IfExists, negated operators, ForAllValues and Null "true" are true;
// the rest false. Nothing when a Null value is neither true nor false.
std::optional<bool> result_when_key_absent(const ConditionClause& clause);

// For messages about a key the request never carries: "always false, so this Deny never applies
// (the guardrail never fires)", "always true, so it does not restrict the statement".
std::string absent_key_consequence(const ConditionClause& clause, const Statement& st);

// Keys of web identity and OIDC providers ("accounts.google.com:aud",
// "token.actions.githubusercontent.com:sub"): their prefix is a host name, which no catalog lists.
bool is_identity_provider_key(std::string_view key);

std::string_view key_prefix(std::string_view key);  // text before the first ':', or empty
std::string_view key_name(std::string_view key);    // text after the first ':', or the whole key

// Condition value as IAM reads it: a string, or a JSON number or boolean written without quotes.
// Nothing for other JSON types.
std::optional<std::string> scalar_text(const JsonNode& value);
bool has_policy_variable(std::string_view text);  // "${aws:username}"

// The catalog types a key can have where a statement meets it: its main definition, the one of
// the service its prefix names, and those of the services whose actions the statement lists (a
// key several services define may be typed differently: identitystore:UserId). Empty when the
// catalog does not know the key.
class KeyTypes {
 public:
  void add(catalog::KeyType type);
  bool empty() const { return mask_ == 0; }
  bool any_multivalued() const;
  bool any_single_valued() const;
  bool contains(catalog::KeyType type) const;
  // The scalar types, in enum order, for messages: "Bool", "String or ARN".
  std::string describe() const;
  uint32_t mask() const { return mask_; }

 private:
  uint32_t mask_ = 0;
};
KeyTypes key_types(const catalog::Catalog& cat, const Statement& st, std::string_view key);

// Does an operator of `family` compare values of this key type? String operators also read ARN
// keys (an ARN is a string). Arn operators also read String keys whose name ends in "Arn" (the
// data types some ARN-valued keys as String) and templated String keys such as
// aws:ResourceTag/${TagKey}, whose values are whatever the user stored (AWS managed policies
// compare ARN-valued tags with ArnLike).
bool family_accepts(OperatorFamily family, catalog::KeyType scalar, std::string_view key, bool templated);

// Value syntax per family; the empty string when `text` is fine, else what is wrong.
std::string value_problem(OperatorFamily family, std::string_view text);

// A condition key that the service still defines or documents but that no current action lists,
// with the key that replaced it. Hand-checked: see conditions.cpp.
struct LegacyKey {
  std::string_view key;
  std::string_view replacement;
};
const LegacyKey* find_legacy_key(std::string_view key);

// Close names for an unknown key that the catalog's typo search misses: known keys of the same
// prefix sharing a long leading part with it ("iam:PassedToReception" -> "iam:PassedToService").
// A weaker hint than a typo, so callers offer no automatic fix for it.
std::vector<std::string> shared_prefix_keys(const catalog::Catalog& cat, std::string_view key, size_t max = 3);

}  // namespace sagelint::rules
