// SL404: a condition key that none of the statement's actions supports, wildcards expanded
// (IAM Access Analyzer skips wildcard actions; this rule does not). The key is then never in the
// request: the condition is always false (an Allow that grants nothing, a Deny that never fires)
// or, for negated operators, IfExists, ForAllValues and Null "true", always true.
// Conservative where the data cannot decide: NotAction, "*", unknown actions or services, patterns
// that match nothing, global keys (every action), unknown keys, provider keys and keys that no
// action of their own service lists (the data then does not say where they apply) are skipped, and
// so are same-service actions whose catalog entry lists nothing at all.
#include "rules/support/actions.hpp"
#include "rules/support/conditions.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

enum class Support { Yes, No, Undecided };

Support statement_supports(const catalog::Catalog& cat, const Statement& st, std::string_view key) {
  if (st.actions_negated || st.actions.empty()) return Support::Undecided;
  bool undecided = false;
  for (const auto& a : st.actions) {
    const auto parsed = split_action(a.text);
    if (!parsed) return Support::Undecided;  // "*" or malformed: any action may be meant
    bool matched = false, supported = false, silent = false;
    for_each_matching_action(cat, *parsed, [&](const catalog::Action& action) {
      matched = true;
      supported = cat.action_supports_key(action, key);
      // An action of the key's own service for which the data lists neither a resource type nor
      // a condition key says nothing either way (aws-marketplace:Subscribe takes
      // aws-marketplace:ProductId in AWS's own policies). Another service's action cannot
      // receive the key, whatever its entry says.
      if (!supported && action.resource_types.empty() && action.condition_keys.empty() &&
          lower(action.service) == lower(key_prefix(key))) {
        silent = true;
      }
      return !supported;
    });
    if (supported) return Support::Yes;
    if (!matched) return Support::Undecided;  // unknown action or service: the data cannot tell
    if (silent) undecided = true;
  }
  return undecided ? Support::Undecided : Support::No;
}

bool listed_by_own_service(const catalog::Catalog& cat, std::string_view key) {
  const catalog::Service* svc = cat.service(key_prefix(key));
  if (svc == nullptr) return false;
  for (const catalog::Action& a : svc->actions()) {
    if (cat.action_lists_key(a, key)) return true;
  }
  return false;
}

std::string action_list(const Statement& st) {
  std::string out;
  constexpr size_t kShown = 3;
  for (size_t i = 0; i < st.actions.size() && i < kShown; ++i) {
    if (i > 0) out += ", ";
    out += quote(st.actions[i].text);
  }
  if (st.actions.size() > kShown) out += " and " + std::to_string(st.actions.size() - kShown) + " more";
  return out;
}

class ConditionKeyNotSupported final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const catalog::Catalog& cat = ctx.catalog();
    for (const auto& st : ctx.policy().statements) {
      for (const auto& clause : st.conditions) {
        const std::string_view key = clause.key;
        if (is_identity_provider_key(key) || find_legacy_key(key) != nullptr) continue;
        const catalog::ConditionKey* known = cat.condition_key(key);
        if (known == nullptr || known->global) continue;
        if (statement_supports(cat, st, key) != Support::No) continue;
        // A key that no action of its own service lists: the data does not say where it applies.
        if (!listed_by_own_service(cat, key)) continue;
        ctx.report_key(*clause.key_member,
                       "condition key " + quote(key) + " is not available for any action of this statement (" +
                           action_list(st) + "): requests for them never carry it, and this condition is " +
                           absent_key_consequence(clause, st) +
                           "; move the key to a statement with the actions that support it, or remove it");
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_condition_key_not_supported() { return std::make_unique<ConditionKeyNotSupported>(); }

}  // namespace sagelint::rules
