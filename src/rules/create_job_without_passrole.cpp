// SL605: the subject may call a SageMaker API whose request must name a role that SageMaker
// assumes (CreateTrainingJob's RoleArn, CreateNotebookInstance's RoleArn, ...), but may not pass
// any role to sagemaker.amazonaws.com: every call fails with AccessDenied. The table-driven
// generalisation of SL602's PassRole check, which keeps CreateCluster (and its AddTags check).
// Like SL602, only grants written for the API are judged (the action named, or a pattern over a
// few actions): "sagemaker:*" without iam:PassRole breaks every such call at once, which is not a
// mistake about one API.
#include <algorithm>
#include <span>
#include <vector>

#include "rules/support/actions.hpp"
#include "rules/support/api_calls.hpp"
#include "rules/support/counterexamples.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

using namespace api;

constexpr std::string_view kPassRole = "iam:PassRole";
constexpr std::string_view kService = "sagemaker.amazonaws.com";

struct RoleApi {
  std::string_view action;     // "sagemaker:CreateTrainingJob"
  std::string_view parameter;  // the required request field that names the role
};

// APIs whose request always names a role for SageMaker to assume: a required field in the
// SageMaker API Reference (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_<Name>.html,
// checked against the 2017-07-24 API model). Not here: CreateTransformJob and CreateProject (no
// role), CreateModel, CreateDomain, CreateUserProfile, CreateEndpointConfig, CreateFeatureGroup,
// CreateModelPackage and CreateMonitoringSchedule (the role is optional), CreateCluster (SL602's).
constexpr RoleApi kApis[] = {
    {"sagemaker:CreateAutoMLJob", "RoleArn"},
    {"sagemaker:CreateAutoMLJobV2", "RoleArn"},
    {"sagemaker:CreateCompilationJob", "RoleArn"},
    {"sagemaker:CreateDataQualityJobDefinition", "RoleArn"},
    {"sagemaker:CreateEdgePackagingJob", "RoleArn"},
    {"sagemaker:CreateFlowDefinition", "RoleArn"},
    {"sagemaker:CreateHyperParameterTuningJob", "TrainingJobDefinition.RoleArn or TrainingJobDefinitions[].RoleArn"},
    {"sagemaker:CreateImage", "RoleArn"},
    {"sagemaker:CreateInferenceExperiment", "RoleArn"},
    {"sagemaker:CreateInferenceRecommendationsJob", "RoleArn"},
    {"sagemaker:CreateLabelingJob", "RoleArn"},
    {"sagemaker:CreateModelBiasJobDefinition", "RoleArn"},
    {"sagemaker:CreateModelExplainabilityJobDefinition", "RoleArn"},
    {"sagemaker:CreateModelQualityJobDefinition", "RoleArn"},
    {"sagemaker:CreateNotebookInstance", "RoleArn"},
    {"sagemaker:CreateOptimizationJob", "RoleArn"},
    {"sagemaker:CreatePipeline", "RoleArn"},
    {"sagemaker:CreateProcessingJob", "RoleArn"},
    {"sagemaker:CreateTrainingJob", "RoleArn"},
};

// Whether `pattern` matches at most `n` catalog actions. Counting stops past `n`: "sagemaker:*"
// and "*" are answered without listing hundreds or thousands of actions (this rule asks for each
// API of the table, for each statement).
bool matches_at_most(const catalog::Catalog& cat, std::string_view pattern, size_t n) {
  if (pattern == "*") return false;
  const auto parts = split_action(pattern);
  if (!parts || text::has_wildcard(parts->service)) return cat.match_actions(pattern).size() <= n;
  size_t count = 0;
  for_each_matching_action(cat, *parts, [&](const catalog::Action&) { return ++count <= n; });
  return count <= n;
}

// Every API of the table starts with this (checked below), so a pattern whose text before its first
// wildcard disagrees with it names none of them: most of a policy's actions are set aside with a
// few character comparisons instead of a wildcard match per API.
constexpr std::string_view kTablePrefix = "sagemaker:Create";
constexpr bool all_start_with_table_prefix() {
  for (const RoleApi& api : kApis) {
    if (!api.action.starts_with(kTablePrefix)) return false;
  }
  return true;
}
static_assert(all_start_with_table_prefix());

