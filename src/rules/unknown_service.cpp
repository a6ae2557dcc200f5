// SL102: an action whose service prefix the IAM service catalog does not know. A prefix close to a
// known one is an error with a suggestion; one close to nothing is a warning naming the data date
// (a service launched after the data, or one AWS has retired).
#include "rules/support/actions.hpp"
#include "rules/support/fixes.hpp"
#include "rules/support/messages.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class UnknownService final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const catalog::Catalog& cat = ctx.catalog();
    const std::string_view source = ctx.document().source->text();
    for (const auto& st : ctx.policy().statements) {
      for (const auto& a : st.actions) {
        const auto parsed = split_action(a.text);
        if (!parsed || cat.service(parsed->service) != nullptr) continue;
        const auto hints = cat.suggest_services(parsed->service);
        if (hints.empty()) {
          ctx.report_with(lint::Severity::Warning, *a.node,
                          "service prefix " + quote(parsed->service) + " of " + quote(a.text) +
                              " is not in the IAM service catalog (" + std::string(cat.source()) + ", data of " +
                              std::string(cat.data_date()) +
                              "): a retired service, or one newer than the data; check the prefix in the "
                              "Service Authorization Reference");
          continue;
        }
        std::vector<std::string> names;
        for (const auto& h : hints) names.emplace_back(h.name);
        std::vector<lint::Fix> fixes;
        if (names.size() == 1) {
          const std::string fixed = names[0] + ":" + std::string(parsed->name);
          if (auto fix = rewrite_string(source, *a.node, fixed, "replace with " + quote(fixed))) {
            fixes.push_back(std::move(*fix));
          }
        }
        ctx.report(*a.node,
                   "unknown service prefix " + quote(parsed->service) + " in " + quote(a.text) + ": did you mean " +
                       quote_alternatives(names) + "? An unknown prefix matches no request, so the statement " +
                       std::string(statement_verb(st)) + " nothing with it",
                   std::move(fixes));
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_unknown_service() { return std::make_unique<UnknownService>(); }

}  // namespace sagelint::rules
