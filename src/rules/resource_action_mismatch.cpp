// SL206: an action that acts on none of the statement's resources, or a resource that none of
// the statement's actions acts on (resource types from the service reference). IAM accepts the
// policy, but the statement never applies to that action or resource: s3:GetBucketAcl on object
// ARNs only, sagemaker:ListClusters (no resource-level permissions) on a cluster ARN.
//
// Only like is compared with like: a resource is judged against an action only when it belongs
// to the service of the action's resource types (or, for an action without resource types, to
// the action's own service). Across services the reference is too often incomplete (ssmmessages
// actions on ssm session ARNs, Application Auto Scaling policies with "autoscaling" ARNs).
// NotAction / NotResource statements, wildcard services, "*" resources and values that are not
// plain ARNs are not judged either.
#include <algorithm>

#include "rules/arn_support.hpp"
#include "rules/common.hpp"
#include "rules/resource_support.hpp"

namespace sagelint::rules {
namespace {

// CodeStar Connections was renamed CodeConnections; both ARN forms name the same connections.
bool same_service(std::string_view a, std::string_view b) {
  std::string la = lower(a);
  std::string lb = lower(b);
  if (la == lb) return true;
  auto renamed = [](const std::string& s) { return s == "codestar-connections" || s == "codeconnections"; };
  return renamed(la) && renamed(lb);
}

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

struct Resource {
  const policy::StringValue* value = nullptr;
  bool opaque = false;  // not a plain ARN: never judged
  std::string text;     // placeholders replaced by "*"
  std::string service;
  bool service_wide = false;  // resource part is only wildcards: covers service-level requests
  bool spans = false;         // a wildcard or variable in the Region or account may run across fields
  // Statements list many actions sharing few resource types: each type is matched once.
  mutable std::vector<std::pair<const catalog::ResourceType*, int>> fits;
};

// Does resource `r` fit the format of `type`? Unknown (another service) counts as a fit.
enum class Fit { Yes, No, Unknown };

Fit fit_type_uncached(const Resource& r, const catalog::ResourceType& type);

Fit fit_type(const Resource& r, const catalog::ResourceType& type) {
  for (const auto& [t, f] : r.fits) {
    if (t == &type) return static_cast<Fit>(f);
  }
  Fit f = fit_type_uncached(r, type);
  r.fits.emplace_back(&type, static_cast<int>(f));
  return f;
}

Fit fit_type_uncached(const Resource& r, const catalog::ResourceType& type) {
  std::string_view format_service = arn::format_service(type.arn_format);
  if (format_service.find("${") != std::string_view::npos) {
    return arn::fits_format(r.text, type.arn_format) ? Fit::Yes : Fit::Unknown;
  }
  if (!same_service(r.service, format_service)) return Fit::Unknown;
  std::string text = r.text;
  if (lower(r.service) != lower(format_service)) {
    arn::Parts parts = arn::split(text);
    text.replace(parts.at[arn::kService], parts.field[arn::kService].size(), format_service);
  }
  if (arn::fits_format_by_field(text, type.arn_format)) return Fit::Yes;
  // A '*' in the Region or account may run across the fields (AWS's own
  // "arn:aws:logs:*:*:/aws-glue/*" relies on that), and then it matches nearly any format whose
  // last name may hold anything: not a mismatch anyone can be sure of.
  if (r.spans) return Fit::Unknown;
  // The right resource type (same literal type word, "security-group/...") with a Region or
  // account field the type does not have: invalid-arn-region / -account report that instead.
  arn::Parts parts = arn::split(text);
  arn::Parts format = arn::split(type.arn_format);
  auto type_word = [](std::string_view res) { return lower(res.substr(0, res.find_first_of("/:*?$"))); };
  std::string word = type_word(parts.field[arn::kResource]);
  if (word.empty() || word != type_word(format.field[arn::kResource])) return Fit::No;
  std::string pattern_loose = "arn:p:s:r:a:" + std::string(parts.field[arn::kResource]);
  std::string format_loose = "arn:p:s:r:a:" + std::string(format.field[arn::kResource]);
  return arn::fits_format(pattern_loose, format_loose) ? Fit::Unknown : Fit::No;
}

Fit fit_action(const catalog::Catalog& catalog, const catalog::Action& a, const Resource& r) {
  if (r.opaque) return Fit::Unknown;
  if (a.resource_types.empty()) {
    if (!same_service(r.service, a.service)) return Fit::Unknown;
    if (r.service_wide) return Fit::Yes;
    return lacks_resource_data(catalog, a) ? Fit::Unknown : Fit::No;
  }
  bool unknown = false;
  for (const auto& ref : a.resource_types) {
    if (ref.type == nullptr) return Fit::Unknown;
    Fit f = fit_type(r, *ref.type);
    if (f == Fit::Yes) return Fit::Yes;
    unknown = unknown || f == Fit::Unknown;
  }
  return unknown ? Fit::Unknown : Fit::No;
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
    std::vector<Resource> resources;
    for (const auto& v : st.resources) resources.push_back(make_resource(v));
    if (std::all_of(resources.begin(), resources.end(), [](const Resource& r) { return r.opaque; })) return;
    auto expanded = expand_actions(ctx.catalog(), st);
    if (expanded.empty()) return;
    bool unknown_action = false;
    for (const auto& e : expanded) {
      if (e.service_wildcard) return;
      if (e.actions.empty()) unknown_action = true;
    }

    const catalog::Catalog& catalog = ctx.catalog();
    const std::string_view verb = st.is_deny() ? "deny" : "grant";
    bool any_yes = false;
    std::vector<bool> used(resources.size(), false);
    std::vector<bool> judged(resources.size(), false);  // compared with at least one action
    std::vector<const ExpandedAction*> typed;           // act on resource types none of the resources is
    std::vector<const ExpandedAction*> untyped;         // no resource-level permissions
    for (const auto& e : expanded) {
      if (e.actions.empty()) continue;
      bool fits_some = false;
      bool comparable = false;
      for (size_t i = 0; i < resources.size(); ++i) {
        for (const catalog::Action* a : e.actions) {
          Fit f = fit_action(catalog, *a, resources[i]);
          if (f == Fit::Yes) any_yes = true;
          if (f != Fit::No) used[i] = true;
          if (f != Fit::Unknown) judged[i] = comparable = true;
          if (f != Fit::No) fits_some = true;
        }
      }
      if (!fits_some && comparable) {
        bool has_types = std::any_of(e.actions.begin(), e.actions.end(),
                                     [](const catalog::Action* a) { return !a->resource_types.empty(); });
        (has_types ? typed : untyped).push_back(&e);
      }
    }
    report_actions(ctx, typed, verb, false);
    report_actions(ctx, untyped, verb, true);
    // A resource is only blamed when some other pair fits, no unknown action could be the one
    // it was meant for, and the catalog can say what the resource is.
    if (!any_yes || unknown_action) return;
    std::vector<const catalog::ResourceType*> types;
    for (size_t i = 0; i < resources.size(); ++i) {
      if (used[i] || !judged[i]) continue;
      if (types.empty()) types = resource_types_of(expanded);
      arn::Parts parts = arn::split(resources[i].text);
      auto own = arn::candidate_types(catalog, parts);
      if (own.empty()) continue;
      // Name the type whose Region and account fields look like this ARN's, when there is one.
      auto alike = std::find_if(own.begin(), own.end(), [&](const catalog::ResourceType* t) {
        arn::Parts f = arn::split(t->arn_format);
        return f.field[arn::kRegion].empty() == parts.field[arn::kRegion].empty() &&
               f.field[arn::kAccount].empty() == parts.field[arn::kAccount].empty();
      });
      if (alike != own.end()) std::rotate(own.begin(), alike, alike + 1);
      // Harmless dead text, and where the reference omits a type an action also touches, not even
      // that: a note.
      ctx.report_with(lint::Severity::Note, *resources[i].value->node,
                      quote(resources[i].value->text) + " is an ARN of " + std::string(parts.field[arn::kService]) +
                          " " + describe_type(*own.front()) +
                          ", which none of the statement's actions acts on (they act on " + describe_types(types) +
                          "): it has no effect here");
    }
  }

