// SL505: the subject can make its own shell script run as root on notebook instances it does not
// own, with each notebook's execution role, and needs no iam:PassRole for it: by rewriting a
// lifecycle configuration other notebooks use (UpdateNotebookInstanceLifecycleConfig), or by
// creating one and attaching it to a stopped notebook (CreateNotebookInstanceLifecycleConfig +
// UpdateNotebookInstance). The script runs at the notebook's next start; Start/StopNotebookInstance
// let the subject trigger it at once. Notebooks and configurations "not owned" are ones no policy
// names, with every resource-tag key absent, as in SL504.
#include <optional>

#include "rules/support/counterexamples.hpp"
#include "rules/support/escalation.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

constexpr std::string_view kCreateConfig = "sagemaker:CreateNotebookInstanceLifecycleConfig";
constexpr std::string_view kUpdateConfig = "sagemaker:UpdateNotebookInstanceLifecycleConfig";
constexpr std::string_view kUpdateNotebook = "sagemaker:UpdateNotebookInstance";
constexpr std::string_view kStartNotebook = "sagemaker:StartNotebookInstance";
constexpr std::string_view kConfigKey = "sagemaker:NotebookInstanceLifecycleConfigArns";
constexpr std::string_view kConfigType = "notebook-instance-lifecycle-config";
constexpr std::string_view kOthersNotebook = "sagelint-someone-elses-notebook";
constexpr std::string_view kOthersConfig = "sagelint-someone-elses-config";

class NotebookLifecycleConfigEscalation final : public lint::AccessRule {
 public:
  void check_access(lint::AccessContext& ctx) const override {
    const Subject& subject = ctx.subject();
    const bool may_rewrite = subject.may_grant(kUpdateConfig);
    const bool may_attach = subject.may_grant(kCreateConfig) && subject.may_grant(kUpdateNotebook);
    if (!may_rewrite && !may_attach) return;
    if (subject.evaluator() == nullptr) return;
    const eval::PolicySet& set = *subject.evaluator();
    std::vector<std::string_view> patterns = subject.patterns_for(kUpdateConfig);
    for (std::string_view p : subject.patterns_for(kUpdateNotebook)) patterns.push_back(p);
    for (const std::string& account : candidate_accounts(patterns)) {
      std::optional<eval::Counterexample> rewrite;
      if (may_rewrite) rewrite = ask(set, subject, kUpdateConfig, "sagemaker", kConfigType, account, {});
      std::optional<eval::Counterexample> created;
      std::optional<eval::Counterexample> attached;
      if (may_attach) {
        created = create_config(set, subject, account);
        if (created) {
          eval::Context key;
          key.set(kConfigKey, std::vector<std::string>{created->request.resource});
          attached = ask(set, subject, kUpdateNotebook, "sagemaker", "notebook-instance", account, std::move(key));
        }
      }
      if (!rewrite && !attached) continue;
      if (unrestricted(subject)) return;
      report(ctx, subject, account, rewrite, created, attached);
      return;
    }
  }

 private:
  // `action` on a resource of `type` no policy names and no tag of the caller's marks.
  static std::optional<eval::Counterexample> ask(const eval::PolicySet& set, const Subject& subject,
                                                 std::string_view action, std::string_view service,
                                                 std::string_view type, std::string_view account, eval::Context fixed) {
    eval::Question q;
    q.actions = {std::string(action)};
    const std::string_view name = type == kConfigType ? kOthersConfig : kOthersNotebook;
    q.resources = unnamed_resources(subject.patterns_for(action), service, type, account, name);
    q.fixed = std::move(fixed);
    fix_account(subject, account, q.fixed);
    eval::Answer answer = find_allowed_untagged(set, q, subject.resource_tag_keys());
    if (!answer.allowed()) return std::nullopt;
    return std::move(answer.counterexamples.front());
  }

  // A new configuration: the caller picks its name and tags.
  static std::optional<eval::Counterexample> create_config(const eval::PolicySet& set, const Subject& subject,
                                                           std::string_view account) {
    const catalog::Action* action = catalog::Catalog::builtin().action(kCreateConfig);
    if (action == nullptr) return std::nullopt;
    eval::Question q;
    q.actions = {std::string(kCreateConfig)};
    q.resources = chosen_resources(subject, *action, account, subject.condition_values(kConfigKey));
    fix_account(subject, account, q.fixed);
    eval::Answer answer = eval::find_allowed(set, q);
    if (!answer.allowed()) return std::nullopt;
    return std::move(answer.counterexamples.front());
  }

  static void report(lint::AccessContext& ctx, const Subject& subject, std::string_view account,
                     const std::optional<eval::Counterexample>& rewrite,
                     const std::optional<eval::Counterexample>& created,
                     const std::optional<eval::Counterexample>& attached) {
    std::string msg = describe_subject(ctx) +
                      " can make its own script run as root on notebook instances it does not own, with each "
                      "notebook's execution role and without 'iam:PassRole': ";
    const eval::Counterexample& first = rewrite ? *rewrite : *created;
    if (rewrite) {
      msg += describe_in_account(rewrite->request, {}, account) + " is allowed by " +
             describe_allows(subject, *rewrite) +
             " (it rewrites a configuration other notebooks run at their next start)";
    }
    if (attached && rewrite) {
      msg += "; it may also attach a new configuration to a stopped notebook (" + quote(kCreateConfig) + " by " +
             describe_allows(subject, *created) + ", " + quote(kUpdateNotebook) + " by " +
             describe_allows(subject, *attached) + ")";
    } else if (attached) {
      msg += describe_in_account(created->request, {}, account) + " is allowed by " +
             describe_allows(subject, *created) + " and " +
             describe_in_account(attached->request, {std::string(kConfigKey)}, account) + " by " +
             describe_allows(subject, *attached) + " (it attaches a new configuration to a stopped notebook)";
    }
    const auto start =
        ask(*subject.evaluator(), subject, kStartNotebook, "sagemaker", "notebook-instance", account, {});
    msg += start
               ? "; " + quote(kStartNotebook) + " (allowed by " + describe_allows(subject, *start) + ") runs it at once"
               : "; the script runs when the notebook next starts";
    msg +=
        "; leave lifecycle configurations to administrators: allow the lifecycle-configuration actions only on "
        "named configurations, and 'sagemaker:UpdateNotebookInstance' only with a condition on "
        "'sagemaker:NotebookInstanceLifecycleConfigArns' listing the approved ones (or only on the caller's own "
        "notebooks, by tag)";
    ctx.report(std::move(msg), allow_anchor(first));
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_notebook_lifecycle_config_escalation() {
  return std::make_unique<NotebookLifecycleConfigEscalation>();
}

}  // namespace sagelint::rules
