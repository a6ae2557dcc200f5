// Build-time tool: reads every rules/*.toml with parse_rule_meta (the same reader, the same
// checks: a TOML that does not parse or validate fails the build) and writes a C++ source with
// one function per rule that fills a RuleMeta, so that start-up parses no TOML. The TOML files
// stay the single source; tests/unit/rule_meta_gen_test.cpp checks every field of the generated
// metadata against parse_rule_meta's reading of the same files.
//   sagelint_rule_meta_gen <output.cpp> <rule.toml>...
#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "lint/guardrail_spec.hpp"
#include "lint/rule_meta.hpp"

namespace {

using sagelint::lint::GuardrailSpec;
using sagelint::lint::RuleMeta;
using sagelint::lint::SpecValue;

// A field added to these structs must be written below and compared in the unit test: this
// fails the build until both are updated (x86-64 / libstdc++ sizes).
#if defined(__GLIBCXX__) && __SIZEOF_POINTER__ == 8
static_assert(sizeof(RuleMeta) == 408, "RuleMeta changed: update rule_meta_gen_tool.cpp and its test");
static_assert(sizeof(GuardrailSpec) == 320, "GuardrailSpec changed: update rule_meta_gen_tool.cpp and its test");
#endif

// A C++ string literal with its length: any byte outside printable ASCII as a 3-digit octal
// escape (never greedy), long texts split into adjacent literals.
std::string literal(std::string_view s) {
  std::string out = "std::string_view(\"";
  size_t column = 0;
  for (unsigned char c : s) {
    if (column >= 100) {
      out += "\"\n    \"";
      column = 0;
    }
    if (c == '\\' || c == '"') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20 || c >= 0x7f || c == '?') {  // '?': no trigraph-like sequences either
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
    ++column;
  }
  out += "\", " + std::to_string(s.size()) + ")";
  return out;
}

class Emitter {
 public:
  std::ostringstream out;

  // A C++ expression for one option value.
  static std::string value(const sagelint::lint::OptionValue& v) {
    if (const auto* b = std::get_if<bool>(&v)) return *b ? "lint::OptionValue(true)" : "lint::OptionValue(false)";
    if (const auto* i = std::get_if<int64_t>(&v)) {
      if (*i == INT64_MIN) return "lint::OptionValue(int64_t{INT64_MIN})";
      return "lint::OptionValue(int64_t{" + std::to_string(*i) + "LL})";
    }
    if (const auto* d = std::get_if<double>(&v)) {
      if (std::isnan(*d)) return "lint::OptionValue(std::numeric_limits<double>::quiet_NaN())";
      if (std::isinf(*d)) {
        return std::string("lint::OptionValue(") + (*d < 0 ? "-" : "") + "std::numeric_limits<double>::infinity())";
      }
      char buf[64];
      std::snprintf(buf, sizeof buf, "%a", *d);
      return std::string("lint::OptionValue(") + buf + ")";
    }
    if (const auto* s = std::get_if<std::string>(&v)) return "lint::OptionValue(std::string(" + literal(*s) + "))";
    std::string list = "lint::OptionValue(std::vector<std::string>{";
    for (const auto& item : std::get<std::vector<std::string>>(v)) list += "std::string(" + literal(item) + "), ";
    return list + "})";  // parse_rule_meta refuses any other value
  }

  void strings(const std::string& target, const std::vector<std::string>& values) {
    for (const auto& v : values) out << "  " << target << ".emplace_back(" << literal(v) << ");\n";
  }

  void spec_values(const std::string& target, const std::vector<SpecValue>& values) {
    for (const auto& v : values) {
      out << "  " << target << ".push_back(lint::SpecValue{std::string(" << literal(v.text) << "), " << v.line << "u, "
          << v.column << "u});\n";
    }
  }