bool may_name_table_api(std::string_view pattern) {
  for (size_t i = 0; i < pattern.size() && i < kTablePrefix.size(); ++i) {
    if (pattern[i] == '*' || pattern[i] == '?') return true;
    if (text::lower(pattern[i]) != text::lower(kTablePrefix[i])) return false;
  }
  return true;
}

// The Allow actions of the subject's own statements (not its boundary's) that may name an API of
// the table.
std::vector<std::string_view> table_candidates(const Subject& subject) {
  std::vector<std::string_view> out;
  for (const SubjectStatement& s : subject.statements()) {
    if (s.boundary || !s.statement->is_allow() || s.statement->actions_negated) continue;
    for (const auto& a : s.statement->actions) {
      if (may_name_table_api(a.text)) out.push_back(a.text);
    }
  }
  return out;
}

// A statement names `action` itself or through a pattern that covers at most a few actions
// ("sagemaker:Create*Job" does not count: it is a broad grant).
bool names_specifically(std::span<const std::string_view> patterns, std::string_view action) {
  const auto& cat = catalog::Catalog::builtin();
  for (const std::string_view p : patterns) {
    if (!catalog::wildcard_match(p, action)) continue;
    if (p.find_first_of("*?") == std::string_view::npos) return true;
    if (matches_at_most(cat, p, 3)) return true;
  }
  return false;
}

class CreateJobWithoutPassrole final : public lint::AccessRule {
 public:
  void check_access(lint::AccessContext& ctx) const override {
    std::vector<const RoleApi*> named;
    const Subject& subject = ctx.subject();
    const std::vector<std::string_view> patterns = table_candidates(subject);
    if (patterns.empty()) return;
    for (const RoleApi& api : kApis) {
      if (names_specifically(patterns, api.action)) named.push_back(&api);
    }
    if (named.empty()) return;
    if (subject.evaluator() == nullptr) return;
    const auto& cat = catalog::Catalog::builtin();
    const catalog::Action* pass = cat.action(kPassRole);
    if (pass == nullptr) return;
    static constexpr std::string_view kPassNaming[] = {kPassRole};
    const auto roles = candidate_resources(subject.statements(), *pass, Scope::Granted, kPassNaming);
    eval::Context to_sagemaker;
    to_sagemaker.set("iam:PassedToService", std::string(kService));
    if (first_allowed(*subject.evaluator(), kPassRole, roles, to_sagemaker)) return;

    // One cause, one finding: every API of the table the subject may call, in one message.
    std::vector<const RoleApi*> callable;
    const input::JsonNode* anchor = nullptr;
    std::string allowed_by;
    std::optional<eval::Counterexample> grant;
    for (const RoleApi* api : named) {
      const catalog::Action* action = cat.action(api->action);
      if (action == nullptr) continue;
      const std::string_view naming[] = {api->action};
      const auto resources = candidate_resources(subject.statements(), *action, Scope::Granted, naming);
      const auto created = first_allowed(*subject.evaluator(), api->action, resources);
      if (!created) continue;
      if (callable.empty()) {
        anchor = allow_anchor(*created);
        allowed_by = describe_allows(subject, *created);
        grant = created;
      }
      callable.push_back(api);
    }
    if (callable.empty()) return;
    std::string apis;
    for (size_t i = 0; i < callable.size(); ++i) {
      if (i > 0) apis += i + 1 == callable.size() ? " and " : ", ";
      apis += quote(callable[i]->action) + " (" + std::string(callable[i]->parameter) + ")";
    }
    eval::Request denied{std::string(kPassRole), roles.front().arn, to_sagemaker};
    const std::string who =
        ctx.principal() == nullptr ? std::string("this policy allows ") : describe_subject(ctx) + " may call ";
    ctx.report(who + apis + " (allowed by " + allowed_by + ") but not " + quote(kPassRole) + " to " +
                   std::string(kService) + " (" + describe_request(denied, {}) +
                   " is refused: " + refusal(subject, denied) +
                   "): each of these requests must name a role for SageMaker to assume, so every call fails with "
                   "AccessDenied; allow 'iam:PassRole' on the execution roles with "
                   "'\"StringEquals\": {\"iam:PassedToService\": \"sagemaker.amazonaws.com\"}'",
               anchor);
    if (grant) relate_counterexample(ctx, *grant);
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_create_job_without_passrole() { return std::make_unique<CreateJobWithoutPassrole>(); }

}  // namespace sagelint::rules
