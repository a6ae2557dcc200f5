#include "lint/registry.hpp"

#include <algorithm>
#include <set>

#include "text/text.hpp"

namespace sagelint::lint {

namespace {

std::string_view scope_name(RuleScope scope) {
  switch (scope) {
    case RuleScope::Document:
      return "document";
    case RuleScope::Principal:
      return "principal";
    case RuleScope::Access:
      return "access";
  }
  return "?";
}

// The TOML's scope and the rule's base class must agree: the linter dispatches on the scope and
// calls the class's entry point, so a disagreement would silently never run the rule.
bool scope_matches(const RuleMeta& meta, const Rule& rule, std::string& error) {
  if (rule.scope() == meta.scope) return true;
  error = "rule '" + meta.name + "': rules/" + meta.name + ".toml says scope = \"" +
          std::string(scope_name(meta.scope)) + "\" but its class has scope \"" +
          std::string(scope_name(rule.scope())) + "\" (derive from " +
          (meta.scope == RuleScope::Principal ? "lint::PrincipalRule"
           : meta.scope == RuleScope::Access  ? "lint::AccessRule"
                                              : "lint::Rule") +
          ", or change the TOML)";
  return false;
}

}  // namespace

bool Registry::add_builtin(std::span<const RuleDefinition> definitions, std::string_view file, RuleMeta meta,
                           std::set<std::string, std::less<>>& used, std::string& error) {
  if (std::string(file) != meta.name + ".toml") {
    error = std::string(file) + ": file name must be the rule name (" + meta.name + ".toml)";
    return false;
  }
  auto def = std::find_if(definitions.begin(), definitions.end(),
                          [&](const RuleDefinition& d) { return d.name == meta.name; });
  if (def == definitions.end() && meta.guardrail && guardrail_question_ != nullptr) {
    // A data rule: the generic rule reads its question from the metadata.
    def = std::find_if(definitions.begin(), definitions.end(),
                       [](const RuleDefinition& d) { return d.name == kGuardrailQuestionFactory; });
  } else if (def != definitions.end() && meta.guardrail) {
    error = "rule '" + meta.name + "' has a [guardrail] table and an entry in the factory table: a data rule has none";
    return false;
  }
  if (def == definitions.end()) {
    error = "rule '" + meta.name + "' has metadata but no entry in the factory table";
    return false;
  }
  if (!used.insert(meta.id).second || !used.insert(meta.name).second) {
    error = "duplicate rule id or name: " + meta.id + " " + meta.name;
    return false;
  }
  std::unique_ptr<Rule> rule = def->make();
  if (!scope_matches(meta, *rule, error)) return false;
  rules_.push_back(RegisteredRule{std::move(meta), std::move(rule)});
  return true;
}

bool Registry::finish(std::span<const RuleDefinition> definitions, const std::set<std::string, std::less<>>& used,
                      std::string& error) {
  for (const auto& def : definitions) {
    if (!used.contains(def.name)) {
      error = "rule '" + std::string(def.name) + "' is in the factory table but has no rules/" + std::string(def.name) +
              ".toml";
      return false;
    }
  }
  std::sort(rules_.begin(), rules_.end(),
            [](const RegisteredRule& a, const RegisteredRule& b) { return a.meta.id < b.meta.id; });
  return true;
}

namespace {

// Clears `out` and finds the generic data-rule factory; returns the ids and names in use.
std::set<std::string, std::less<>> start(std::span<const RuleDefinition> definitions, RuleFactory& guardrail_question) {
  for (const auto& def : definitions) {
    if (def.name == kGuardrailQuestionFactory) guardrail_question = def.make;
  }
  std::set<std::string, std::less<>> used;
  used.insert(std::string(kGuardrailQuestionFactory));
  return used;
}

}  // namespace

bool Registry::build(std::span<const RuleDefinition> definitions, std::span<const EmbeddedRuleToml> tomls,
                     Registry& out, std::string& error) {
  out.rules_.clear();
  auto used = start(definitions, out.guardrail_question_);
  for (const auto& toml : tomls) {
    RuleMeta meta;
    if (!parse_rule_meta(toml.text, toml.file, meta, error)) return false;
    if (!out.add_builtin(definitions, toml.file, std::move(meta), used, error)) return false;
  }
  return out.finish(definitions, used, error);
}

bool Registry::build(std::span<const RuleDefinition> definitions, std::span<const CompiledRuleMeta> metas,
                     Registry& out, std::string& error) {
  out.rules_.clear();
  out.rules_.reserve(metas.size());
  auto used = start(definitions, out.guardrail_question_);
  for (const auto& compiled : metas) {
    RuleMeta meta;
    compiled.fill(meta);
    if (!out.add_builtin(definitions, compiled.file, std::move(meta), used, error)) return false;
  }
  return out.finish(definitions, used, error);
}

bool Registry::add_data_rule(RuleMeta meta, std::string& error) {
  if (!meta.guardrail || guardrail_question_ == nullptr) {
    error = "rule '" + meta.name + "' is not a data rule";
    return false;
  }
  for (const auto& r : rules_) {
    if (r.meta.id == meta.id || r.meta.name == meta.name || r.meta.id == meta.name || r.meta.name == meta.id) {
      error = "guardrail " + meta.id + " " + meta.name + ": the " + (r.meta.id == meta.id ? "id" : "name") +
              " is already taken by " + r.meta.id + " " + r.meta.name;
      return false;
    }
  }
  RegisteredRule rule{std::move(meta), guardrail_question_()};
  if (!scope_matches(rule.meta, *rule.rule, error)) return false;
  auto at = std::upper_bound(rules_.begin(), rules_.end(), rule,
                             [](const RegisteredRule& a, const RegisteredRule& b) { return a.meta.id < b.meta.id; });
  rules_.insert(at, std::move(rule));
  return true;
}

const RegisteredRule* Registry::find(std::string_view id_or_name) const {
  for (const auto& r : rules_) {
    if (r.meta.id == id_or_name || r.meta.name == id_or_name) return &r;
  }
  return nullptr;
}

bool Registry::selector_matches(std::string_view selector, const RuleMeta& meta) const {
  if (selector == "ALL" || selector == meta.id || selector == meta.name) return true;
  if (selector.size() >= 2 && selector.size() < 5 && selector.substr(0, 2) == "SL" && meta.id.starts_with(selector)) {
    return true;
  }
  return std::find(meta.tags.begin(), meta.tags.end(), selector) != meta.tags.end();
}

bool Registry::selector_known(std::string_view selector) const {
  return std::any_of(rules_.begin(), rules_.end(),
                     [&](const RegisteredRule& r) { return selector_matches(selector, r.meta); });
}

std::string Registry::suggest_selector(std::string_view selector) const {
  std::string best;
  size_t best_distance = 4;
  for (const auto& r : rules_) {
    for (const std::string* candidate : {&r.meta.id, &r.meta.name}) {
      // Within 3 edits (case-insensitive, a swapped pair is one): the same cut-off as before.
      size_t d = text::edit_distance_within(selector, *candidate, 3);
      if (d < best_distance) {
        best_distance = d;
        best = *candidate;
      }
    }
  }
  return best;
}

}  // namespace sagelint::lint
