// Rule options (lint/options.hpp): [rules.<name>] tables of .sagelint.toml, read as a user writes
// them, checked against the rule's defaults, and read by rules through one accessor.
#include <doctest/doctest.h>

#include <string>

#include "catalog/catalog.hpp"
#include "cli/config.hpp"
#include "lint/linter.hpp"
#include "lint/options.hpp"
#include "rules/table.hpp"

using namespace sagelint;

namespace {

// The error Linter::create gives for a .sagelint.toml, or "" when it accepts it.
std::string create_error(const std::string& toml) {
  cli::FileConfig config;
  std::string error;
  REQUIRE_MESSAGE(cli::load_config_text(toml, "/tmp/options-test/.sagelint.toml", config, error), error);
  lint::Registry registry;
  REQUIRE_MESSAGE(lint::Registry::build(rules::rule_table(), rules::rule_metas(), registry, error), error);
  lint::Linter linter;
  if (lint::Linter::create(registry, config.lint, catalog::Catalog::builtin(), linter, error)) return "";
  return error;
}

// The options a rule would run with, through the accessor the contexts use.
lint::Options user_options(const std::string& toml, const std::string& rule) {
  cli::FileConfig config;
  std::string error;
  REQUIRE_MESSAGE(cli::load_config_text(toml, "/tmp/options-test/.sagelint.toml", config, error), error);
  return config.lint.rule_options[rule];
}

}  // namespace

TEST_CASE("a rule option of another type than its default is refused, by name") {
  CHECK(create_error("[rules.managed-policy-too-large]\nlimit = \"big\"\n") ==
        "options for managed-policy-too-large: option 'limit' has the wrong type");
  CHECK(create_error("[rules.passrole-missing-passed-to-service]\nreport-named-roles = 1\n") ==
        "options for passrole-missing-passed-to-service: option 'report-named-roles' has the wrong type");
  CHECK(create_error("[rules.sagemaker-passrole-code-execution]\nreport-named-roles = \"yes\"\n") ==
        "options for sagemaker-passrole-code-execution: option 'report-named-roles' has the wrong type");
  // A table or a date is no option's type.
  CHECK(create_error("[rules.managed-policy-too-large]\nlimit = { a = 1 }\n") ==
        "options for managed-policy-too-large: option 'limit' has the wrong type");
  CHECK(create_error("[rules.managed-policy-too-large]\nlimit = 1979-05-27\n") ==
        "options for managed-policy-too-large: option 'limit' has the wrong type");
  CHECK(create_error("[rules.sagemaker-passrole-code-execution]\napproved-roles = \"arn:aws:iam::*:role/x\"\n") ==
        "options for sagemaker-passrole-code-execution: option 'approved-roles' has the wrong type");
  CHECK(create_error("[rules.sagemaker-passrole-code-execution]\napproved-roles = [\"a\", [\"b\"]]\n") ==
        "options for sagemaker-passrole-code-execution: option 'approved-roles' takes a list of strings; item 2 is "
        "not a string");
  CHECK(create_error("[rules.managed-policy-too-large]\nlimt = 10\n") ==
        "options for managed-policy-too-large: unknown option 'limt'");
  CHECK(create_error("[rules.no-such-rule]\nlimit = 10\n") == "options: no rule 'no-such-rule'");
}

TEST_CASE("any number is taken where the default is a number; a whole float reads as that integer") {
  CHECK(create_error("[rules.managed-policy-too-large]\nlimit = 4096.0\n").empty());
  const lint::Options defaults;
  const lint::Options whole = user_options("[rules.managed-policy-too-large]\nlimit = 4096.0\n", "x");
  CHECK(whole.empty());  // another rule's table
  const lint::Options set =
      user_options("[rules.managed-policy-too-large]\nlimit = 4096.0\n", "managed-policy-too-large");
  CHECK(lint::OptionReader(set, defaults).option_int("limit") == 4096);
  const lint::Options half =
      user_options("[rules.managed-policy-too-large]\nlimit = 4096.5\n", "managed-policy-too-large");
  CHECK(lint::OptionReader(half, defaults).option_int("limit") == 0);  // as toml++'s value_or read it
  const lint::Options huge =
      user_options("[rules.managed-policy-too-large]\nlimit = 1e30\n", "managed-policy-too-large");
  CHECK(lint::OptionReader(huge, defaults).option_int("limit") == 0);
}

TEST_CASE("the user's value overrides the default; what is not set reads the default") {
  lint::Options defaults;
  defaults.set("limit", int64_t{6144});
  defaults.set("roles", std::vector<std::string>{"a"});
  defaults.set("mode", std::string("auto"));
  defaults.set("strict", false);
  lint::Options set;
  set.set("limit", int64_t{10});
  set.set("strict", true);
  const lint::OptionReader read(set, defaults);
  CHECK(read.option_int("limit") == 10);
  CHECK(read.option_bool("strict"));
  CHECK(read.option_string("mode") == "auto");
  CHECK(read.option_strings("roles") == std::vector<std::string>{"a"});
  CHECK(read.option_int("missing") == 0);
  CHECK(read.option_string("limit").empty());  // another type reads as empty
  CHECK(defaults.integer("limit") == 6144);
}
