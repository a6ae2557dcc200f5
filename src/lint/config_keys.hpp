// The keys of .sagelint.toml, written once: the readers (cli/config.cpp, cli/manifest.cpp,
// lint/guardrail_spec.cpp) refuse any key that is not listed here, and sagelint-docgen
// writes docs/sagelint.schema.json, the JSON Schema editors read (taplo, Even Better TOML),
// from the same tables plus the rule options of rules/*.toml.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace sagelint::lint::config_keys {

enum class Type {
  String,           // a string
  NonEmptyString,   // a string that is not empty
  Strings,          // a string or an array of strings
  NonEmptyStrings,  // a non-empty string or an array of them
  Table,            // a table whose keys are Key::table
  Tables,           // an array of tables ([[name]]) whose keys are Key::table
  SeverityMap,      // rule id or name -> "error" | "warning" | "note"
  RuleOptions,      // [rules.<rule-name>]: the options of rules/*.toml
  Context,          // condition key -> string, boolean, integer or an array of them
};

struct Section;

struct Key {
  std::string_view name;
  Type type;
  std::string_view description;
  std::span<const std::string_view> allowed = {};  // for String: the only values; for Strings: each item's
  bool required = false;
  const Section* table = nullptr;  // for Table and Tables
  std::string_view pattern = {};   // for String: an ECMA-262 regular expression the value must match
  // [[principal]]: the values of the entry's `kind` that may have this key (empty: all).
  std::span<const std::string_view> only_for_kind = {};
};

struct Section {
  std::string_view where;  // as named in messages: "[lint]", "[[principal]]"
  std::span<const Key> keys;
  const Section* also = nullptr;  // keys of another section that this one accepts too
};

const Section& top_level();             // the file itself
const Section& guardrail_question();    // [guardrail] of a guardrail rule's TOML, and part of [[guardrail]]
const Section& user_guardrail();        // [[guardrail]] of .sagelint.toml
const Section& principal_entry();       // [[principal]]
const Section& guardrail_principals();  // principals = { ... } of a guardrail

// True when `name` is a key of `section` (or of its `also`).
bool has_key(const Section& section, std::string_view name);
// "a, b, c": the keys of `section` in order, for "expected one of" messages.
std::string expected_list(const Section& section);

}  // namespace sagelint::lint::config_keys