  static Resource make_resource(const policy::StringValue& v) {
    Resource r;
    r.value = &v;
    // A placeholder stands for some name: match it as a wildcard.
    r.text = arn::wildcard_placeholders(v.text, arn::find_placeholders(v.text, true));
    arn::Parts parts = arn::split(r.text);
    if (parts.count != arn::kFieldCount || parts.field[arn::kPrefix] != "arn" ||
        arn::has_wildcard(parts.field[arn::kService]) || arn::has_variable(parts.field[arn::kService])) {
      r.opaque = true;
      return r;
    }
    r.service = std::string(parts.field[arn::kService]);
    for (arn::Field f : {arn::kPartition, arn::kRegion, arn::kAccount}) {
      r.spans = r.spans || arn::has_wildcard(parts.field[f]) || arn::has_variable(parts.field[f]);
    }
    std::string_view res = parts.field[arn::kResource];
    r.service_wide = !res.empty() && res.find_first_not_of("*?/:") == std::string_view::npos;
    return r;
  }

  // A few actions are reported where they are written. Many at once is a deliberate style (a
  // long action list over a few resources): one finding at the first lists them.
  static void report_actions(RuleContext& ctx, const std::vector<const ExpandedAction*>& actions, std::string_view verb,
                             bool untyped) {
    constexpr size_t kOneByOne = 3;
    if (actions.size() <= kOneByOne) {
      for (const auto* e : actions) report_action(ctx, *e, verb, untyped);
      return;
    }
    std::string names;
    for (size_t i = 0; i < actions.size() && i < kOneByOne; ++i)
      names += (i > 0 ? ", " : "") + quote(actions[i]->pattern->text);
    std::string msg = std::to_string(actions.size()) + " of the statement's actions (" + names + ", ...) ";
    if (untyped) {
      msg +=
          "take no resource ARN (no resource-level permissions in the Service Authorization Reference): only "
          "\"Resource\": \"*\" is sure to cover them, so this statement may not " +
          std::string(verb) + " them; move them to a statement with \"Resource\": \"*\"";
      ctx.report_with(lint::Severity::Note, *actions.front()->pattern->node, msg);
    } else {
      std::vector<ExpandedAction> all;
      for (const auto* e : actions) all.push_back(*e);
      msg += "act on none of its resources (they act on " + describe_types(resource_types_of(all)) +
             "): this statement does not " + std::string(verb) + " them";
      ctx.report(*actions.front()->pattern->node, msg);
    }
  }

