// `sagelint explain-access`: evaluate one request against a set of policies and print the
// decision with the statements that decided it (how users debug a guardrail).
#pragma once

#include "cli/config.hpp"
#include "cli/options.hpp"

namespace sagelint::cli {

// With --principal, the policies are those of one role, user or group found in the inputs
// (templates, authorization dumps) and the configuration's [[principal]] manifest.
// Exit status: 0 Allow, 1 ExplicitDeny or ImplicitDeny, 2 usage or input error.
int explain_access(const Options& opts, const FileConfig& config);

}  // namespace sagelint::cli
