// The explicit rule table, read from table.def (one line per rule, sorted by name). Adding a rule:
// scripts/new-rule.py writes the TOML, the logic file, fixtures and the table.def line (see
// CONTRIBUTING.md).
#include "rules/table.hpp"

#include "lint/registry.hpp"
// make_guardrail_question(): the one rule behind every data rule (a TOML with a [guardrail] table).
#include "rules/guardrail/question.hpp"

namespace sagelint::rules {

#define SAGELINT_RULE(name, snake) std::unique_ptr<lint::Rule> make_##snake();
#include "rules/table.def"
#undef SAGELINT_RULE

namespace {
constexpr lint::RuleDefinition kTable[] = {
    {lint::kGuardrailQuestionFactory, &make_guardrail_question},
#define SAGELINT_RULE(name, snake) {name, &make_##snake},
#include "rules/table.def"
#undef SAGELINT_RULE
};
}  // namespace

std::span<const lint::RuleDefinition> rule_table() { return kTable; }

}  // namespace sagelint::rules
