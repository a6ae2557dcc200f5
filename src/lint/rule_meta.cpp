#include "lint/rule_meta.hpp"

#include <regex>

#include <toml++/toml.h>

#include "lint/guardrail_spec.hpp"
#include "sagelint_version.hpp"

namespace sagelint::lint {

std::string RuleMeta::help_uri() const {
  // A user rule has no generated page; the page that documents [[guardrail]] is the closest.
  if (!origin.empty()) return std::string(kProjectHomepage) + "/blob/main/docs/configuration.md#user-guardrails";
  return std::string(kProjectHomepage) + "/blob/main/docs/rules/" + name + ".md";
}

namespace {

bool valid_id(std::string_view id) {
  if (id.size() != 5 || id.substr(0, 2) != "SL") return false;
  for (char c : id.substr(2)) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool valid_name(std::string_view name) {
  if (name.empty() || name.front() == '-' || name.back() == '-') return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return name.find("--") == std::string_view::npos;
}

// GitHub code scanning reads `security-severity` as a CVSS-like score: one decimal number,
// above 0 and at most 10.
bool valid_security_severity(std::string_view s) {
  size_t dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  if (whole.empty() || whole.size() > 2 || (dot != std::string_view::npos && frac.size() != 1)) return false;
  int value = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  int tenths = value * 10;
  if (!frac.empty()) {
    if (frac[0] < '0' || frac[0] > '9') return false;
    tenths += frac[0] - '0';
  }
  return tenths > 0 && tenths <= 100;
}

// SARIF's reportingDescriptor property `precision`, as code scanning documents it.
bool valid_precision(std::string_view p) { return p == "very-high" || p == "high" || p == "medium" || p == "low"; }

bool read_string(const toml::table& t, std::string_view key, std::string& out, bool required, std::string& error) {
  const toml::node* node = t.get(key);
  if (node == nullptr) {
    if (required) error = "missing key '" + std::string(key) + "'";
    return !required;
  }
  auto value = node->value<std::string>();
  if (!value) {
    error = "'" + std::string(key) + "' must be a string";
    return false;
  }
  out = *value;
  return true;
}

bool read_strings(const toml::table& t, std::string_view key, std::vector<std::string>& out, std::string& error) {
  const toml::node* node = t.get(key);
  if (node == nullptr) return true;
  const toml::array* arr = node->as_array();
  if (arr == nullptr) {
    error = "'" + std::string(key) + "' must be an array of strings";
    return false;
  }
  for (const auto& item : *arr) {
    auto value = item.value<std::string>();
    if (!value) {
      error = "'" + std::string(key) + "' must be an array of strings";
      return false;
    }
    out.push_back(*value);
  }
  return true;
}

}  // namespace

bool parse_rule_meta(std::string_view toml_text, std::string_view source, RuleMeta& out, std::string& error) {
  toml::table table;
  try {
    table = toml::parse(toml_text, source);
  } catch (const toml::parse_error& e) {
    error = std::string(source) + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description());
    return false;
  }
  static const char* const kKnown[] = {"id",          "name",        "severity", "scope",      "summary",
                                       "explanation", "remediation", "tags",     "references", "security_severity",
                                       "precision",   "options"};
  for (const auto& [key, node] : table) {
    if (key.str() == "guardrail" || key.str() == "default_enabled") continue;  // data rules, read below
    bool known = false;
    for (const char* k : kKnown) known = known || key.str() == k;
    if (!known) {
      error = std::string(source) + ": unknown key '" + std::string(key.str()) + "'";
      return false;
    }
  }
  std::string severity;
  std::string scope = "document";
  std::string e;
  if (!read_string(table, "id", out.id, true, e) || !read_string(table, "name", out.name, true, e) ||
      !read_string(table, "severity", severity, true, e) || !read_string(table, "scope", scope, false, e) ||
      !read_string(table, "summary", out.summary, true, e) ||
      !read_string(table, "explanation", out.explanation, true, e) ||
      !read_string(table, "remediation", out.remediation, true, e) ||
      !read_string(table, "security_severity", out.security_severity, false, e) ||
      !read_string(table, "precision", out.precision, true, e) || !read_strings(table, "tags", out.tags, e) ||
      !read_strings(table, "references", out.references, e)) {
    error = std::string(source) + ": " + e;
    return false;
  }
  if (!valid_id(out.id)) {
    error = std::string(source) + ": id '" + out.id + "' is not SL followed by three digits";
    return false;
  }
  if (!valid_name(out.name)) {
    error = std::string(source) + ": name '" + out.name + "' is not kebab-case";
    return false;
  }
  auto parsed = parse_severity(severity);
  if (!parsed) {
    error = std::string(source) + ": severity must be error, warning or note";
    return false;
  }
  out.severity = *parsed;
  if (table.contains("security_severity") && !valid_security_severity(out.security_severity)) {
    error = std::string(source) + ": security_severity must be a score from \"0.1\" to \"10.0\" such as \"7.5\"";
    return false;
  }
  if (!valid_precision(out.precision)) {
    error = std::string(source) + ": precision must be very-high, high, medium or low";
    return false;
  }
  if (scope == "document") {
    out.scope = RuleScope::Document;
  } else if (scope == "principal") {
    out.scope = RuleScope::Principal;
  } else if (scope == "access") {
    out.scope = RuleScope::Access;
  } else {
    error = std::string(source) + ": scope must be document, principal or access";
    return false;
  }
  if (out.references.empty()) {
    error = std::string(source) + ": at least one reference is required";
    return false;
  }
  if (const toml::table* options = table["options"].as_table()) {
    for (const auto& [key, node] : *options) {
      const toml::table* option = node.as_table();
      if (option == nullptr || !option->contains("default") || !(*option)["description"].is_string()) {
        error = std::string(source) + ": option '" + std::string(key.str()) +
                "' must be a table with 'default' and 'description'";
        return false;
      }
      OptionValue def = option_value_from_toml(*option->get("default"));
      if (std::holds_alternative<OtherValue>(def)) {
        error = std::string(source) + ": option '" + std::string(key.str()) +
                "': the default must be a boolean, a number, a string or a list of strings";
        return false;
      }
      out.options.set(std::string(key.str()), std::move(def));
      out.option_docs.push_back(std::string(key.str()) + ": " + *(*option)["description"].value<std::string>());
    }
  }
  if (const toml::node* enabled = table.get("default_enabled")) {
    if (!enabled->is_boolean()) {
      error = std::string(source) + ": 'default_enabled' must be a boolean";
      return false;
    }
    out.default_enabled = enabled->value_or(true);
  }
  if (const toml::node* guardrail = table.get("guardrail")) {
    const toml::table* question = guardrail->as_table();
    if (question == nullptr) {
      error = std::string(source) + ": 'guardrail' must be a table ([guardrail])";
      return false;
    }
    if (!table.contains("scope")) out.scope = RuleScope::Principal;
    if (out.scope != RuleScope::Principal) {
      error = std::string(source) + ": a [guardrail] rule asks about principals: scope must be principal";
      return false;
    }
    auto spec = std::make_shared<GuardrailSpec>();
    if (!parse_guardrail_spec(*question, source, *spec, error)) return false;
    out.guardrail = std::move(spec);
  }
  return true;
}

}  // namespace sagelint::lint
