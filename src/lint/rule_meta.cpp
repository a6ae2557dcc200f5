#include "lint/rule_meta.hpp"

#include <regex>

#include "sagelint_version.hpp"

namespace sagelint::lint {

std::string RuleMeta::help_uri() const {
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
                                       "options"};
  for (const auto& [key, node] : table) {
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
      !read_string(table, "security_severity", out.security_severity, true, e) ||
      !read_strings(table, "tags", out.tags, e) || !read_strings(table, "references", out.references, e)) {
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
      out.options.insert(key, *option->get("default"));
      out.option_docs.push_back(std::string(key.str()) + ": " + *(*option)["description"].value<std::string>());
    }
  }
  return true;
}

}  // namespace sagelint::lint
