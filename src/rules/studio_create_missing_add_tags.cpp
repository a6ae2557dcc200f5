// SL603: the subject may create a Studio space or app but not tag it. Tagging on create is
// authorized as sagemaker:AddTags with sagemaker:TaggingAction set to the create operation, and
// Studio and Studio Classic tag every resource they create, so the space or app Studio creates
// for its user fails without it. Domains and user profiles are left out: administrators create
// them, and AWS managed policies allow CreateDomain with mandatory request tags and no AddTags
// (AmazonDataZoneSageMakerProvisioningRolePolicy), so AddTags is not shown to be needed there.
#include <algorithm>
#include <iterator>
#include <optional>

#include "rules/support/actions.hpp"
#include "rules/support/api_calls.hpp"
#include "rules/support/counterexamples.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

using namespace api;

constexpr std::string_view kAddTags = "sagemaker:AddTags";

struct StudioCreate {
  std::string_view action;     // "sagemaker:CreateSpace"
  std::string_view operation;  // the sagemaker:TaggingAction value
  std::string_view what;       // "space"
  std::string_view a_what;     // "a space"
  std::string_view arn_part;   // ":space/"
};

constexpr StudioCreate kCreates[] = {
    {"sagemaker:CreateSpace", "CreateSpace", "space", "a space", ":space/"},
    {"sagemaker:CreateApp", "CreateApp", "app", "an app", ":app/"},
};

// The tag keys Studio puts on the resources it creates.
constexpr std::string_view kStudioTags[] = {"sagemaker:domain-arn", "sagemaker:user-profile-arn",
                                            "sagemaker:space-arn"};

bool mentions_studio_tag(std::string_view text) {
  const std::string l = lower(text);
  return std::any_of(std::begin(kStudioTags), std::end(kStudioTags),
                     [&](std::string_view t) { return l.find(t) != std::string::npos; });
}

// A grant written for Studio: the create action named (also through "sagemaker:*App"), a grant
// on space or app ARNs only, or one whose conditions test the tags Studio adds. Broad grants
// ("sagemaker:*", "sagemaker:Create*") on other roles, such as a pipeline execution role, are
// left alone: nothing says Studio creates spaces or apps with them.
bool written_for_studio(const policy::Statement& st, const StudioCreate& sc) {
  if (!st.is_allow() || st.actions_negated || !names_action(st, sc.action)) return false;
  const std::string word = std::string(sc.operation.substr(6));  // "Space", "App"
  for (const auto& a : st.actions) {
    const auto parts = split_action(a.text);
    if (parts && catalog::wildcard_match(parts->name, sc.operation) &&
        lower(parts->name).find(lower(word)) != std::string::npos) {
      return true;
    }
  }
  if (!st.resources_negated && !st.resources.empty() &&
      std::all_of(st.resources.begin(), st.resources.end(),
                  [&](const policy::StringValue& r) { return r.text.find(sc.arn_part) != std::string_view::npos; })) {
    return true;
  }
  for (const auto& clause : st.conditions) {
    if (mentions_studio_tag(clause.key)) return true;
    for (const JsonNode* v : clause.values) {
      if (v->is_string() && mentions_studio_tag(v->text)) return true;
    }
  }
  return false;
}

class StudioCreateMissingAddTags final : public lint::AccessRule {
 public:
  void check_access(lint::AccessContext& ctx) const override {
    if (ctx.policy() != nullptr &&
        std::none_of(ctx.policy()->statements.begin(), ctx.policy()->statements.end(), [](const policy::Statement& st) {
          return written_for_studio(st, kCreates[0]) || written_for_studio(st, kCreates[1]);
        })) {
      return;
    }
    // Studio acts with the execution role of the user profile or space: a role SageMaker assumes.
    // Other roles and users calling CreateSpace or CreateApp themselves send only the tags they
    // choose. A standalone policy may be attached to an execution role, so it is judged.
    const Subject& subject = ctx.subject();
    if (ctx.principal() != nullptr && !subject.trusted_by("sagemaker.amazonaws.com")) return;
    bool for_studio[std::size(kCreates)] = {};
    for (size_t i = 0; i < std::size(kCreates); ++i) {
      for_studio[i] = std::any_of(
          subject.statements().begin(), subject.statements().end(),
          [&](const SubjectStatement& s) { return !s.boundary && written_for_studio(*s.statement, kCreates[i]); });
    }
    if (std::none_of(std::begin(for_studio), std::end(for_studio), [](bool b) { return b; })) return;
    if (subject.evaluator() == nullptr) return;
    const auto& cat = catalog::Catalog::builtin();
    for (size_t i = 0; i < std::size(kCreates); ++i) {
      const StudioCreate& sc = kCreates[i];
      const catalog::Action* action = cat.action(sc.action);
      if (action == nullptr || !for_studio[i]) continue;
      const std::string_view naming[] = {sc.action, kAddTags};
      const auto resources = candidate_resources(subject.statements(), *action, Scope::Granted, naming);
      eval::Context tagging;
      tagging.set("sagemaker:TaggingAction", std::string(sc.operation));
      std::optional<eval::Counterexample> created;
      bool taggable = false;
      for (const auto& r : resources) {
        const std::vector<Candidate> one{r};
        auto cx = first_allowed(*subject.evaluator(), sc.action, one);
        if (!cx) continue;
        if (first_allowed(*subject.evaluator(), kAddTags, one, tagging)) {
          taggable = true;
          break;
        }
        if (!created) created = std::move(cx);
      }
      if (taggable || !created) continue;
      const eval::Request denied{std::string(kAddTags), created->request.resource, tagging};
      const std::string grant =
          ctx.principal() == nullptr
              ? "this policy allows " + quote(sc.action) + " in " + describe_allows(subject, *created)
              : describe_subject(ctx) + " may call " + quote(sc.action) + " (allowed by " +
                    describe_allows(subject, *created) + ")";
      const std::string consequence =
          "Studio and Studio Classic tag every resource they create, and tagging on create is authorized as "
          "'sagemaker:AddTags', so creating " +
          std::string(sc.a_what) + " from Studio fails with AccessDenied";
      ctx.report(grant + " but not " + quote(kAddTags) + " on the " + std::string(sc.what) + " it creates (" +
                     describe_request(denied, {}) + " is refused: " + refusal(subject, denied) + "): " + consequence +
                     "; allow 'sagemaker:AddTags' on the " + std::string(sc.what) +
                     " ARNs with '\"StringEquals\": {\"sagemaker:TaggingAction\": \"" + std::string(sc.operation) +
                     "\"}'",
                 allow_anchor(*created));
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_studio_create_missing_add_tags() {
  return std::make_unique<StudioCreateMissingAddTags>();
}

}  // namespace sagelint::rules
