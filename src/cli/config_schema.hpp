// The JSON Schema of .sagelint.toml (draft-07, as taplo and Even Better TOML read it), made from
// the key tables of lint/config_keys.cpp, which the readers use, and from the rules' options.
#pragma once

#include <string>

#include "lint/registry.hpp"

namespace sagelint::cli {

std::string config_schema(const lint::Registry& registry);

}  // namespace sagelint::cli
