// The rule metadata compiled at build time (sagelint_rule_meta_gen, rules::rule_metas()) is what
// toml++ and parse_rule_meta read from the same rules/*.toml: every field of every rule.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "lint/guardrail_spec.hpp"
#include "lint/rule_meta.hpp"
#include "rules/table.hpp"

using namespace sagelint;

namespace {

void check_values(const std::vector<lint::SpecValue>& a, const std::vector<lint::SpecValue>& b) {
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].text == b[i].text);
    CHECK(a[i].line == b[i].line);
    CHECK(a[i].column == b[i].column);
  }
}

void check_same(const lint::RuleMeta& read, const lint::RuleMeta& compiled) {
  CHECK(read.id == compiled.id);
  CHECK(read.name == compiled.name);
  CHECK(read.severity == compiled.severity);
  CHECK(read.scope == compiled.scope);
  CHECK(read.summary == compiled.summary);
  CHECK(read.explanation == compiled.explanation);
  CHECK(read.remediation == compiled.remediation);
  CHECK(read.tags == compiled.tags);
  CHECK(read.references == compiled.references);
  CHECK(read.security_severity == compiled.security_severity);
  CHECK(read.precision == compiled.precision);
  CHECK(read.options == compiled.options);  // types and values, key for key
  CHECK(read.option_docs == compiled.option_docs);
  CHECK(read.default_enabled == compiled.default_enabled);
  CHECK(read.origin == compiled.origin);
  REQUIRE((read.guardrail == nullptr) == (compiled.guardrail == nullptr));
  if (read.guardrail == nullptr) return;
  const lint::GuardrailSpec& g = *read.guardrail;
  const lint::GuardrailSpec& h = *compiled.guardrail;
  CHECK(g.source == h.source);
  CHECK(g.kinds == h.kinds);
  check_values(g.names, h.names);
  check_values(g.exclude, h.exclude);
  check_values(g.trusts, h.trusts);
  check_values(g.managed, h.managed);
  check_values(g.actions, h.actions);
  check_values(g.resources, h.resources);
  REQUIRE(g.context.size() == h.context.size());
  for (size_t i = 0; i < g.context.size(); ++i) {
    check_values({g.context[i].key}, {h.context[i].key});
    CHECK(g.context[i].values == h.context[i].values);
  }
  check_values(g.absent, h.absent);
  CHECK(g.expect == h.expect);
  CHECK(g.message == h.message);
  CHECK(g.toml_text == h.toml_text);
}

}  // namespace

TEST_CASE("compiled rule metadata equals the TOML files read by toml++, every field") {
  // Read from the source tree, not from the embedded copy: what a person edits.
  const std::filesystem::path dir = std::filesystem::path(SAGELINT_SOURCE_DIR) / "rules";
  std::set<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".toml") files.insert(entry.path().filename().string());
  }
  const auto metas = rules::rule_metas();
  REQUIRE(files.size() == metas.size());
  REQUIRE(metas.size() > 60);
  size_t with_options = 0, with_guardrail = 0, opt_in = 0;
  for (const auto& compiled_entry : metas) {
    CAPTURE(compiled_entry.file);
    REQUIRE(files.contains(std::string(compiled_entry.file)));
    std::ifstream in(dir / compiled_entry.file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    lint::RuleMeta read;
    std::string error;
    REQUIRE_MESSAGE(lint::parse_rule_meta(text.str(), compiled_entry.file, read, error), error);
    lint::RuleMeta compiled;
    compiled_entry.fill(compiled);
    check_same(read, compiled);
    with_options += !compiled.options.empty();
    with_guardrail += compiled.guardrail != nullptr;
    opt_in += !compiled.default_enabled;
  }
  // The comparison covered the less common parts too.
  CHECK(with_options > 0);
  CHECK(with_guardrail > 0);
  CHECK(opt_in > 0);
}

TEST_CASE("compiled rule metadata is the embedded TOML text, file for file") {
  const auto metas = rules::rule_metas();
  const auto tomls = rules::rule_tomls();
  REQUIRE(metas.size() == tomls.size());
  for (size_t i = 0; i < metas.size(); ++i) CHECK(metas[i].file == tomls[i].file);
}
