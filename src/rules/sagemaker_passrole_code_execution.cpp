// SL503: the subject can pass a role to SageMaker and start code that runs with it (a training,
// processing or tuning job's container, a notebook it can open, a model's inference container):
// it then holds that role's permissions. Asked of the evaluator as a chain of requests: iam:PassRole
// on a role no policy names (iam:PassedToService = sagemaker.amazonaws.com), then each create
// action on a resource the caller names itself. A role the policies name exactly, or that a Deny's
// NotResource spares, is the author's choice and taken as approved (seed 003's RestrictPassRole);
// `report-named-roles` also reports such a role when the input defines it and it may do more than
// the subject.
#include <algorithm>

#include "rules/support/counterexamples.hpp"
#include "rules/support/escalation.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

constexpr std::string_view kPassRole = "iam:PassRole";
constexpr std::string_view kService = "sagemaker.amazonaws.com";
constexpr std::string_view kUnnamedRole = "sagelint-any-role";
// Roles defined next to the subject that the finding names as examples.
constexpr size_t kRolesShown = 3;

struct Chain {
  std::string_view what;  // how code comes to run with the role, for the message
  std::vector<std::string_view> actions;
};

// Only APIs that run code or a container the caller chooses with the role passed in the request
// (AutoML and compilation jobs run AWS's own containers; HyperPod lifecycle scripts come from S3).
const std::vector<Chain>& chains() {
  static const std::vector<Chain> kChains = {
      {"a training job runs the container image the request names, with the passed role",
       {"sagemaker:CreateTrainingJob"}},
      {"a processing job runs the container image the request names, with the passed role",
       {"sagemaker:CreateProcessingJob"}},
      {"the training jobs of a tuning job run the container image the request names, with the passed role",
       {"sagemaker:CreateHyperParameterTuningJob"}},
      {"the notebook's Jupyter server runs with the passed role and a presigned URL opens it",
       {"sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"}},
      {"the caller's lifecycle script runs as root on the new notebook with the passed role",
       {"sagemaker:CreateNotebookInstanceLifecycleConfig", "sagemaker:CreateNotebookInstance"}},
      {"the model's inference container runs with the passed role in a batch transform job",
       {"sagemaker:CreateModel", "sagemaker:CreateTransformJob"}},
      {"the model's inference container runs with the passed role on an endpoint",
       {"sagemaker:CreateModel", "sagemaker:CreateEndpointConfig", "sagemaker:CreateEndpoint"}},
  };
  return kChains;
}

struct Step {
  std::string_view action;
  eval::Counterexample cx;
};

// "notebook-instance" for "arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/x".
std::string_view resource_type_of(std::string_view arn_text) {
  const size_t colon = arn_text.rfind(':', arn_text.find('/'));
  if (colon == std::string_view::npos) return {};
  const std::string_view rest = arn_text.substr(colon + 1);
  return rest.substr(0, rest.find('/'));
}

// The chain's requests, each on a resource the caller may pick, later steps tied to earlier ones
// (the presigned URL of the notebook just created; the new lifecycle configuration or model named
// in the next request). Nothing when a step is not allowed.
std::optional<std::vector<Step>> run_chain(const Chain& chain, const eval::PolicySet& set, const Subject& subject,
                                           std::string_view account) {
  const catalog::Catalog& cat = catalog::Catalog::builtin();
  std::vector<Step> steps;
  for (std::string_view action_name : chain.actions) {
    const catalog::Action* action = cat.action(action_name);
    if (action == nullptr) return std::nullopt;
    eval::Question q;
    q.actions = {std::string(action_name)};
    // A name the next request's condition admits, when the caller may pick one.
    std::vector<std::string_view> preferred;
    if (action->name == "CreateNotebookInstanceLifecycleConfig") {
      preferred = subject.condition_values("sagemaker:NotebookInstanceLifecycleConfigArns");
    } else if (action->name == "CreateModel") {
      preferred = subject.condition_values("sagemaker:ModelArn");
    }
    q.resources = chosen_resources(subject, *action, account, preferred);
    const std::string_view type = resource_type_of(q.resources.front());
    fix_account(subject, account, q.fixed);
    for (const Step& prev : steps) {
      const std::string& made = prev.cx.request.resource;
      const std::string_view made_type = resource_type_of(made);
      if (made_type == type) q.resources = {made};
      if (made_type == "notebook-instance-lifecycle-config" &&
          cat.action_lists_key(*action, "sagemaker:NotebookInstanceLifecycleConfigArns")) {
        q.fixed.set("sagemaker:NotebookInstanceLifecycleConfigArns", std::vector<std::string>{made});
      }
      if (made_type == "model" && cat.action_lists_key(*action, "sagemaker:ModelArn")) {
        q.fixed.set("sagemaker:ModelArn", made);
      }
    }
    eval::Answer answer = eval::find_allowed(set, q);
    if (!answer.allowed()) return std::nullopt;
    steps.push_back({action_name, std::move(answer.counterexamples.front())});
  }
  return steps;
}

