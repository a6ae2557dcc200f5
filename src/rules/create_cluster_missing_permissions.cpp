// SL602: the subject may call sagemaker:CreateCluster (HyperPod) but not what the call needs:
// iam:PassRole to sagemaker.amazonaws.com for the instance groups' execution roles (always), and
// sagemaker:AddTags on the new cluster (when the request passes Tags).
#include <algorithm>

#include "rules/support/actions.hpp"
#include "rules/support/api_calls.hpp"
#include "rules/support/counterexamples.hpp"
#include "rules/support/prelude.hpp"
#include "text/text.hpp"

namespace sagelint::rules {
namespace {

using namespace api;

constexpr std::string_view kCreate = "sagemaker:CreateCluster";
constexpr std::string_view kPassRole = "iam:PassRole";
constexpr std::string_view kAddTags = "sagemaker:AddTags";
constexpr std::string_view kService = "sagemaker.amazonaws.com";

class CreateClusterMissingPermissions final : public lint::AccessRule {
 public:
  void check_access(lint::AccessContext& ctx) const override {
    if (ctx.policy() != nullptr &&
        std::none_of(ctx.policy()->statements.begin(), ctx.policy()->statements.end(), grants_cluster_creation)) {
      return;
    }
    const Subject& subject = ctx.subject();
    if (std::none_of(subject.statements().begin(), subject.statements().end(),
                     [](const SubjectStatement& s) { return !s.boundary && grants_cluster_creation(*s.statement); })) {
      return;
    }
    if (subject.evaluator() == nullptr) return;
    const auto& cat = catalog::Catalog::builtin();
    const catalog::Action* create = cat.action(kCreate);
    const catalog::Action* pass = cat.action(kPassRole);
    if (create == nullptr || pass == nullptr) return;

    static constexpr std::string_view kClusterNaming[] = {kCreate, kAddTags};
    const auto clusters = candidate_resources(subject.statements(), *create, Scope::Granted, kClusterNaming);
    const auto created = first_allowed(*subject.evaluator(), kCreate, clusters);
    if (!created) return;
    const std::string grant = grant_phrase(ctx, subject, *created);
    const input::JsonNode* anchor = allow_anchor(*created);

    static constexpr std::string_view kPassNaming[] = {kPassRole};
    const auto roles = candidate_resources(subject.statements(), *pass, Scope::Granted, kPassNaming);
    eval::Context to_sagemaker;
    to_sagemaker.set("iam:PassedToService", std::string(kService));
    if (!first_allowed(*subject.evaluator(), kPassRole, roles, to_sagemaker)) {
      eval::Request denied{std::string(kPassRole), roles.front().arn, to_sagemaker};
      ctx.report(grant + " but not " + quote(kPassRole) + " to " + std::string(kService) + " (" +
                     describe_request(denied, {}) + " is refused: " + refusal(subject, denied) +
                     "): CreateCluster passes each instance group's ExecutionRole (a required parameter) to SageMaker, "
                     "so every call fails with AccessDenied; allow 'iam:PassRole' on the cluster execution roles with "
                     "'\"StringEquals\": {\"iam:PassedToService\": \"sagemaker.amazonaws.com\"}'",
                 anchor);
    }

    check_add_tags(ctx, subject, clusters, grant, anchor);
  }

 private:
  // A grant written for cluster administration: CreateCluster named (also through a pattern
  // like "sagemaker:*Cluster*"), or any action on cluster ARNs only. Broad grants ("sagemaker:*",
  // "sagemaker:Create*", NotAction) also cover CreateCluster, but a missing iam:PassRole there
  // is not a HyperPod problem: every create call that passes a role fails the same way.
  static bool grants_cluster_creation(const policy::Statement& st) {
    if (!st.is_allow() || st.actions_negated || !names_action(st, kCreate)) return false;
    for (const auto& a : st.actions) {
      const auto parts = split_action(a.text);
      if (parts && text::ci_equal(parts->service, "sagemaker") &&
          catalog::wildcard_match(parts->name, "CreateCluster") &&
          lower(parts->name).find("cluster") != std::string::npos) {
        return true;
      }
    }
    return !st.resources_negated && !st.resources.empty() &&
           std::all_of(st.resources.begin(), st.resources.end(),
                       [](const policy::StringValue& r) { return r.text.find(":cluster/") != std::string_view::npos; });
  }

  // "this policy allows 'sagemaker:CreateCluster' in statement 0 (line 4)" / "role 'X' may call
  // 'sagemaker:CreateCluster' (allowed by statement 0 of 'P' (t.yaml:12))".
  static std::string grant_phrase(const lint::AccessContext& ctx, const Subject& subject,
                                  const eval::Counterexample& cx) {
    if (ctx.principal() == nullptr)
      return "this policy allows " + quote(kCreate) + " in " + describe_allows(subject, cx);
    return describe_subject(ctx) + " may call " + quote(kCreate) + " (allowed by " + describe_allows(subject, cx) + ")";
  }

  // Tagging on create is authorized as sagemaker:AddTags with sagemaker:TaggingAction set to the
  // create operation: some cluster must be both creatable and taggable.
  static void check_add_tags(lint::AccessContext& ctx, const Subject& subject, const std::vector<Candidate>& clusters,
                             const std::string& grant, const input::JsonNode* anchor) {
    eval::Context tagging;
    tagging.set("sagemaker:TaggingAction", std::string("CreateCluster"));
    for (const auto& c : clusters) {
      const std::vector<Candidate> one{c};
      if (!first_allowed(*subject.evaluator(), kCreate, one)) continue;
      if (first_allowed(*subject.evaluator(), kAddTags, one, tagging)) return;
    }
    eval::Request denied{std::string(kAddTags), clusters.front().arn, tagging};
    for (const auto& c : clusters) {
      if (first_allowed(*subject.evaluator(), kCreate, std::vector<Candidate>{c})) {
        denied.resource = c.arn;
        break;
      }
    }
    // A CreateCluster allowed only when the request carries tags always needs AddTags.
    std::vector<std::string> tag_keys = subject.keys_with_prefix("aws:RequestTag/");
    tag_keys.emplace_back("aws:TagKeys");
    const bool untagged_allowed = first_allowed(*subject.evaluator(), kCreate, clusters, {}, tag_keys).has_value();
    std::string when;
    if (untagged_allowed) {
      when =
          "a CreateCluster request that passes Tags is also authorized as 'sagemaker:AddTags' on the new cluster and "
          "fails with AccessDenied; requests without Tags are not affected";
    } else {
      std::string keys;
      for (const auto& k : tag_keys) {
        if (!subject.keys_with_prefix(k).empty()) keys += (keys.empty() ? "" : ", ") + quote(k);
      }
      if (keys.empty()) keys = "the request tags";
      when = "every CreateCluster allowed here carries tags (its conditions on " + keys +
             "), and tagging on create is also authorized as 'sagemaker:AddTags' on the new cluster, so every call "
             "fails with AccessDenied";
    }
    ctx.report(grant + " but not " + quote(kAddTags) + " on the cluster it creates (" + describe_request(denied, {}) +
                   " is refused: " + refusal(subject, denied) + "): " + when +
                   "; allow 'sagemaker:AddTags' on the cluster ARNs with "
                   "'\"StringEquals\": {\"sagemaker:TaggingAction\": \"CreateCluster\"}'",
               anchor);
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_create_cluster_missing_permissions() {
  return std::make_unique<CreateClusterMissingPermissions>();
}

}  // namespace sagelint::rules
