// Which kind of policy a rule should assume for the document it checks.
#pragma once

#include "rules/support/prelude.hpp"

namespace sagelint::rules {

// The policy's kind, except for one case the document-wide guess gets wrong: a plain policy
// file (no kind from its container) where most statements name no principal and a few do.
// The guess calls that a resource-based policy, which would blame every statement without a
// Principal; it is far more often an identity-based policy with a stray Principal pasted in,
// so the few statements are the ones to report.
policy::PolicyKind effective_kind(const RuleContext& ctx);

// The statement names a principal (Principal or NotPrincipal).
bool names_principal(const Statement& st);

}  // namespace sagelint::rules
