// sagelint-docgen DIR: writes DIR/<rule-name>.md for every rule and DIR/README.md, the
// index, from the embedded rules/*.toml. docs/rules/ is this tool's output; a test checks it.
// sagelint-docgen --schema FILE: writes the JSON Schema of .sagelint.toml (docs/sagelint.schema.json).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/config_schema.hpp"
#include "lint/registry.hpp"
#include "rules/guardrail/question.hpp"
#include "rules/table.hpp"

using namespace sagelint;

namespace {

std::string rule_page(const lint::RuleMeta& m) {
  std::ostringstream out;
  out << "<!-- Generated from rules/" << m.name << ".toml by sagelint-docgen. Do not edit. -->\n";
  out << "# " << m.id << " " << m.name << "\n\n";
  out << "**" << m.summary << "**\n\n";
  out << "| | |\n|---|---|\n";
  out << "| Default severity | " << lint::severity_name(m.severity) << " |\n";
  if (!m.default_enabled) out << "| Enabled by default | no: select it by id or name |\n";
  const char* scope = m.scope == lint::RuleScope::Document ? "each policy document"
                      : m.scope == lint::RuleScope::Principal
                          ? "each principal"
                          : "each role and user, and each standalone identity policy";
  out << "| Scope | " << scope << " |\n";
  // Only rules about access have one: code scanning files their results as security alerts.
  out << "| Security severity | "
      << (m.security_severity.empty() ? std::string("none: not a security alert in code scanning")
                                      : m.security_severity)
      << " |\n";
  out << "| Precision | " << m.precision << " |\n";
  out << "| Tags | ";
  for (size_t i = 0; i < m.tags.size(); ++i) out << (i ? ", " : "") << "`" << m.tags[i] << "`";
  out << " |\n\n";
  out << "## Why\n\n" << m.explanation << "\n";
  out << "## How to fix\n\n" << m.remediation << "\n";
  if (m.guardrail) out << rules::guardrail_markdown(m);
  if (!m.option_docs.empty()) {
    out << "## Options\n\nSet in `.sagelint.toml` under `[rules." << m.name << "]`.\n\n";
    for (const auto& o : m.option_docs)
      out << "- `" << o.substr(0, o.find(':')) << "`" << o.substr(o.find(':')) << "\n";
    out << "\n";
  }
  out << "## Examples\n\nSee `fixtures/rules/" << m.name << "/`: `valid/` policies must not trigger the rule, "
      << "`invalid/` policies do, with the exact output in the `.expected` files.\n\n";
  out << "## References\n\n";
  for (const auto& r : m.references) out << "- <" << r << ">\n";
  return out.str();
}

}  // namespace

int main(int argc, char** argv) {
  const bool schema = argc == 3 && std::string_view(argv[1]) == "--schema";
  if (argc != 2 && !schema) {
    std::fprintf(stderr, "usage: sagelint-docgen OUTPUT_DIR | sagelint-docgen --schema FILE\n");
    return 2;
  }
  lint::Registry registry;
  std::string error;
  if (!lint::Registry::build(rules::rule_table(), rules::rule_metas(), registry, error)) {
    std::fprintf(stderr, "sagelint-docgen: %s\n", error.c_str());
    return 2;
  }
  if (schema) {
    std::ofstream out(argv[2], std::ios::binary);
    out << cli::config_schema(registry);
    return out.good() ? 0 : 2;
  }
  std::filesystem::path dir(argv[1]);
  std::filesystem::create_directories(dir);
  std::ostringstream index;
  index << "<!-- Generated from rules/*.toml by sagelint-docgen. Do not edit. -->\n# Rules\n\n"
        << "| Id | Name | Severity | Summary |\n|---|---|---|---|\n";
  for (const auto& r : registry.rules()) {
    std::ofstream(dir / (r.meta.name + ".md")) << rule_page(r.meta);
    index << "| " << r.meta.id << " | [" << r.meta.name << "](" << r.meta.name << ".md) | "
          << lint::severity_name(r.meta.severity) << " | " << r.meta.summary << " |\n";
  }
  std::ofstream(dir / "README.md") << index.str();
  return 0;
}
