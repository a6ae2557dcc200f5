// Rule metadata: parsed from rules/<name>.toml, the only place it is written.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "lint/finding.hpp"
#include "lint/options.hpp"

namespace sagelint::lint {

struct GuardrailSpec;

// Document: each policy document. Principal: the principal model, once per run. Access: what one
// identity may do (lint/access.hpp), for each role and user and each standalone identity policy.
enum class RuleScope { Document, Principal, Access };

struct RuleMeta {
  std::string id;    // "SL101", stable forever
  std::string name;  // "unknown-action"
  Severity severity = Severity::Warning;
  RuleScope scope = RuleScope::Document;
  std::string summary;      // one line, ends without a period
  std::string explanation;  // why it matters (Markdown)
  std::string remediation;  // how to fix (Markdown)
  std::vector<std::string> tags;
  std::vector<std::string> references;  // URLs
  // CVSS-like "7.5": GitHub code scanning then files the rule's results as security alerts
  // (Critical/High/Medium/Low). Empty for rules that are not about access (grammar, catalog,
  // quotas): their results stay plain warnings and errors.
  std::string security_severity;
  std::string precision;                 // SARIF precision: very-high, high, medium or low
  Options options;                       // option name -> default value
  std::vector<std::string> option_docs;  // "name: what it does" lines, in order
  // Data rules (lint/guardrail_spec.hpp): the question of a [guardrail] table in rules/<name>.toml
  // or of a [[guardrail]] in .sagelint.toml; null for rules written in C++.
  std::shared_ptr<const GuardrailSpec> guardrail;
  // false (TOML `default_enabled = false`): runs only when a selector names it by id or name.
  bool default_enabled = true;
  std::string origin;  // user rules: where they are defined (".sagelint.toml:12:1"); empty for built-ins

  std::string help_uri() const;  // the generated docs page in the project repository
};

// Parses and validates one rule TOML; `source` names it in errors.
bool parse_rule_meta(std::string_view toml_text, std::string_view source, RuleMeta& out, std::string& error);

}  // namespace sagelint::lint
