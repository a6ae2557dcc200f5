// .sagelint.toml: parsing and validation, then a lint run under the resulting configuration
// (selectors, severities, rule options, suppress and kind globs all take effect there).
#include <cstdint>
#include <memory>
#include <string>

#include "catalog/catalog.hpp"
#include "cli/config.hpp"
#include "input/document.hpp"
#include "lint/linter.hpp"
#include "rules/table.hpp"

namespace {

// A small policy with several findings, so suppressions and severities have work to do.
constexpr const char* kPolicy = R"({
  "Statement": [
    {"Sid": "Notebooks", "Effect": "Allow", "Action": ["sagemaker:CreateNotebookInstance", "iam:PassRole"],
     "Resource": "*", "NotAction": "s3:*"},
    {"Effect": "Deny", "Principal": "*", "Action": "sagemaker:*", "Resource": "*"}
  ]
})";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sagelint;
  static lint::Registry registry = [] {
    lint::Registry r;
    std::string error;
    if (!lint::Registry::build(rules::rule_table(), rules::rule_metas(), r, error)) __builtin_trap();
    return r;
  }();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  cli::FileConfig config;
  std::string error;
  if (!cli::load_config_text(text, "/fuzz/.sagelint.toml", config, error)) return 0;
  lint::Linter linter;
  if (!lint::Linter::create(registry, config.lint, catalog::Catalog::builtin(), linter, error)) return 0;
  for (const char* path : {"/fuzz/iam/roles/notebook.json", "/fuzz/legacy/trust.json"}) {
    auto loaded = input::load_source(std::make_unique<input::SourceFile>(path, kPolicy));
    lint::FileReport report = linter.lint(loaded);
    if (!report.internal_errors.empty()) __builtin_trap();
  }
  return 0;
}
