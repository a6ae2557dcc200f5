// What every input fuzz target does with its bytes: the same path a file takes through the
// CLI (load_source, every rule, every output format, --fix/--diff), plus invariants that a
// crash-only fuzzer would miss. Kept header-only so each target is one small file.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "cli/fix.hpp"
#include "input/document.hpp"
#include "lint/linter.hpp"
#include "report/report.hpp"
#include "rules/table.hpp"

namespace sagelint::fuzz {

// Built once: the registry, an all-rules linter and the catalog are immutable and shared.
struct Harness {
  lint::Registry registry;
  lint::LintConfig config;
  lint::Linter linter;
  report::ReportOptions options;
  // One reporter per format, begun once: each input is one more file of a long run, as in the
  // CLI. (A fresh SARIF header per input, every rule's metadata, cost 80% of the run time.)
  std::vector<std::unique_ptr<report::Reporter>> reporters;

  Harness() {
    std::string error;
    if (!lint::Registry::build(rules::rule_table(), rules::rule_tomls(), registry, error) ||
        !lint::Linter::create(registry, config, catalog::Catalog::builtin(), linter, error)) {
      std::fprintf(stderr, "fuzz harness set-up failed: %s\n", error.c_str());
      std::abort();
    }
    const catalog::Catalog& cat = catalog::Catalog::builtin();
    options = report::ReportOptions{&registry, false, true, std::string(cat.source()), std::string(cat.data_date())};
    for (const char* format : {"text", "json", "sarif", "github"}) {
      reporters.push_back(report::make_reporter(format, options));
      std::ostringstream header;
      reporters.back()->begin(header);
    }
  }
};

inline void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "invariant violated: %s\n", what);
    std::abort();
  }
}

inline void lint_bytes(const uint8_t* data, size_t size, const char* display_path) {
  static Harness h;
  std::string text(reinterpret_cast<const char*>(data), size);
  auto loaded = input::load_source(std::make_unique<input::SourceFile>(display_path, text));
  lint::FileReport report = h.linter.lint(loaded);
  check(report.internal_errors.empty(), "a rule threw");
  for (const auto& f : report.findings) {
    check(f.begin <= size && f.end <= size, "finding range outside the file");
    check(f.start.line >= 1 && f.start.column >= 1, "finding position not 1-based");
  }
  for (auto& reporter : h.reporters) {
    std::ostringstream out;
    reporter->file(out, report);
  }
  // A fix must leave a text that still loads and lints without a rule failing.
  size_t applied = 0;
  std::string fixed = cli::apply_fixes(text, report.findings, applied);
  if (applied > 0) {
    cli::unified_diff(display_path, text, fixed);
    auto reloaded = input::load_source(std::make_unique<input::SourceFile>(display_path, std::move(fixed)));
    check(h.linter.lint(reloaded).internal_errors.empty(), "a rule threw on fixed text");
  }
}

}  // namespace sagelint::fuzz
