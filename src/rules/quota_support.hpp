// Shared by the principal quota rules (SL701-SL705): how a principal and a count are written.
#pragma once

#include <string>

#include "principal/model.hpp"

namespace sagelint::rules {

// "role `NotebookRole` (CloudFormation)"
std::string describe(const principal::Principal& p);
// 10240 -> "10,240"
std::string thousands(size_t n);

}  // namespace sagelint::rules
