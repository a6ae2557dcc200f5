// Shared by the SageMaker privilege-escalation access rules (SL503-SL505): what the subject's
// policies name, concrete resources to ask the evaluator about, and the questions themselves.
//
// The rules ask "can the subject do X to a resource it does not own / that no policy names?".
// A resource named in the policies is one the author chose; a resource the policies only cover
// by a wildcard (role/*, notebook-instance/*, "*") can be anyone's. So the concrete resources
// are built from the policies' own Resource patterns: a pattern that leaves the name open
// becomes an ARN with a name no policy uses, in the pattern's own account and path.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eval/eval.hpp"
#include "eval/guardrail.hpp"
#include "lint/access.hpp"
#include "policy/policy.hpp"
#include "principal/model.hpp"
#include "rules/guardrail_support.hpp"

namespace sagelint::rules {

// Can this Allow statement grant `action` ("iam:PassRole")? Its Action patterns match it, or its
// NotAction leaves it. Resources and conditions are not looked at: this is the cheap pre-check
// that keeps the evaluator away from the policies that cannot matter.
bool statement_may_grant(const policy::Statement& st, std::string_view action);

// The identity policies of an access subject as typed views (its boundary is left out: it never
// grants), for looking at what they name before asking the evaluator.
class SubjectGrants {
 public:
  explicit SubjectGrants(const lint::AccessContext& ctx);
  explicit SubjectGrants(const principal::Principal& p);

  bool may_grant(std::string_view action) const;
  // Resource patterns that decide which resources `action` reaches: the Resource of each Allow
  // that may grant it, and the NotResource of each Deny on it (the resources a guardrail spares).
  std::vector<std::string_view> patterns_for(std::string_view action) const;
  // Does any statement test the condition key, or use it as a policy variable?
  bool reads_key(std::string_view key) const;
  // The string values the statements compare `key` with, in any condition.
  std::vector<std::string_view> condition_values(std::string_view key) const;
  // The resource-tag keys the statements test (aws:ResourceTag/owner, sagemaker:ResourceTag/x).
  std::vector<std::string> resource_tag_keys() const;
  const std::vector<const policy::Policy*>& policies() const { return policies_; }

 private:
  void add(const principal::Principal& p);
  std::vector<std::unique_ptr<policy::Policy>> owned_;
  std::vector<const policy::Policy*> policies_;
};

constexpr std::string_view kExampleAccount = "123456789012";

// The accounts to try: the literal accounts of `patterns` and of `more` (approved ARNs), else the
// example account. PassRole only reaches roles of the caller's own account, so each account is a
// separate world: the roles, the jobs and the caller all live in it.
std::vector<std::string> candidate_accounts(const std::vector<std::string_view>& patterns,
                                            const std::vector<std::string>& more = {});

// A resource of `type` ("role", "notebook-instance") in `account` whose name is `name`, for each
// pattern that leaves the name open (role/*, role/service-role/*, "*", arn:aws:iam::*:*), in the
// pattern's path, plus the same with no path: resources no policy names.
std::vector<std::string> unnamed_resources(const std::vector<std::string_view>& patterns, std::string_view service,
                                           std::string_view type, std::string_view account, std::string_view name);

// Resources of an action that the caller names itself (a new training job, notebook, lifecycle
// configuration): the action's example ARN in `account` plus one instance of every Allow pattern
// of the action (wildcards filled in), since the caller can pick any name the policy allows.
// Instances of the wildcard patterns in `preferred` come first: names a later request's condition
// admits (sagemaker:NotebookInstanceLifecycleConfigArns "…/approved-*").
std::vector<std::string> chosen_resources(const SubjectGrants& statements, const catalog::Action& action,
                                          std::string_view account,
                                          const std::vector<std::string_view>& preferred = {});

// Sets aws:PrincipalAccount and aws:ResourceAccount to `account` when the policies read them: the
// caller, the role passed and the resources created are all in that account.
void fix_account(const SubjectGrants& statements, std::string_view account, eval::Context& fixed);

// describe_request without aws:PrincipalAccount and aws:ResourceAccount when fix_account set them:
// the caller and the resource sharing an account goes without saying.
std::string describe_in_account(const eval::Request& request, const std::vector<std::string>& shown,
                                std::string_view account);

// find_allowed with every resource-tag key in `tag_keys` absent (and any other one a
// counterexample turns out to need): a resource someone else owns carries none of the tags a
// policy scopes by.
eval::Answer find_allowed_untagged(const eval::PolicySet& set, eval::Question question,
                                   const std::vector<std::string>& tag_keys);

// The subject may do anything anyway (an Allow of "*", or NotAction leaving every service and
// IAM): an escalation path gives it nothing it lacks.
bool unrestricted(const eval::PolicySet& set);

// The role's trust policy lets `service` ("sagemaker.amazonaws.com") assume it: a role SageMaker
// cannot assume is of no use to pass to it. False when the trust policy is not known.
bool trusts_service(const principal::Principal& role, std::string_view service);

// Something the role may do that the subject may not, checked with the evaluator both ways
// ("'iam:CreateServiceLinkedRole' on '*'"), or nothing. Looks at the role's own Allow statements,
// permission-management and write actions first, within a fixed budget of requests.
std::optional<std::string> privilege_beyond(const principal::Principal& role, const eval::PolicySet& role_set,
                                            const eval::PolicySet& subject, std::string_view account);

}  // namespace sagelint::rules
