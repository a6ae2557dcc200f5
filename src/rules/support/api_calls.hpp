// Shared by the SageMaker API-completeness rules (SL602-SL604): a cheap action pre-check run before anything is
// compiled, concrete request resources built from the policies' own Resource patterns, and "can the subject make this
// call?".
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "eval/eval.hpp"
#include "eval/guardrail.hpp"
#include "lint/access.hpp"
#include "policy/policy.hpp"
#include "principal/model.hpp"
#include "principal/subject.hpp"
#include "rules/support/counterexamples.hpp"

namespace sagelint::rules::api {

using principal::SubjectStatement;

// Can the statement's Action (or NotAction) cover `qualified` ("sagemaker:CreateCluster")?
bool names_action(const policy::Statement& st, std::string_view qualified);
// Does a statement of `policy` with this effect cover one of `actions`? The pre-check an access
// rule runs on every standalone policy file before compiling it.
bool any_statement_names(const policy::Policy& policy, policy::Effect effect,
                         std::span<const std::string_view> actions);

// A concrete resource to ask about, and the policy-variable values written into it.
struct Candidate {
  std::string arn;
  eval::Context bindings;
};

// Where the candidate ARNs come from: what the subject is granted (the Resource of the Allows
// and the NotResource exemptions of the Denies covering one of `naming`), or what its Denies
// cover (their Resource).
enum class Scope { Granted, Denied };

// ARNs of `action`'s resource type instantiated from those patterns ("arn:aws:sagemaker:*:*:
// cluster/team-*" becomes ".../cluster/team-sagelint-example"), followed by
// example_resource(action). A policy that scopes a grant to its own ARNs (even placeholder
// ones) is then asked about those ARNs.
std::vector<Candidate> candidate_resources(const std::vector<SubjectStatement>& statements,
                                           const catalog::Action& action, Scope scope,
                                           std::span<const std::string_view> naming);

// The first candidate on which `action` is allowed under some request context (with `fixed`
// and the candidate's bindings set, `absent` keys left out), as a counterexample.
std::optional<eval::Counterexample> first_allowed(const eval::PolicySet& set, std::string_view action,
                                                  const std::vector<Candidate>& candidates,
                                                  const eval::Context& fixed = {},
                                                  const std::vector<std::string>& absent = {});

// Why a request the subject cannot make is refused: "no statement allows 'iam:PassRole'",
// "denied by statement 2 (line 30)", ...
// `subject` must be complete() (its evaluator is asked).
std::string refusal(const Subject& subject, const eval::Request& request);

}  // namespace sagelint::rules::api