std::string chain_names(const Chain& chain) {
  std::string out;
  for (std::string_view a : chain.actions) out += (out.empty() ? "" : " + ") + quote(a);
  return out;
}

// The role names an Allow of the subject may grant iam:PassRole on, as literal name prefixes of
// "arn:aws:iam::<account>:role/<name>" (the ARN input_roles asks about): "team-a-" for
// ".../role/team-a-*". Nothing (every role) when a pattern's literal part stops before the name
// ("*", "arn:aws:iam::*:*", a policy variable, a value computed at deploy time) or an Allow uses
// NotResource. A necessary condition only: the evaluator still decides each role.
std::optional<std::vector<std::string_view>> pass_role_name_prefixes(const Subject& subject) {
  std::vector<std::string_view> out;
  for (const policy::Policy* p : subject.identity_policies()) {
    for (const auto& st : p->statements) {
      if (!statement_may_grant(st, kPassRole)) continue;
      if (st.resources_negated) return std::nullopt;
      for (const auto& r : st.resources) {
        if (r.node != nullptr && r.node->opaque) return std::nullopt;
        const std::string_view literal = r.text.substr(0, r.text.find_first_of("*?$"));
        // The resource part starts after the fifth colon; the other fields may be wildcards.
        size_t at = 0;
        for (int colon = 0; colon < 5 && at != std::string_view::npos; ++colon) {
          at = r.text.find(':', at);
          if (at != std::string_view::npos) ++at;
        }
        if (at == std::string_view::npos || at > literal.size()) return std::nullopt;
        constexpr std::string_view kRole = "role/";
        const std::string_view resource = literal.substr(at);
        if (resource.size() < kRole.size()) {
          if (!kRole.starts_with(resource)) continue;  // matches no role ARN
          return std::nullopt;
        }
        if (!resource.starts_with(kRole)) continue;
        out.push_back(resource.substr(kRole.size()));
      }
    }
  }
  return out;
}

struct PassableRole {
  const principal::Principal* role = nullptr;
  std::string arn;
  eval::Counterexample cx;
  std::string beyond;  // what it may do that the subject may not
};

class SagemakerPassroleCodeExecution final : public lint::AccessRule {
 public:
  void check_access(lint::AccessContext& ctx) const override {
    const Subject& subject = ctx.subject();
    if (!subject.may_grant(kPassRole)) return;
    std::vector<const Chain*> possible;
    for (const Chain& c : chains()) {
      if (std::all_of(c.actions.begin(), c.actions.end(), [&](std::string_view a) { return subject.may_grant(a); })) {
        possible.push_back(&c);
      }
    }
    if (possible.empty()) return;
    if (subject.evaluator() == nullptr) return;
    const std::vector<std::string> approved = ctx.option_strings("approved-roles");
    const std::vector<std::string_view> patterns = subject.patterns_for(kPassRole);
    for (const std::string& account : candidate_accounts(patterns, approved)) {
      std::vector<std::string> roles = unnamed_resources(patterns, "iam", "role", account, kUnnamedRole);
      std::erase_if(roles, [&](const std::string& r) { return is_approved(approved, r); });
      std::optional<eval::Counterexample> open = pass(subject, roles, account);
      if (!open && !ctx.option_bool("report-named-roles")) continue;
      std::vector<std::pair<const Chain*, std::vector<Step>>> found;
      for (const Chain* c : possible) {
        if (auto steps = run_chain(*c, *subject.evaluator(), subject, account))
          found.emplace_back(c, std::move(*steps));
      }
      if (found.empty() || unrestricted(subject)) continue;
      // The costliest part (each role's own statements against the subject) comes last.
      const std::vector<PassableRole> defined = input_roles(ctx, subject, approved, account, open ? kRolesShown : 1);
      if (!open && defined.empty()) continue;
      report(ctx, subject, account, open, defined, approved, found);
      return;
    }
  }

 private:
  static bool is_approved(const std::vector<std::string>& approved, std::string_view arn_text) {
    return std::any_of(approved.begin(), approved.end(),
                       [&](const std::string& a) { return catalog::wildcard_match(a, arn_text); });
  }

  static std::optional<eval::Counterexample> pass(const Subject& subject, const std::vector<std::string>& roles,
                                                  std::string_view account) {
    if (roles.empty()) return std::nullopt;
    eval::Question q;
    q.actions = {std::string(kPassRole)};
    q.resources = roles;
    q.fixed.set("iam:PassedToService", std::string(kService));
    fix_account(subject, account, q.fixed);
    eval::Answer answer = eval::find_allowed(*subject.evaluator(), q);
    if (!answer.allowed()) return std::nullopt;
    return std::move(answer.counterexamples.front());
  }

