// --fix and --diff: apply each finding's fix when it has exactly one (unambiguous) and it
// does not overlap another; every other byte of the file is preserved.
#pragma once

#include <string>
#include <vector>

#include "lint/finding.hpp"

namespace sagelint::cli {

// Returns the fixed text and how many fixes were applied (0: text unchanged).
std::string apply_fixes(const std::string& text, const std::vector<lint::Finding>& findings, size_t& applied);

// A unified diff of two texts as git writes it: `--- a/PATH`, `+++ b/PATH`, one hunk per changed
// region with 3 lines of context (regions closer than 6 lines share a hunk), so `git apply` and
// `patch -p1` take it.
std::string unified_diff(const std::string& path, const std::string& before, const std::string& after);

}  // namespace sagelint::cli
