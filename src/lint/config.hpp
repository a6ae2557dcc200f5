// Everything the user configured that changes what the linter reports. Parsed by cli/ from
// .sagelint.toml and the command line; lint/ only consumes it.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "input/document.hpp"
#include "lint/finding.hpp"
#include "lint/options.hpp"

namespace sagelint::lint {

struct PathIgnore {
  std::string glob;                // relative to the config directory
  std::vector<std::string> rules;  // ids, names or tags; empty = every rule
  std::string sid;                 // only statements with this Sid; empty = any
  std::string origin;              // where it was written, for messages ("file:line")
};

struct KindOverride {
  std::string glob;
  input::KindHint kind = input::KindHint::Unknown;
};

struct LintConfig {
  std::vector<std::string> select;  // empty: every rule
  std::vector<std::string> ignore;
  std::map<std::string, Severity, std::less<>> severity;     // id or name -> severity
  std::map<std::string, Options, std::less<>> rule_options;  // rule name -> options
  std::vector<PathIgnore> ignores;
  std::vector<KindOverride> kinds;
  std::filesystem::path base_dir;  // globs are relative to this (config dir, else cwd)
};

}  // namespace sagelint::lint
