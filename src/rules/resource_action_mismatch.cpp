// SL206: an action that acts on none of the statement's resources, or a resource that none of
// the statement's actions acts on (resource types from the service reference). IAM accepts the
// policy, but the statement never applies to that action or resource: s3:GetBucketAcl on object
// ARNs only, sagemaker:ListClusters (no resource-level permissions) on a cluster ARN.
//
// An action whose resource types all belong to other services than a resource's never acts on
// it, whatever its service (sagemaker:CreateTrainingJob on an S3 bucket): when a statement names
// only such resources, the action is reported. A resource, though, is blamed only for actions of
// its own service, and an action without resource types only for resources of its own service:
// across services the reference is too often incomplete for that (ssmmessages actions on ssm
// session ARNs, Application Auto Scaling policies with "autoscaling" ARNs).
// NotAction / NotResource statements, wildcard services, "*" resources and values that are not
// plain ARNs are not judged either.
#include <algorithm>
#include <optional>

#include "rules/support/arn.hpp"
#include "rules/support/arn_glob.hpp"
#include "rules/support/arn_placeholders.hpp"
#include "rules/support/prelude.hpp"
#include "rules/support/resource_types.hpp"
#include "text/text.hpp"

namespace sagelint::rules {
namespace {

// The comparisons below run for every action and resource pair of a statement: they compare in
// place rather than through lower-cased copies.

// CodeStar Connections was renamed CodeConnections; both ARN forms name the same connections.
bool same_service(std::string_view a, std::string_view b) {
  if (text::ci_equal(a, b)) return true;
  auto renamed = [](std::string_view s) {
    return text::ci_equal(s, "codestar-connections") || text::ci_equal(s, "codeconnections");
  };
  return renamed(a) && renamed(b);
}

// Does the action's name end with the type's name read as one word ("lineage-group" as
// "lineagegroup"), at least four letters long and not the whole name?
bool named_after(std::string_view action, std::string_view type_name) {
  const auto noun =
      static_cast<size_t>(std::count_if(type_name.begin(), type_name.end(), [](char c) { return c != '-'; }));
  if (noun < 4 || action.size() <= noun) return false;
  size_t k = action.size();
  for (size_t i = type_name.size(); i-- > 0;) {
    if (type_name[i] == '-') continue;
    if (text::lower(action[--k]) != text::lower(type_name[i])) return false;
  }
  return true;
}

// An action listed without resource types although its service defines the type its name is
// about (sagemaker:DescribeLineageGroup vs lineage-group): the data, not the policy, is
// probably incomplete, so the action is not judged.
bool lacks_resource_data(const catalog::Catalog& catalog, const catalog::Action& a) {
  if (!a.resource_types.empty()) return false;
  const catalog::Service* service = catalog.service(a.service);
  if (service == nullptr) return false;
  for (const auto& t : service->resource_types()) {
    if (named_after(a.name, t.name)) return true;
  }
  return false;
}

// The resource type word of a resource part: "security-group" of "security-group/sg-1*".
std::string_view type_word(std::string_view res) {
  size_t n = 0;
  while (n < res.size() && res[n] != '/' && res[n] != ':' && res[n] != '*' && res[n] != '?' && res[n] != '$') ++n;
  return res.substr(0, n);
}

struct Resource {
  const policy::StringValue* value = nullptr;
  bool opaque = false;  // not a plain ARN: never judged
  std::string text;     // placeholders replaced by "*"
  std::string service;
  bool service_wide = false;  // resource part is only wildcards: covers service-level requests
  bool spans = false;         // a wildcard or variable in the Region or account may run across fields
  arn::Parts parts;           // split(text), views into `text`: set once the Resource stays put
  // Statements list many actions sharing few resource types: each type is matched once.
  mutable std::vector<std::pair<const catalog::ResourceType*, int>> fits;
};

// Does resource `r` fit the format of `type`? Unknown counts as a fit; Other: the resource is of
// another service than the format (for one resource type, not a verdict on the action); Foreign:
// the action never acts on the resource, which is of another service (fit_action only).
enum class Fit { Yes, No, Unknown, Other, Foreign };

// The ARN formats of the resource types a statement's actions act on, each split once for all
// of the statement's resources.
class Formats {
 public:
  // Valid until the next call.
  const arn::Parts& of(const catalog::ResourceType& type) {
    for (const auto& [t, parts] : split_) {
      if (t == &type) return parts;
    }
    return split_.emplace_back(&type, arn::split(type.arn_format)).second;
  }

