// SL416: an Allow scoped to resources by an ownership tag whose test accepts any value:
// "StringLike": {"aws:ResourceTag/owner": "*"} or "Null": {"aws:ResourceTag/owner": "false"}. Such a
// test only asks that the resource carries the tag, so every tagged resource passes, other teams'
// and other users' included: the scope the author meant (the caller's own resources) is not there.
// Judged by what the pattern matches: a value of wildcards only. Tag keys of the request
// (aws:RequestTag) say what a new resource must carry, not whose it is, and are left alone.
#include "rules/support/conditions.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

// A resource tag key that says whose the resource is ("owner", "team", "project", "user", ...).
// Marker tags ("AWSApplicationMigrationServiceManaged", "ManagedByAmazonSageMakerResource") and
// tags with a namespace ("sagemaker:project-name", set by the service) say which tool made the
// resource; asking only for their presence is their purpose.
bool is_ownership_tag_key(std::string_view key) {
  const std::string k = lower(key);
  const size_t colon = k.find(':');
  if (colon == std::string::npos || k.compare(colon + 1, 12, "resourcetag/") != 0) return false;
  const std::string tag = k.substr(colon + 13);
  if (tag.empty() || tag.find(':') != std::string::npos) return false;
  std::string word;
  for (char c : tag) {
    if (c != '-' && c != '_' && c != '.') word += c;
  }
  static constexpr std::string_view kOwnership[] = {
      "owner",       "ownedby", "user",     "username",   "userid",  "team",      "teamname",   "project", "projectid",
      "projectname", "tenant",  "tenantid", "department", "creator", "createdby", "costcenter", "group",   "groupname"};
  for (std::string_view w : kOwnership) {
    if (word == w) return true;
  }
  return false;
}

bool any_value(std::string_view v) { return !v.empty() && v.find_first_not_of('*') == std::string_view::npos; }

class ResourceTagConditionMatchesAnyValue final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    for (const auto& st : ctx.policy().statements) {
      if (!st.is_allow()) continue;
      // One statement, one finding: its open ownership tags are named together.
      std::vector<const policy::ConditionClause*> open;
      for (const auto& c : st.conditions) {
        if (c.key_member == nullptr || !is_ownership_tag_key(c.key) || c.values.empty()) continue;
        if (c.op.qualifier != policy::SetQualifier::None) continue;
        bool any = false;
        if (c.op.base == "StringLike" && !c.op.if_exists) {
          for (const JsonNode* v : c.values) {
            if (v->is_string() && !v->opaque && any_value(v->text)) any = true;
          }
        } else if (c.op.base == "Null") {
          any = result_when_key_absent(c) == std::optional<bool>(false);
        }
        if (any) open.push_back(&c);
      }
      if (open.empty()) continue;
      const policy::ConditionClause& first = *open.front();
      std::string keys;
      for (size_t i = 0; i < open.size(); ++i) {
        if (i > 0) keys += i + 1 == open.size() ? " and " : ", ";
        keys += quote(open[i]->key);
      }
      const std::string how = open.size() == 1
                                  ? (first.op.base == "Null" ? " is only required to be present (\"Null\": \"false\")"
                                                             : " is matched with a pattern of wildcards only")
                                  : " are only required to be present, whatever their values";
      const std::string tag(first.key.substr(first.key.find('/') + 1));
      ctx.report_key(*first.key_member,
                     keys + how + ": this Allow applies to every resource that carries " +
                         std::string(open.size() == 1 ? "the tag" : "these tags") +
                         ", whoever it belongs to; compare the tag with the caller's own value (\"StringEquals\": {\"" +
                         std::string(first.key) + "\": \"${aws:PrincipalTag/" + tag + "}\"}) or a fixed value");
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_resource_tag_condition_matches_any_value() {
  return std::make_unique<ResourceTagConditionMatchesAnyValue>();
}

}  // namespace sagelint::rules
