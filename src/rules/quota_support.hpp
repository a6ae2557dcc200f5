// Shared by the principal quota rules (SL701-SL705): how a principal and a count are written.
#pragma once

#include <string>

#include "principal/model.hpp"

namespace sagelint::rules {

// "role `NotebookRole` (CloudFormation)"
std::string describe(const principal::Principal& p);
// 10240 -> "10,240"
std::string thousands(size_t n);
// How a size limit is stated: "IAM allows 10,240 per role" when the rule's option is IAM's quota
// (its default), "the configured limit is 400 per role (IAM allows 10,240)" for a house limit.
std::string limit_phrase(size_t limit, size_t iam_quota, std::string_view per = {});

}  // namespace sagelint::rules
