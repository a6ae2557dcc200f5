// How the access and guardrail rules (SL502, SL5xx, SL6xx, data guardrails) write a
// counterexample: the subject, the request, the statements that allowed it and the Denies that
// did not stop it (the policies themselves are the Subject's, principal/subject.hpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "eval/eval.hpp"
#include "eval/guardrail.hpp"
#include "lint/access.hpp"
#include "principal/subject.hpp"

namespace sagelint::rules {

using principal::Subject;

// "role 'NotebookRole'", "user 'Developer'" or "this policy".
std::string describe_subject(const lint::AccessContext& ctx);

// "`iam:PassRole` on `arn:...` with iam:PassedToService=`sagemaker.amazonaws.com`,
// aws:SourceVpce absent" (keys listed in `shown` first; absent ones named when in `shown`).
std::string describe_request(const eval::Request& request, const std::vector<std::string>& shown);

// The identity Allow statements of a counterexample, comma separated: "statement 0 (line 4)",
// "statement 'X' of AWS managed 'P'" (boundary Allows are not what grants a request).
std::string describe_allows(const Subject& subject, const eval::Counterexample& cx);
// The first identity Allow of a counterexample: where a standalone policy's finding points.
const input::JsonNode* allow_anchor(const eval::Counterexample& cx);

// The identity Allows of a counterexample as related locations of the finding reported last
// ("allows 'iam:PassRole' on '*'"): where a reader goes to fix it. Statements of bundled AWS
// managed policies, and a standalone policy's statement the finding already points at, are left
// out.
void relate_counterexample(lint::PrincipalContext& ctx, const Subject& subject, const eval::Counterexample& cx);
void relate_counterexample(lint::AccessContext& ctx, const eval::Counterexample& cx);

// The Deny statements that applied to the action but whose conditions did not hold, with the
// keys that made them fail: "; Deny `X` (statement 1 of `P`) did not apply: its condition on
// `sagemaker:VpcSubnets` was not met".
// With `key` set, only the Denies that test that key (the ones meant to stop this request).
// Then describe_void_denies.
std::string describe_unmet(const Subject& subject, const eval::Counterexample& cx, std::string_view key = {});
// One Deny of describe_unmet: "; the Deny <statement> did not apply (condition `Op key`, ... not
// met)". The guardrail questions use it with their own choice of Denies.
std::string describe_unmet_deny(const Subject& subject, const eval::UnmetDeny& deny);

// The subject's Deny statements that name the request's action but can never apply to a resource
// of its type, whatever the request: a NotResource that covers every ARN of the type
// ('arn:aws:iam::*:role/*' on iam:PassRole), a Resource that fits no ARN of it. "; the Deny
// statement 'X' of 'P' never applies to 'iam:PassRole' (its NotResource '...' covers every role),
// so it is no guardrail"; empty when there is none.
std::string describe_void_denies(const Subject& subject, const eval::Request& request);

}  // namespace sagelint::rules