  // The first `limit` roles of the subject's file (template, dump, manifest) it may pass, with
  // something each may do that the subject may not; roles that may do nothing more are left out.
  // Only SageMaker-trusting roles whose ARN an Allow of the subject's PassRole patterns can match
  // are looked at (Subjects::trusting_roles and may_pass: an index, not a scan of the model), and
  // the report names at most three, so the search stops there: the work per subject does not
  // grow with the number of roles it may pass.
  static std::vector<PassableRole> input_roles(const lint::AccessContext& ctx, const Subject& subject,
                                               const std::vector<std::string>& approved, std::string_view account,
                                               size_t limit) {
    std::vector<PassableRole> out;
    if (ctx.principal() == nullptr || ctx.subjects() == nullptr) return out;
    const principal::Subjects& subjects = *ctx.subjects();
    // The roles written next to the subject (its template, dump or manifest), not those of every
    // file of the run: a directory of unrelated samples is not one account.
    const auto prefixes = pass_role_name_prefixes(subject);
    for (const principal::Principal* r :
         subjects.trusting_roles(ctx.principal()->scope, kService, prefixes ? &*prefixes : nullptr)) {
      if (r == ctx.principal()) continue;
      if (r->name.empty() || r->name.find_first_of("${}*?") != std::string::npos) continue;
      std::string arn_text = "arn:aws:iam::" + std::string(account) + ":role/" + r->name;
      if (is_approved(approved, arn_text)) continue;
      auto cx = pass(subject, {arn_text}, account);
      if (!cx) continue;
      const Subject& role = subjects.of(*r);
      if (role.evaluator() == nullptr) continue;
      auto beyond = privilege_beyond(role, *subject.evaluator(), account);
      if (!beyond) continue;
      out.push_back({r, std::move(arn_text), std::move(*cx), std::move(*beyond)});
      if (out.size() >= limit) break;
    }
    return out;
  }

  static void report(lint::AccessContext& ctx, const Subject& subject, std::string_view account,
                     const std::optional<eval::Counterexample>& open, const std::vector<PassableRole>& defined,
                     const std::vector<std::string>& approved,
                     const std::vector<std::pair<const Chain*, std::vector<Step>>>& found) {
    const std::string who = describe_subject(ctx);
    const eval::Counterexample& passed = open ? *open : defined.front().cx;
    std::string msg = who + " can pass ";
    if (open) {
      msg +=
          approved.empty() ? "roles it does not name (any role a wildcard covers)" : "a role outside 'approved-roles'";
    } else {
      msg += "role " + quote(defined.front().role->name) + " (defined in the same file)";
    }
    msg +=
        " to SageMaker and run code with it: " + describe_in_account(passed.request, {"iam:PassedToService"}, account) +
        " is allowed by " + describe_allows(subject, passed);
    const auto& [chain, steps] = found.front();
    for (size_t i = 0; i < steps.size(); ++i) {
      msg += std::string(i == 0 ? ", then " : " and ") + describe_in_account(steps[i].cx.request, {}, account) +
             " by " + describe_allows(subject, steps[i].cx);
    }
    msg += " (" + std::string(chain->what) + ")";
    if (found.size() > 1) {
      msg += "; also";
      for (size_t i = 1; i < found.size(); ++i) msg += (i > 1 ? ", " : " ") + chain_names(*found[i].first);
    }
    if (open) {
      msg += "; whoever holds this gets the permissions of every role it may pass";
      const size_t shown = std::min<size_t>(defined.size(), kRolesShown);
      for (size_t i = 0; i < shown; ++i) {
        msg += std::string(i == 0 ? ", among them " : ", ") + "role " + quote(defined[i].role->name) +
               " defined in the same file, which may " + defined[i].beyond;
      }
      if (shown > 0) msg += " (which " + who + " may not)";
    } else {
      msg += "; role " + quote(defined.front().role->name) + " may " + defined.front().beyond + ", which " + who +
             " may not";
    }
    msg +=
        "; name the approved execution roles in the 'iam:PassRole' Resource with 'iam:PassedToService' "
        "'sagemaker.amazonaws.com' (or add a Deny on 'iam:PassRole' with 'NotResource' listing them) and list them "
        "in 'approved-roles'";
    ctx.report(std::move(msg), allow_anchor(passed));
    relate_counterexample(ctx, passed);
    for (const Step& step : steps) relate_counterexample(ctx, step.cx);
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_sagemaker_passrole_code_execution() {
  return std::make_unique<SagemakerPassroleCodeExecution>();
}

}  // namespace sagelint::rules