 private:
  std::vector<std::pair<const catalog::ResourceType*, arn::Parts>> split_;
};

Fit fit_type_uncached(const Resource& r, const catalog::ResourceType& type, Formats& formats);

Fit fit_type(const Resource& r, const catalog::ResourceType& type, Formats& formats) {
  for (const auto& [t, f] : r.fits) {
    if (t == &type) return static_cast<Fit>(f);
  }
  Fit f = fit_type_uncached(r, type, formats);
  r.fits.emplace_back(&type, static_cast<int>(f));
  return f;
}

Fit fit_type_uncached(const Resource& r, const catalog::ResourceType& type, Formats& formats) {
  const arn::Parts& format = formats.of(type);
  const std::string_view format_service = format.count == arn::kFieldCount ? format.field[arn::kService] : "";
  if (format_service.find("${") != std::string_view::npos) {
    return arn::fits_format(r.text, type.arn_format) ? Fit::Yes : Fit::Unknown;
  }
  if (!same_service(r.service, format_service)) return Fit::Other;
  std::string_view text = r.text;
  arn::Parts text_parts = r.parts;
  std::string renamed;  // the ARN under the format's service name (CodeStar Connections)
  if (!text::ci_equal(r.service, format_service)) {
    renamed = r.text;
    renamed.replace(r.parts.at[arn::kService], r.parts.field[arn::kService].size(), format_service);
    text = renamed;
    text_parts = arn::split(text);
  }
  if (arn::fits_format_by_field(text_parts, text, format, type.arn_format)) return Fit::Yes;
  // A '*' in the Region or account may run across the fields (AWS's own
  // "arn:aws:logs:*:*:/aws-glue/*" relies on that), and then it matches nearly any format whose
  // last name may hold anything: not a mismatch anyone can be sure of.
  if (r.spans) return Fit::Unknown;
  // The right resource type (same literal type word, "security-group/...") with a Region or
  // account field the type does not have: invalid-arn-region / -account report that instead.
  std::string_view word = type_word(text_parts.field[arn::kResource]);
  if (word.empty() || !text::ci_equal(word, type_word(format.field[arn::kResource]))) return Fit::No;
  return arn::fits_resource_part(text_parts.field[arn::kResource], format.field[arn::kResource]) ? Fit::Unknown
                                                                                                 : Fit::No;
}

// `lacks` memoises lacks_resource_data(a), which does not depend on the resource.
Fit fit_action(const catalog::Catalog& catalog, const catalog::Action& a, const Resource& r, Formats& formats,
               std::optional<bool>& lacks) {
  if (r.opaque) return Fit::Unknown;
  if (a.resource_types.empty()) {
    if (!same_service(r.service, a.service)) return Fit::Unknown;
    if (r.service_wide) return Fit::Yes;
    if (!lacks) lacks = lacks_resource_data(catalog, a);
    return *lacks ? Fit::Unknown : Fit::No;
  }
  // An action that acts only on resource types of named services, none of them the resource's,
  // can never act on it, whatever the resource's service: sagemaker:CreateTrainingJob on an S3
  // bucket. The service reference is incomplete across services mostly for actions without
  // resource types (ssmmessages on ssm sessions), which are judged above within their service only.
  bool unknown = false;
  bool foreign = !same_service(r.service, a.service);
  for (const auto& ref : a.resource_types) {
    if (ref.type == nullptr) return Fit::Unknown;
    Fit f = fit_type(r, *ref.type, formats);
    if (f == Fit::Yes) return Fit::Yes;
    unknown = unknown || f != Fit::No;
    foreign = foreign && f == Fit::Other;
  }
  if (foreign) return Fit::Foreign;
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
    resources.reserve(st.resources.size());
    for (const auto& v : st.resources) resources.push_back(make_resource(v));
    // Split once the strings no longer move (a short string's bytes move with it).
    for (Resource& r : resources) r.parts = arn::split(r.text);
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
    Formats formats;
    for (const auto& e : expanded) {
      if (e.actions.empty()) continue;
      bool fits_some = false;
      bool comparable = false;
      for (const catalog::Action* a : e.actions) {
        std::optional<bool> lacks;
        for (size_t i = 0; i < resources.size(); ++i) {
          Fit f = fit_action(catalog, *a, resources[i], formats, lacks);
          // A resource of another service is not blamed for the actions it does not fit: across
          // services the reference is too often incomplete to call the resource dead text.
          if (f == Fit::Yes) any_yes = true;
          if (f == Fit::Yes || f == Fit::Unknown) used[i] = fits_some = true;
          if (f == Fit::Yes || f == Fit::No) judged[i] = true;
          if (f != Fit::Unknown) comparable = true;
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
        text::has_wildcard(parts.field[arn::kService]) || arn::has_variable(parts.field[arn::kService])) {
      r.opaque = true;
      return r;
    }
    r.service = std::string(parts.field[arn::kService]);
    for (arn::Field f : {arn::kPartition, arn::kRegion, arn::kAccount}) {
      r.spans = r.spans || text::has_wildcard(parts.field[f]) || arn::has_variable(parts.field[f]);
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