  static void report_action(RuleContext& ctx, const ExpandedAction& e, std::string_view verb, bool untyped) {
    const bool single = e.actions.size() == 1;
    std::string who = single ? quote(e.pattern->text) : "the actions " + quote(e.pattern->text) + " matches";
    std::string them = single ? "it" : "them";
    if (!untyped) {
      ctx.report(*e.pattern->node, who + (single ? " acts on " : " act on ") + describe_types(resource_types_of({e})) +
                                       ", and none of the statement's resources is one: this statement does not " +
                                       std::string(verb) + " " + them);
      return;
    }
    // Without resource-level permissions only "*" covers the action. The service reference is the
    // authority, but services answer some of these requests for service-wide ARNs too, and AWS's
    // own policies do this often: a note, not a warning.
    std::string msg = who + (single ? " takes" : " take") +
                      " no resource ARN (no resource-level permissions in the Service Authorization Reference): only "
                      "\"Resource\": \"*\" is sure to cover " +
                      them + ", so this statement may not " + std::string(verb) + " " + them + "; move " + them +
                      " to a statement with \"Resource\": \"*\"";
    ctx.report_with(lint::Severity::Note, *e.pattern->node, msg);
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_resource_action_mismatch() { return std::make_unique<ResourceActionMismatch>(); }

}  // namespace sagelint::rules
