// .sagelint.toml: discovery (from the current directory upwards) and parsing. Unknown keys
// and bad values are errors that name the file and line.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/options.hpp"
#include "lint/config.hpp"
#include "lint/rule_meta.hpp"
#include "principal/model.hpp"

namespace sagelint::cli {

struct FileConfig {
  lint::LintConfig lint;
  // YAML files are read, and linted only when they are CloudFormation templates.
  std::vector<std::string> include = {"**/*.json", "**/*.yaml",     "**/*.yml",    "**/*.template",
                                      "**/*.tf",   "**/*.json.tpl", "**/*.json.j2"};
  std::vector<std::string> exclude;
  std::optional<FailOn> fail_on;
  std::string data_dir;
  std::vector<principal::ManifestEntry> principals;  // [[principal]]: paths relative to lint.base_dir
  std::vector<lint::RuleMeta> guardrails;            // [[guardrail]]: user rules SL900-SL999
  std::filesystem::path path;                        // empty when no config file was used
};

// Searches `start` and its parents for .sagelint.toml; empty when there is none.
std::filesystem::path find_config(const std::filesystem::path& start);

// Returns false with `error` ("file:line: what is wrong") on any problem.
bool load_config(const std::filesystem::path& path, FileConfig& out, std::string& error);
// Same, from text already in memory (fuzzing, tests); `path` names the file in messages and
// anchors relative paths, and is not read.
bool load_config_text(std::string_view text, const std::filesystem::path& path, FileConfig& out, std::string& error);

}  // namespace sagelint::cli