  void guardrail(const GuardrailSpec& g) {
    out << "  auto g = std::make_shared<lint::GuardrailSpec>();\n";
    out << "  g->source = " << literal(g.source) << ";\n";
    for (auto k : g.kinds) out << "  g->kinds.push_back(static_cast<principal::PrincipalKind>(" << int(k) << "));\n";
    spec_values("g->names", g.names);
    spec_values("g->exclude", g.exclude);
    spec_values("g->trusts", g.trusts);
    spec_values("g->managed", g.managed);
    spec_values("g->actions", g.actions);
    spec_values("g->resources", g.resources);
    for (const auto& key : g.context) {
      out << "  {\n    lint::GuardrailSpec::Key k;\n";
      out << "    k.key = lint::SpecValue{std::string(" << literal(key.key.text) << "), " << key.key.line << "u, "
          << key.key.column << "u};\n";
      for (const auto& v : key.values) out << "    k.values.emplace_back(" << literal(v) << ");\n";
      out << "    g->context.push_back(std::move(k));\n  }\n";
    }
    spec_values("g->absent", g.absent);
    out << "  g->expect = static_cast<lint::GuardrailSpec::Expect>(" << int(g.expect) << ");\n";
    out << "  g->message = " << literal(g.message) << ";\n";
    out << "  g->toml_text = " << literal(g.toml_text) << ";\n";
    out << "  m.guardrail = std::move(g);\n";
  }

  void meta(const RuleMeta& m) {
    out << "  m.id = " << literal(m.id) << ";\n";
    out << "  m.name = " << literal(m.name) << ";\n";
    out << "  m.severity = static_cast<lint::Severity>(" << int(m.severity) << ");\n";
    out << "  m.scope = static_cast<lint::RuleScope>(" << int(m.scope) << ");\n";
    out << "  m.summary = " << literal(m.summary) << ";\n";
    out << "  m.explanation = " << literal(m.explanation) << ";\n";
    out << "  m.remediation = " << literal(m.remediation) << ";\n";
    strings("m.tags", m.tags);
    strings("m.references", m.references);
    out << "  m.security_severity = " << literal(m.security_severity) << ";\n";
    out << "  m.precision = " << literal(m.precision) << ";\n";
    for (const auto& [name, v] : m.options)
      out << "  m.options.set(std::string(" << literal(name) << "), " << value(v) << ");\n";
    strings("m.option_docs", m.option_docs);
    if (m.guardrail) guardrail(*m.guardrail);
    out << "  m.default_enabled = " << (m.default_enabled ? "true" : "false") << ";\n";
    if (!m.origin.empty()) out << "  m.origin = " << literal(m.origin) << ";\n";
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s <output.cpp> <rule.toml>...\n", argv[0]);
    return 2;
  }
  std::vector<std::filesystem::path> files(argv + 2, argv + argc);
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.filename().string() < b.filename().string(); });
  Emitter e;
  e.out << "// Generated by sagelint_rule_meta_gen (src/lint/rule_meta_gen_tool.cpp) from rules/*.toml. Do not edit.\n"
        << "#include <cstdint>\n#include <limits>\n#include <memory>\n\n"
        << "#include \"lint/guardrail_spec.hpp\"\n#include \"rules/table.hpp\"\n\n"
        << "namespace sagelint::rules {\nnamespace {\n\n";
  std::string entries;
  int i = 0;
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
      std::fprintf(stderr, "%s: cannot read %s\n", argv[0], path.c_str());
      return 1;
    }
    const std::string file = path.filename().string();
    RuleMeta meta;
    std::string error;
    if (!sagelint::lint::parse_rule_meta(text.view(), file, meta, error)) {
      std::fprintf(stderr, "%s: %s\n", argv[0], error.c_str());
      return 1;
    }
    e.out << "void fill" << i << "(lint::RuleMeta& m) {\n";
    e.meta(meta);
    e.out << "}\n\n";
    entries += "    {" + literal(file) + ", fill" + std::to_string(i) + "},\n";
    ++i;
  }
  e.out << "constexpr lint::CompiledRuleMeta kMetas[] = {\n"
        << entries << "};\n\n}  // namespace\n\n"
        << "std::span<const lint::CompiledRuleMeta> rule_metas() { return kMetas; }\n\n"
        << "}  // namespace sagelint::rules\n";
  const std::string path = argv[1];
  {
    std::ofstream out(path + ".tmp", std::ios::binary | std::ios::trunc);
    out << e.out.str();
    out.close();
    if (!out) {
      std::fprintf(stderr, "%s: cannot write %s.tmp\n", argv[0], path.c_str());
      return 1;
    }
  }
  std::error_code ec;
  std::filesystem::rename(path + ".tmp", path, ec);
  if (ec) {
    std::fprintf(stderr, "%s: cannot write %s: %s\n", argv[0], path.c_str(), ec.message().c_str());
    return 1;
  }
  return 0;
}
