// Shared by the SageMaker privilege-escalation access rules (SL503-SL505): what the subject's
// policies name (through its Subject), concrete resources to ask the evaluator about, and the
// questions themselves.
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
#include "rules/support/counterexamples.hpp"

namespace sagelint::rules {

using principal::statement_may_grant;

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
std::vector<std::string> chosen_resources(const Subject& subject, const catalog::Action& action,
                                          std::string_view account,
                                          const std::vector<std::string_view>& preferred = {});

// Resources of `action` for a guardrail question about this subject: the action's example ARN
// first (us-east-1, 123456789012), then chosen_resources in each account the subject's policies
// name for the action. A grant pinned to the subject's own account and Region
// ('arn:aws:sagemaker:eu-west-1:210987654321:*') is then asked about too, not hidden by the
// example account.
std::vector<std::string> subject_resources(const Subject& subject, const catalog::Action& action);

// Sets aws:PrincipalAccount and aws:ResourceAccount to `account` when the policies read them: the
// caller, the role passed and the resources created are all in that account.
void fix_account(const Subject& subject, std::string_view account, eval::Context& fixed);

// describe_request without aws:PrincipalAccount and aws:ResourceAccount when fix_account set them:
// the caller and the resource sharing an account goes without saying.
std::string describe_in_account(const eval::Request& request, const std::vector<std::string>& shown,
                                std::string_view account);

// find_allowed with every resource-tag key in `tag_keys` absent (and any other one a
// counterexample turns out to need): a resource someone else owns carries none of the tags a
// policy scopes by.
eval::Answer find_allowed_untagged(const eval::PolicySet& set, eval::Question question,
                                   const std::vector<std::string>& tag_keys);

// The subject may do anything anyway, so an escalation path gives it nothing it lacks: an
// unconditional Allow of every action ("*", or a NotAction naming only actions no service has) on
// every resource, no Deny statement at all, and the same Allow in its boundary if it has one.
// Decided from the statements, not by asking about made-up actions: a NotAction list that leaves
// an invented action but excludes s3:* or iam:PassRole must not pass for an administrator.
bool unrestricted(const Subject& subject);

// Something the role may do that the subject may not, checked with the evaluator both ways
// ("'iam:CreateServiceLinkedRole' on '*'"), or nothing. Looks at the role's own Allow statements,
// permission-management and write actions first, within a fixed budget of requests.
// `role` must be complete() (its evaluator is asked).
std::optional<std::string> privilege_beyond(const Subject& role, const eval::PolicySet& subject,
                                            std::string_view account);

}  // namespace sagelint::rules
