// The rule set: an explicit factory table (table.cpp) and the embedded rules/*.toml.
#pragma once

#include <span>

#include "lint/rule.hpp"

namespace sagelint::rules {

std::span<const lint::RuleDefinition> rule_table();
std::span<const lint::EmbeddedRuleToml> rule_tomls();

}  // namespace sagelint::rules
