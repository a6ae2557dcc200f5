// Strict JSON scanner used only to explain a parse failure: where the first error is and
// what was expected there, in words a policy author understands.
#pragma once

#include <string_view>

#include "input/json.hpp"

namespace sagelint::input {

// `start` skips a byte order mark. Always returns an error: when the text is in fact valid
// it says so generically (the caller found a problem the scanner does not model).
JsonError diagnose_json(std::string_view text, uint32_t start);

}  // namespace sagelint::input
