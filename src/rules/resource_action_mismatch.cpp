// SL206: an action that acts on none of the statement's resources, or a resource that none of
// the statement's actions acts on (resource types from the service reference). IAM accepts the
// policy, but the statement never applies to that action or resource: s3:GetBucketAcl on object
// ARNs only, sagemaker:ListClusters (no resource-level permissions) on a cluster ARN.
//
// Conservative where the data cannot tell: NotAction / NotResource statements, action patterns
// with a wildcard service, "*" resources, unknown actions (reported elsewhere) and resources
// that are not plain ARNs are taken to fit.
#include <algorithm>

#include "rules/arn_support.hpp"
#include "rules/common.hpp"
#include "rules/resource_support.hpp"

namespace sagelint::rules {
namespace {

// An action listed without resource types although its service defines the type its name is
// about (sagemaker:DescribeLineageGroup vs lineage-group): the data, not the policy, is
// probably incomplete, so the action is not judged.
bool lacks_resource_data(const catalog::Catalog& catalog, const catalog::Action& a) {
  if (!a.resource_types.empty()) return false;
  const catalog::Service* service = catalog.service(a.service);
  if (service == nullptr) return false;
  const std::string action = lower(a.name);
  for (const auto& t : service->resource_types()) {
    std::string noun;
    for (char c : t.name) {
      if (c != '-') noun += c;
    }
    noun = lower(noun);
    if (noun.size() >= 4 && action.size() > noun.size() && action.ends_with(noun)) return true;
  }
  return false;
}

class ResourceActionMismatch final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    for (const auto& st : ctx.policy().statements) check_statement(ctx, st);
  }

 private:
  static void check_statement(RuleContext& ctx, const Statement& st) {
    if (st.actions_negated || st.resources_negated || st.resources.empty()) return;
    for (const auto& r : st.resources) {
      if (r.text == "*") return;
    }
    auto expanded = expand_actions(ctx.catalog(), st);
    if (expanded.empty()) return;
    bool unknown_action = false;
    for (const auto& e : expanded) {
      if (e.service_wildcard) return;
      if (e.actions.empty()) unknown_action = true;
    }
    const auto types = resource_types_of(expanded);
    // For each resource: the resource types it can name, or "judge nothing" when it is not a
    // plain ARN of a known shape.
    struct ResourceFit {
      const policy::StringValue* value;
      bool opaque = false;
      std::vector<const catalog::ResourceType*> types;
    };
    std::vector<ResourceFit> fits;
    for (const auto& r : st.resources) {
      ResourceFit f{&r, false, {}};
      // A placeholder stands for some name: match it as a wildcard.
      const std::string text = arn::wildcard_placeholders(r.text, arn::find_placeholders(r.text));
      arn::Parts parts = arn::split(text);
      if (parts.count != arn::kFieldCount || parts.field[arn::kPrefix] != "arn" ||
          arn::has_wildcard(parts.field[arn::kService])) {
        f.opaque = true;
      } else {
        std::string service = lower(parts.field[arn::kService]);
        for (const auto* t : types) {
          if (lower(arn::format_service(t->arn_format)) != service) continue;
          if (arn::fits_format(text, t->arn_format)) f.types.push_back(t);
        }
      }
      fits.push_back(std::move(f));
    }
    auto action_fits = [&](const catalog::Action& a, const ResourceFit& f) {
      if (f.opaque || lacks_resource_data(ctx.catalog(), a)) return true;
      return std::any_of(a.resource_types.begin(), a.resource_types.end(), [&](const catalog::ResourceTypeRef& ref) {
        return ref.type == nullptr || std::find(f.types.begin(), f.types.end(), ref.type) != f.types.end();
      });
    };
    const std::string_view verb = st.is_deny() ? "deny" : "grant";
    bool any_fit = false;
    std::vector<bool> resource_used(fits.size(), false);
    for (const auto& e : expanded) {
      if (e.actions.empty()) continue;
      bool fits_some = false;
      for (size_t i = 0; i < fits.size(); ++i) {
        bool ok = std::any_of(e.actions.begin(), e.actions.end(),
                              [&](const catalog::Action* a) { return action_fits(*a, fits[i]); });
        if (ok) {
          fits_some = true;
          resource_used[i] = true;
        }
      }
      any_fit = any_fit || fits_some;
      if (!fits_some) report_action(ctx, e, verb);
    }
    // A resource is only blamed when it is the odd one out: some other pair fits, and no
    // unknown action could be the one it was meant for.
    if (!any_fit || unknown_action) return;
    for (size_t i = 0; i < fits.size(); ++i) {
      if (resource_used[i] || fits[i].opaque) continue;
      ctx.report(*fits[i].value->node,
                 quote(fits[i].value->text) + " is not a resource of any of the statement's actions" +
                     (types.empty() ? std::string() : " (they act on " + describe_types(types) + ")") +
                     ": it has no effect here");
    }
  }

  static void report_action(RuleContext& ctx, const ExpandedAction& e, std::string_view verb) {
    std::vector<const catalog::ResourceType*> types = resource_types_of({e});
    const bool single = e.actions.size() == 1;
    std::string who = single ? quote(e.pattern->text) : "the actions " + quote(e.pattern->text) + " matches";
    std::string msg;
    if (types.empty()) {
      msg = who + (single ? " takes" : " take") +
            " no resource ARN (no resource-level permissions): only \"Resource\": \"*\" covers " +
            (single ? "it" : "them") + ", so this statement does not " + std::string(verb) + " " +
            (single ? "it" : "them");
    } else {
      msg = who + (single ? " acts on " : " act on ") + describe_types(types) +
            ", and none of the statement's resources is one: this statement does not " + std::string(verb) + " " +
            (single ? "it" : "them");
    }
    ctx.report(*e.pattern->node, msg);
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_resource_action_mismatch() { return std::make_unique<ResourceActionMismatch>(); }

}  // namespace sagelint::rules
