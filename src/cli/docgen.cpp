// sagelint-docgen [--fixtures DIR] OUT: writes OUT/<rule-name>.md for every rule and OUT/README.md,
// the index, from the embedded rules/*.toml; with --fixtures (the source tree's fixtures/rules),
// each page shows an invalid fixture of the rule and its .expected output (the output the
// fixture test checks). docs/rules/ is this tool's output; a test checks it.
// sagelint-docgen --schema FILE: writes the JSON Schema of .sagelint.toml (docs/sagelint.schema.json).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>
#include <vector>

#include "cli/config_schema.hpp"
#include "lint/registry.hpp"
#include "rules/guardrail/question.hpp"
#include "rules/table.hpp"

using namespace sagelint;

namespace {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Shown on a page as it is: valid UTF-8 with no control character but tab and line breaks.
bool printable(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f) return false;
      ++i;
      continue;
    }
    size_t n = c >= 0xf5 ? 0 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
    if (n == 0 || i + n > text.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return false;
    }
    if (n == 2 && c == 0xc2 && static_cast<unsigned char>(text[i + 1]) < 0xa0) return false;  // C1 controls
    i += n;
  }
  return true;
}

// A code fence longer than any run of backticks in the text.
std::string fence(std::string_view text) {
  size_t longest = 0;
  size_t run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return std::string(std::max<size_t>(3, longest + 1), '`');
}

std::string language(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  if (ext == ".json") return "json";
  if (ext == ".yaml" || ext == ".yml" || ext == ".template") return "yaml";
  if (ext == ".tf") return "hcl";
  return "text";
}

constexpr size_t kMaxExampleLines = 80;

// The rule's example: the first invalid fixture (in name order) that fits on a page (at most 80
// lines), else the shortest, holding only printable text, with its .expected output. Empty when
// the rule has none.
std::string example_section(const std::filesystem::path& fixtures, const lint::RuleMeta& m) {
  std::error_code ec;
  std::vector<std::filesystem::path> inputs;
  for (const auto& e : std::filesystem::directory_iterator(fixtures / m.name / "invalid", ec)) {
    const std::string name = e.path().filename().string();
    if (!e.is_regular_file() || name.ends_with(".expected") || name.ends_with(".options.toml")) continue;
    inputs.push_back(e.path());
  }
  std::sort(inputs.begin(), inputs.end());
  struct Candidate {
    std::filesystem::path input;
    std::string text;
    std::string output;
    size_t lines = 0;
  };
  std::optional<Candidate> chosen;
  for (const auto& input : inputs) {
    std::filesystem::path expected = input;
    expected.replace_extension(".expected");
    Candidate c{input, read_text(input), read_text(expected), 0};
    if (c.output.empty() || !printable(c.text) || !printable(c.output)) continue;
    c.lines = static_cast<size_t>(std::count(c.text.begin(), c.text.end(), '\n'));
    if (c.lines <= kMaxExampleLines) {
      chosen = std::move(c);
      break;
    }
    if (!chosen || c.lines < chosen->lines) chosen = std::move(c);
  }
  if (!chosen) return {};
  const std::string& text = chosen->text;
  const std::string& output = chosen->output;
  std::filesystem::path options = chosen->input;
  options.replace_extension(".options.toml");
  const std::string rel = "fixtures/rules/" + m.name + "/invalid/" + chosen->input.filename().string();
  std::ostringstream out;
  out << "## Example\n\n`" << rel << "`";
  std::string config;
  if (std::filesystem::is_regular_file(options, ec)) {
    config = read_text(options);
    out << ", with these options in `.sagelint.toml`";
  }
  out << ":\n\n";
  if (!config.empty() && printable(config)) out << fence(config) << "toml\n" << config << fence(config) << "\n\n";
  const std::string f = fence(text);
  out << f << language(chosen->input) << "\n" << text << (text.ends_with('\n') ? "" : "\n") << f << "\n\n";
  out << (config.empty() ? "" : "With them, ") << "`sagelint --select " << m.name << " " << rel << "` reports:\n\n";
  const std::string g = fence(output);
  out << g << "text\n" << output << (output.ends_with('\n') ? "" : "\n") << g << "\n\n";
  return out.str();
}

std::filesystem::path g_fixtures;  // --fixtures: the source tree's fixtures/rules, or empty

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
  if (!g_fixtures.empty()) out << example_section(g_fixtures, m);
  out << (g_fixtures.empty() ? "## Examples\n\nSee" : "More in") << " `fixtures/rules/" << m.name
      << "/`: `valid/` policies must not trigger the rule, `invalid/` policies do, with the exact output in the "
      << "`.expected` files.\n\n";
  out << "## References\n\n";
  for (const auto& r : m.references) out << "- <" << r << ">\n";
  return out.str();
}

}  // namespace

int main(int argc, char** argv) {
  const bool schema = argc == 3 && std::string_view(argv[1]) == "--schema";
  if (argc == 4 && std::string_view(argv[1]) == "--fixtures") {
    g_fixtures = argv[2];
    argv += 2;
    argc -= 2;
  }
  if (argc != 2 && !schema) {
    std::fprintf(stderr, "usage: sagelint-docgen [--fixtures DIR] OUTPUT_DIR | sagelint-docgen --schema FILE\n");
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
