// Binds the factory table (src/rules/) to the embedded TOML metadata, validates both, and
// answers selection questions (--select/--ignore by id, id prefix, name or tag).
#pragma once

#include <memory>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lint/rule.hpp"

namespace sagelint::lint {

// The factory-table entry of the one generic rule that answers every data rule's question
// (a TOML with a [guardrail] table has no entry of its own). Not a valid rule name.
inline constexpr std::string_view kGuardrailQuestionFactory = "[guardrail]";

struct RegisteredRule {
  RuleMeta meta;
  std::unique_ptr<Rule> rule;
};

class Registry {
 public:
  // Fails (returns false, error set) when a TOML is malformed, a name has no factory or a
  // factory no TOML, or an id/name is duplicated: the build's parity test catches these.
  static bool build(std::span<const RuleDefinition> definitions, std::span<const EmbeddedRuleToml> tomls, Registry& out,
                    std::string& error);
  // The same from metadata compiled at build time (rules::rule_metas()): no TOML is parsed.
  static bool build(std::span<const RuleDefinition> definitions, std::span<const CompiledRuleMeta> metas, Registry& out,
                    std::string& error);

  // A user guardrail ([[guardrail]] in .sagelint.toml, meta.guardrail set): fails when its id or
  // name is taken or the table has no kGuardrailQuestionFactory.
  bool add_data_rule(RuleMeta meta, std::string& error);

  const std::vector<RegisteredRule>& rules() const { return rules_; }  // sorted by id
  const RegisteredRule* find(std::string_view id_or_name) const;
  // A selector is an id ("SL101"), an id prefix ("SL1", "SL10"), a name, a tag, or "ALL".
  bool selector_matches(std::string_view selector, const RuleMeta& meta) const;
  bool selector_known(std::string_view selector) const;
  std::string suggest_selector(std::string_view selector) const;

 private:
  // Binds one rule's metadata (from `file`) to its factory; `used` collects ids and names.
  bool add_builtin(std::span<const RuleDefinition> definitions, std::string_view file, RuleMeta meta,
                   std::set<std::string, std::less<>>& used, std::string& error);
  bool finish(std::span<const RuleDefinition> definitions, const std::set<std::string, std::less<>>& used,
              std::string& error);

  std::vector<RegisteredRule> rules_;
  RuleFactory guardrail_question_ = nullptr;
};

}  // namespace sagelint::lint
