// How findings word things: lists of names, what a statement does with an action, principals and
// counts against quotas.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "principal/model.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {

// "'a'", "'a' or 'b'", "'a', 'b' or 'c'".
std::string quote_alternatives(const std::vector<std::string>& names);

// What a statement does with an action it names, for messages: "grants", "denies", "excludes".
std::string_view statement_verb(const Statement& st);

// "role `NotebookRole` (CloudFormation)"
std::string describe(const principal::Principal& p);
// 10240 -> "10,240"
std::string thousands(size_t n);
// How a size limit is stated: "IAM allows 10,240 per role" when the rule's option is IAM's quota
// (its default), "the configured limit is 400 per role (IAM allows 10,240)" for a house limit.
std::string limit_phrase(size_t limit, size_t iam_quota, std::string_view per = {});

}  // namespace sagelint::rules
