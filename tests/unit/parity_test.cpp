// Keeps the four places a rule lives in agreement: rules/<name>.toml (embedded), the factory
// table, src/rules/<name_snake>.cpp, fixtures/rules/<name>/{valid,invalid}/ and docs/rules/.
// A data rule (a [guardrail] table in its TOML) has no logic file and no table entry: the one
// generic rule (table entry lint::kGuardrailQuestionFactory) answers its question.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "catalog/catalog.hpp"
#include "lint/guardrail_spec.hpp"
#include "lint/registry.hpp"
#include "rules/guardrail/question.hpp"
#include "rules/table.hpp"

namespace fs = std::filesystem;
using namespace sagelint;

namespace {

const fs::path kRoot = SAGELINT_SOURCE_DIR;

std::string snake(std::string name) {
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  return name;
}

size_t count(const fs::path& dir, std::string_view ext) {
  size_t n = 0;
  if (!fs::is_directory(dir)) return 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ext) ++n;
  }
  return n;
}

lint::Registry registry() {
  lint::Registry r;
  std::string error;
  REQUIRE_MESSAGE(lint::Registry::build(rules::rule_table(), rules::rule_metas(), r, error), error);
  return r;
}

}  // namespace

TEST_CASE("every rule has metadata, a factory, a logic file, fixtures and docs") {
  lint::Registry r = registry();
  const auto data_rules =
      static_cast<size_t>(std::count_if(r.rules().begin(), r.rules().end(), [](const lint::RegisteredRule& rule) {
        return rule.meta.guardrail != nullptr;
      }));
  REQUIRE(r.rules().size() - data_rules + 1 == rules::rule_table().size());  // + the generic entry
  REQUIRE(r.rules().size() == rules::rule_metas().size());
  for (const auto& rule : r.rules()) {
    const std::string& name = rule.meta.name;
    CAPTURE(name);
    CHECK(fs::is_regular_file(kRoot / "src/rules" / (snake(name) + ".cpp")) == (rule.meta.guardrail == nullptr));
    CHECK(fs::is_regular_file(kRoot / "docs/rules" / (name + ".md")));
    fs::path fx = kRoot / "fixtures/rules" / name;
    CHECK(count(fx / "valid", ".json") + count(fx / "valid", ".yaml") >= 1);
    size_t invalid = count(fx / "invalid", ".json") + count(fx / "invalid", ".yaml");
    CHECK(invalid >= 1);
    CHECK(count(fx / "invalid", ".expected") == invalid);
  }
}

TEST_CASE("no orphan fixtures, logic files or docs") {
  lint::Registry r = registry();
  std::set<std::string> names;
  for (const auto& rule : r.rules()) names.insert(rule.meta.name);
  for (const auto& e : fs::directory_iterator(kRoot / "fixtures/rules")) {
    CHECK_MESSAGE(names.contains(e.path().filename().string()), e.path().string());
  }
  for (const auto& e : fs::directory_iterator(kRoot / "docs/rules")) {
    std::string stem = e.path().stem().string();
    if (stem == "README") continue;
    CHECK_MESSAGE(names.contains(stem), e.path().string());
  }
  // src/rules/ lists the rules and their table only: helpers live in support/, the rule behind data
  // guardrails in guardrail/.
  for (const auto& e : fs::directory_iterator(kRoot / "src/rules")) {
    const std::string file = e.path().filename().string();
    if (e.is_directory()) {
      CHECK_MESSAGE((file == "support" || file == "guardrail"), e.path().string());
      continue;
    }
    if (file == "CMakeLists.txt" || file == "table.cpp" || file == "table.hpp" || file == "table.def") continue;
    CHECK_MESSAGE(e.path().extension() == ".cpp", e.path().string());
    std::string stem = e.path().stem().string();
    std::string kebab = stem;
    for (char& c : kebab) {
      if (c == '_') c = '-';
    }
    CHECK_MESSAGE(names.contains(kebab), e.path().string());
  }
}

TEST_CASE("ids follow the documented blocks and the table is sorted") {
  lint::Registry r = registry();
  auto table = rules::rule_table();
  for (size_t i = 1; i < table.size(); ++i) CHECK(table[i - 1].name < table[i].name);
  for (const auto& rule : r.rules()) {
    CAPTURE(rule.meta.name);
    CHECK(rule.meta.id.size() == 5);
    CHECK(!rule.meta.summary.empty());
    CHECK(rule.meta.summary.back() != '.');
    for (const auto& ref : rule.meta.references) CHECK(ref.starts_with("https://"));
  }
}

TEST_CASE("data rules ask a question the catalog understands") {
  lint::Registry r = registry();
  const auto& catalog = catalog::Catalog::builtin();
  size_t data_rules = 0;
  for (const auto& rule : r.rules()) {
    if (!rule.meta.guardrail) continue;
    ++data_rules;
    CAPTURE(rule.meta.name);
    // Built-in guardrails live in the SageMaker guardrail block; 9xx is the users'.
    CHECK(rule.meta.id.starts_with("SL6"));
    CHECK(rule.meta.scope == lint::RuleScope::Principal);
    for (const auto& warning : rules::check_guardrail(*rule.meta.guardrail, catalog)) FAIL_CHECK(warning);
    CHECK(!rules::guardrail_actions(*rule.meta.guardrail, catalog).empty());
    CHECK(rules::guardrail_markdown(rule.meta).find("```toml\n[guardrail]") != std::string::npos);
  }
  CHECK(data_rules >= 1);
}

TEST_CASE("rule TOML: precision is required, security_severity optional and a score") {
  const std::string base = R"(id = "SL999"
name = "x"
severity = "warning"
summary = "s"
explanation = "e"
remediation = "r"
references = ["https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html"]
)";
  lint::RuleMeta meta;
  std::string error;
  CHECK_FALSE(lint::parse_rule_meta(base, "x.toml", meta, error));
  CHECK(error == "x.toml: missing key 'precision'");
  meta = {};
  CHECK(lint::parse_rule_meta(base + "precision = \"medium\"\n", "x.toml", meta, error));
  CHECK(meta.precision == "medium");
  CHECK(meta.security_severity.empty());
  meta = {};
  CHECK(lint::parse_rule_meta(base + "precision = \"high\"\nsecurity_severity = \"7.5\"\n", "x.toml", meta, error));
  CHECK(meta.security_severity == "7.5");
  for (const char* bad : {"0.0", "10.5", "7.55", "high", "", ".5", "-1"}) {
    meta = {};
    CHECK_FALSE(lint::parse_rule_meta(base + "precision = \"high\"\nsecurity_severity = \"" + bad + "\"\n", "x.toml",
                                      meta, error));
  }
  meta = {};
  CHECK_FALSE(lint::parse_rule_meta(base + "precision = \"certain\"\n", "x.toml", meta, error));
  CHECK(error == "x.toml: precision must be very-high, high, medium or low");
}
