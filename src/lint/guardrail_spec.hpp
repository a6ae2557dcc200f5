// Data guardrails: a question for the evaluator written as data, in a rules/<name>.toml
// `[guardrail]` table or a `[[guardrail]]` table of .sagelint.toml. Which principals are asked,
// which requests (actions, resources, a request context with some keys fixed, some absent and
// every other key free), what the answer must be, and the message when it is not. One generic
// rule (rules/guardrail/question.cpp) answers every such question; this file only reads
// and checks the data, so lint/ stays free of rule logic.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "principal/model.hpp"

namespace sagelint::lint {

struct RuleMeta;

// A string written in the TOML, with where it was written (diagnostics name file:line:column).
struct SpecValue {
  std::string text;
  uint32_t line = 0;
  uint32_t column = 0;
};

struct GuardrailSpec {
  enum class Expect { Deny, Allow };

  std::string source;  // the file it was read from, for diagnostics

  // Principal selector; an empty list does not restrict. Groups are never asked: each member is,
  // with the group's policies among its own.
  std::vector<principal::PrincipalKind> kinds;  // role, user
  std::vector<SpecValue> names;                 // IAM-style globs on the principal's name
  std::vector<SpecValue> exclude;               // names (globs) never asked
  std::vector<SpecValue> trusts;                // roles whose trust policy allows this service principal
  std::vector<SpecValue> managed;               // has one of these managed policies (name or ARN, globs)

  // The requests.
  std::vector<SpecValue> actions;    // "service:Action", wildcards expanded through the catalog
  std::vector<SpecValue> resources;  // empty: a concrete example ARN per action
  struct Key {
    SpecValue key;
    std::vector<std::string> values;  // a single value or a set (multivalued keys)
  };
  std::vector<Key> context;       // fixed keys
  std::vector<SpecValue> absent;  // keys the request does not carry
  Expect expect = Expect::Deny;   // deny: report an allowed request; allow: report when none is
  std::string message;            // with {placeholders}; empty: the default for `expect`

  // The question's keys as written, formatted as a [guardrail] table by toml++: for the generated
  // docs.
  std::string toml_text;
};

// Placeholders a message may use; the second list only with expect = "deny", the third only
// with expect = "allow".
inline constexpr std::string_view kGuardrailPlaceholders[] = {"principal", "request", "action", "actions", "resource"};
inline constexpr std::string_view kGuardrailDenyPlaceholders[] = {"allowed_by", "unmet_denies"};
inline constexpr std::string_view kGuardrailAllowPlaceholders[] = {"denied_by", "decision"};

// Reads a [guardrail] table. Unknown keys, wrong types, unknown placeholders and contradictions
// (a key both fixed and absent) are errors: "SOURCE:LINE:COLUMN: what is wrong". What needs the
// IAM catalog (unknown actions and keys) is checked by rules::check_guardrail().
// Both readers take a toml++ table: templates instantiated for it alone in guardrail_spec.cpp, so
// that this header, which every rule file reaches, needs no toml++.
template <class TomlTable>
bool parse_guardrail_spec(const TomlTable& table, std::string_view source, GuardrailSpec& out, std::string& error);

// A [[guardrail]] table of .sagelint.toml: the question plus id (SL900-SL999), name, severity,
// summary and optional explanation, remediation and tags, as a rule's metadata.
template <class TomlTable>
bool parse_user_guardrail(const TomlTable& table, std::string_view source, RuleMeta& out, std::string& error);

// The user rule ids block (DESIGN: 9xx user rules).
bool is_user_rule_id(std::string_view id);

}  // namespace sagelint::lint
