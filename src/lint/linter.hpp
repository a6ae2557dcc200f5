// The driver for one file: builds the policy view of each document, runs the enabled rules,
// applies suppressions, fills in positions and pointers, and sorts.
#pragma once

#include <string>
#include <vector>

#include "input/document.hpp"
#include "lint/config.hpp"
#include "lint/registry.hpp"

namespace sagelint::lint {

struct ActiveRule {
  const RegisteredRule* rule;
  Severity severity;
  Options options;  // the user's [rules.<name>] table; defaults in rule->meta.options
};

struct FileReport {
  std::string path;
  std::vector<Finding> findings;
  std::vector<std::string> internal_errors;  // a rule threw: reported on stderr, exit 2
};

class Linter {
 public:
  // Returns false with `error` set when the configuration names an unknown rule or option.
  static bool create(const Registry& registry, const LintConfig& config, const catalog::Catalog& catalog, Linter& out,
                     std::string& error);

  // `part_of_principal`: the file defines IAM entities or the manifest attaches it, so the
  // access-scope rules see its policies through the principals in the second phase instead.
  FileReport lint(const input::LoadedFile& file, bool part_of_principal = false) const;
  // Second phase, after every file: the principal-scope rules over the principal model. One
  // report per file that has findings (templates, dumps, .sagelint.toml), in path order.
  std::vector<FileReport> lint_principals(const principal::PrincipalSet& principals) const;
  // Whether any enabled rule has principal or access scope (else the model need not be built).
  bool has_principal_rules() const;
  // For tests and the fixture harness: the path used for ignores and kind overrides.
  const std::vector<ActiveRule>& active() const { return active_; }

 private:
  const Registry* registry_ = nullptr;
  const LintConfig* config_ = nullptr;
  const catalog::Catalog* catalog_ = nullptr;
  std::vector<ActiveRule> active_;

  input::KindHint kind_for(const std::string& relative_path, input::KindHint from_container) const;
  void suppress(Finding& finding, const std::string& relative_path) const;
};

// Path relative to `base` with '/' separators when inside it, else as given.
std::string relative_for_matching(const std::string& path, const std::filesystem::path& base);

// `message` without the line numbers it names ("(policies/dev.json:4)" -> "(policies/dev.json)",
// "(line 12)" -> "(line)"): what a principal finding's fingerprint hashes, so that it does not
// move with lines. Account ids and Regions of ARNs stay.
std::string without_line_numbers(std::string_view message);

}  // namespace sagelint::lint
