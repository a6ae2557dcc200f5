// SL402: a condition key the IAM service catalog does not know, global (aws:) or service-specific.
// Key names are case-insensitive in IAM, so only the spelling counts. A key that is never in the
// request makes its condition always false (or, for negated operators, always true).
//  - close to a known key (a typo): error, with a fix when there is one answer;
//  - sharing a long head with a known key of the same service: warning with the hint;
//  - close to nothing: warning naming the data date (services add keys before the data does).
// Keys of web identity / OIDC providers ("accounts.google.com:aud") are not in any catalog and
// are skipped; legacy keys are legacy-condition-key's finding.
#include "rules/support/arn_placeholders.hpp"
#include "rules/support/conditions.hpp"
#include "rules/support/fixes.hpp"
#include "rules/support/messages.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class UnknownConditionKey final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const catalog::Catalog& cat = ctx.catalog();
    const std::string_view source = ctx.document().source->text();
    const std::string data = "IAM service catalog, data of " + std::string(cat.data_date());
    for (const auto& st : ctx.policy().statements) {
      for (const auto& clause : st.conditions) {
        const std::string_view key = clause.key;
        // A placeholder ("<oidc-provider>:sub") is unfilled-placeholder's finding, not an unknown service.
        if (key.empty() || clause.key_member->key_opaque || is_identity_provider_key(key) ||
            find_legacy_key(key) != nullptr || cat.condition_key(key) != nullptr ||
            !arn::find_placeholders(key).empty()) {
          continue;
        }
        const std::string_view prefix = key_prefix(key);
        if (prefix.empty()) {
          ctx.report_key(*clause.key_member, "condition key " + quote(key) +
                                                 " has no prefix: keys are written prefix:Name (aws:SourceVpce, "
                                                 "sagemaker:VpcSubnets); no request carries it, so this condition "
                                                 "is " +
                                                 absent_key_consequence(clause, st));
          continue;
        }
        const auto hints = cat.suggest_condition_keys(key);
        if (!hints.empty()) {
          std::vector<std::string> names;
          for (const auto& h : hints) names.emplace_back(h.name);
          std::vector<lint::Fix> fixes;
          const bool templated = names.size() == 1 && names[0].find("${") != std::string::npos;
          if (names.size() == 1 && !templated && clause.op_member->value.find(names[0]) == nullptr) {
            if (auto fix = rewrite_key(source, *clause.key_member, names[0], "rename to " + quote(names[0]))) {
              fixes.push_back(std::move(*fix));
            }
          }
          ctx.report_key(*clause.key_member,
                         "unknown condition key " + quote(key) + ": did you mean " + quote_alternatives(names) +
                             (templated ? " (with your own name in place of the ${...} part)" : "") +
                             "? A key that is never in the request makes this condition " +
                             absent_key_consequence(clause, st),
                         std::move(fixes));
          continue;
        }
        const bool global = lower(prefix) == "aws";
        const bool known_prefix = global || cat.service(prefix) != nullptr;
        std::string owner = global ? std::string("global (aws:) key") : "key of service " + quote(prefix);
        if (!known_prefix) {
          ctx.report_key_with(lint::Severity::Warning, *clause.key_member,
                              "condition key " + quote(key) + ": service prefix " + quote(prefix) + " is not in the " +
                                  data +
                                  " (a retired service, or one newer than the data); if no request carries the "
                                  "key, this condition is " +
                                  absent_key_consequence(clause, st));
          continue;
        }
        const std::vector<std::string> similar = shared_prefix_keys(cat, key);
        std::string message = quote(key) + " is not a known " + owner + " in the " + data;
        if (!similar.empty()) {
          message += "; similar known keys: " + quote_alternatives(similar);
        } else {
          message += " (it may be newer than the data)";
        }
        message += ". A key that is never in the request makes this condition " + absent_key_consequence(clause, st);
        ctx.report_key_with(lint::Severity::Warning, *clause.key_member, std::move(message));
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_unknown_condition_key() { return std::make_unique<UnknownConditionKey>(); }

}  // namespace sagelint::rules
