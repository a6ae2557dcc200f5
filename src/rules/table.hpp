// The rule set: an explicit factory table (table.def, one line per rule, read by table.cpp) and the
// embedded rules/*.toml.
#pragma once

#include <span>

#include "lint/rule.hpp"

namespace sagelint::rules {

std::span<const lint::RuleDefinition> rule_table();
std::span<const lint::EmbeddedRuleToml> rule_tomls();  // the TOML text (tests, tools)
// The same metadata compiled at build time: what sagelint reads at start-up.
std::span<const lint::CompiledRuleMeta> rule_metas();

}  // namespace sagelint::rules
