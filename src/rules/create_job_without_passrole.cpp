// SL605: the subject may call a SageMaker API whose request must name a role that SageMaker
// assumes (CreateTrainingJob's RoleArn, CreateNotebookInstance's RoleArn, ...), but may not pass
// any role to sagemaker.amazonaws.com: every call fails with AccessDenied. The table-driven
// generalisation of SL602's PassRole check, which keeps CreateCluster (and its AddTags check).
// Like SL602, only grants written for the API are judged (the action named, or a pattern over a
// few actions): "sagemaker:*" without iam:PassRole breaks every such call at once, which is not a
// mistake about one API.
#include <algorithm>

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

// The statement names `action` itself or through a pattern that covers at most a few actions
// ("sagemaker:Create*Job" does not count: it is a broad grant).
bool names_specifically(const policy::Statement& st, std::string_view action) {
  if (!st.is_allow() || st.actions_negated) return false;
  const auto& cat = catalog::Catalog::builtin();
  for (const auto& a : st.actions) {
    if (!catalog::wildcard_match(a.text, action)) continue;
    if (a.text.find_first_of("*?") == std::string_view::npos) return true;
    if (cat.match_actions(a.text).size() <= 3) return true;
  }
  return false;
}

class CreateJobWithoutPassrole final : public lint::AccessRule {
 public:
  void check_access(lint::AccessContext& ctx) const override {
    std::vector<const RoleApi*> named;
    const Subject& subject = ctx.subject();
    for (const RoleApi& api : kApis) {
      if (std::any_of(subject.statements().begin(), subject.statements().end(), [&](const SubjectStatement& s) {
            return !s.boundary && names_specifically(*s.statement, api.action);
          })) {
        named.push_back(&api);
      }
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
