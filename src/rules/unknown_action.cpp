// SL101: an action the IAM service catalog does not know, in a service it does know. A near
// miss is an error with a suggestion; a name close to nothing is a warning naming the data date,
// because services publish new actions before the catalog data catches up.
//
// A near miss is weaker evidence when it is more than a one-character slip (a partial name such as
// "DeleteClusterNodes" for "BatchDeleteClusterNodes", or a three-letter difference) and the same
// policy names other actions of that service that the data does not know at all: the data then
// evidently predates part of the service, so such a finding is a warning without a fix.
#include <algorithm>

#include "rules/support/actions.hpp"
#include "rules/support/fixes.hpp"
#include "rules/support/messages.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

struct Unknown {
  const Statement* st;
  const policy::StringValue* action;
  ActionName parsed;
  std::vector<catalog::Suggestion> hints;
};

class UnknownAction final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const catalog::Catalog& cat = ctx.catalog();
    const std::string_view source = ctx.document().source->text();
    std::vector<Unknown> unknown;  // usually empty: only actions the catalog lacks
    for (const auto& st : ctx.policy().statements) {
      for (const auto& a : st.actions) {
        const auto parsed = split_action(a.text);
        if (!parsed || text::has_wildcard(a.text)) continue;  // wildcards: action-wildcard-matches-nothing
        const catalog::Service* svc = cat.service(parsed->service);
        if (svc == nullptr || svc->action(parsed->name) != nullptr) continue;  // unknown service: SL102
        unknown.push_back({&st, &a, *parsed, cat.suggest_actions(parsed->service, parsed->name)});
      }
    }
    const std::string data =
        "IAM service catalog (" + std::string(cat.source()) + ", data of " + std::string(cat.data_date()) + ")";
    for (const Unknown& u : unknown) {
      const std::string prefix = lower(u.parsed.service);
      if (u.hints.empty()) {
        ctx.report_with(lint::Severity::Warning, *u.action->node,
                        "action " + quote(u.action->text) + " is not in the " + data +
                            ": if it is newer than the data, ignore this; otherwise check its name in the Service "
                            "Authorization Reference for '" +
                            prefix + "'");
        continue;
      }
      std::vector<std::string> names;
      for (const auto& h : u.hints) names.push_back(std::string(u.parsed.service) + ":" + std::string(h.name));
      const std::string question = "did you mean " + quote_alternatives(names) + "?";
      const bool slip = u.hints.front().distance <= 1;
      const bool service_lags = std::any_of(unknown.begin(), unknown.end(), [&](const Unknown& other) {
        return other.hints.empty() && lower(other.parsed.service) == prefix;
      });
      if (!slip && service_lags) {
        ctx.report_with(lint::Severity::Warning, *u.action->node,
                        "action " + quote(u.action->text) + " is not in the " + data + "; " + question + " Other '" +
                            prefix +
                            "' actions of this policy are missing from the data too, so it "
                            "may be newer than the data");
        continue;
      }
      std::vector<lint::Fix> fixes;
      if (names.size() == 1) {
        if (auto fix = rewrite_string(source, *u.action->node, names[0], "replace with " + quote(names[0]))) {
          fixes.push_back(std::move(*fix));
        }
      }
      ctx.report(*u.action->node,
                 "unknown action " + quote(u.action->text) + ": " + question +
                     " A misspelt action matches no request, so the statement " + std::string(statement_verb(*u.st)) +
                     " nothing with it",
                 std::move(fixes));
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_unknown_action() { return std::make_unique<UnknownAction>(); }

}  // namespace sagelint::rules
