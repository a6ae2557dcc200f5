// SL101: an action the IAM service catalog does not know, in a service it does know. A near
// miss (a typo, or part of the real name) is an error with a suggestion; a name close to nothing
// is only a warning, because services publish new actions before the catalog data catches up.
#include "rules/action_support.hpp"

namespace sagelint::rules {
namespace {

class UnknownAction final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const catalog::Catalog& cat = ctx.catalog();
    const std::string_view source = ctx.document().source->text();
    for (const auto& st : ctx.policy().statements) {
      for (const auto& a : st.actions) {
        const auto parsed = split_action(a.text);
        if (!parsed || has_wildcard(a.text)) continue;  // wildcards: action-wildcard-matches-nothing
        const catalog::Service* svc = cat.service(parsed->service);
        if (svc == nullptr || svc->action(parsed->name) != nullptr) continue;  // unknown service: SL102
        const auto hints = cat.suggest_actions(parsed->service, parsed->name);
        if (hints.empty()) {
          ctx.report_with(lint::Severity::Warning, *a.node,
                          "action " + quote(a.text) + " is not in the IAM service catalog (" +
                              std::string(cat.source()) + ", data of " + std::string(cat.data_date()) +
                              "): if it is newer than the data, ignore this; otherwise check its name in the "
                              "Service Authorization Reference for '" + std::string(svc->prefix) + "'");
          continue;
        }
        std::vector<std::string> names;
        for (const auto& h : hints) names.push_back(std::string(parsed->service) + ":" + std::string(h.name));
        std::vector<lint::Fix> fixes;
        if (names.size() == 1) {
          if (auto fix = rewrite_string(source, *a.node, names[0], "replace with " + quote(names[0]))) {
            fixes.push_back(std::move(*fix));
          }
        }
        ctx.report(*a.node,
                   "unknown action " + quote(a.text) + ": did you mean " + quote_alternatives(names) +
                       "? A misspelt action matches no request, so the statement " +
                       std::string(statement_verb(st)) + " nothing with it",
                   std::move(fixes));
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_unknown_action() { return std::make_unique<UnknownAction>(); }

}  // namespace sagelint::rules
