// What every input fuzz target does with its bytes: the same path a file takes through the
// CLI (load_source, every document rule, every output format, --fix/--diff, then the principal
// phase: the model built from the file's roles, users and groups and every principal and
// access rule, through cli::PrincipalPhase as `sagelint` runs it), plus invariants that a
// crash-only fuzzer would miss. Kept header-only so each target is one small file.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "cli/config.hpp"
#include "cli/fix.hpp"
#include "cli/principals.hpp"
#include "input/document.hpp"
#include "lint/linter.hpp"
#include "principal/aws_managed.hpp"
#include "report/report.hpp"
#include "rules/table.hpp"

namespace sagelint::fuzz {

inline void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "invariant violated: %s\n", what);
    std::abort();
  }
}

// Built once: the registry, an all-rules linter and the catalog are immutable and shared.
struct Harness {
  lint::Registry registry;
  cli::FileConfig file_config;  // the defaults: no .sagelint.toml, no [[principal]] manifest
  lint::Linter linter;
  report::ReportOptions options;
  // One reporter per streaming format, begun once: each input is one more file of a long run,
  // as in the CLI. (A fresh SARIF header per input, every rule's metadata, cost 80% of the run
  // time.) JUnit and GitLab keep every file (or fingerprint) until the end of the run: they get
  // a whole run of their own per input, or a long fuzzing run would only grow their memory.
  std::vector<std::unique_ptr<report::Reporter>> reporters;
  static constexpr const char* kPerInputFormats[] = {"junit", "gitlab"};

  Harness() {
    std::string error;
    if (!lint::Registry::build(rules::rule_table(), rules::rule_metas(), registry, error) ||
        !lint::Linter::create(registry, file_config.lint, catalog::Catalog::builtin(), linter, error)) {
      std::fprintf(stderr, "fuzz harness set-up failed: %s\n", error.c_str());
      std::abort();
    }
    const catalog::Catalog& cat = catalog::Catalog::builtin();
    options = report::ReportOptions{&registry, false, true, std::string(cat.source()), std::string(cat.data_date())};
    for (const char* format : {"text", "json", "sarif", "github", "rdjson"}) {
      reporters.push_back(report::make_reporter(format, options));
      check(reporters.back() != nullptr, "unknown output format");
      std::ostringstream header;
      reporters.back()->begin(header);
    }
  }
};

// A principal finding points into the file or into a bundled AWS managed policy.
inline void check_principal_findings(const lint::FileReport& report, const char* display_path, size_t size) {
  check(report.internal_errors.empty(), "a principal or access rule threw");
  size_t limit = size;
  if (report.path != display_path) {
    constexpr std::string_view kManaged = "aws-managed:";
    check(report.path.starts_with(kManaged), "principal finding in a file that is not the input");
    const auto* policy = principal::AwsManagedPolicies::builtin().find(report.path.substr(kManaged.size()));
    check(policy != nullptr, "principal finding in an unknown AWS managed policy");
    limit = policy->json.size();
  }
  for (const auto& f : report.findings) {
    check(f.begin <= f.end && f.end <= limit, "principal finding range outside the file");
    check(f.start.line >= 1 && f.start.column >= 1, "principal finding position not 1-based");
    // Related locations are statements of the input (never of a bundled AWS managed policy).
    for (const auto& r : f.related) {
      check(r.path == display_path, "related location in a file that is not the input");
      check(r.begin <= r.end && r.end <= size, "related location outside the file");
      check(r.start.line >= 1 && r.start.column >= 1, "related location position not 1-based");
    }
  }
}

// Every report of one input in every output format.
inline void render(Harness& h, const std::vector<lint::FileReport>& reports) {
  for (auto& reporter : h.reporters) {
    for (const auto& report : reports) {
      std::ostringstream out;
      reporter->file(out, report);
    }
  }
  for (const char* format : Harness::kPerInputFormats) {
    auto reporter = report::make_reporter(format, h.options);
    check(reporter != nullptr, "unknown output format");
    std::ostringstream out;
    reporter->begin(out);
    for (const auto& report : reports) reporter->file(out, report);
    reporter->end(out, report::Summary{});
  }
}

// The second phase as the CLI runs it when `loaded` is the only input: kept when it defines
// entities, then the model and every principal and access rule.
inline void lint_principals(Harness& h, std::unique_ptr<input::LoadedFile> loaded, const char* display_path,
                            size_t size, std::vector<lint::FileReport>& reports) {
  cli::PrincipalPhase phase(h.file_config);
  if (!phase.wanted(*loaded)) return;
  phase.keep(std::move(loaded));
  std::vector<std::string> errors;
  for (auto& report : phase.run(h.linter, errors)) {
    check_principal_findings(report, display_path, size);
    if (!report.path.empty()) reports.push_back(std::move(report));
  }
  check(errors.empty(), "the principal model reported an error without a manifest");
}

inline void lint_bytes(const uint8_t* data, size_t size, const char* display_path) {
  static Harness h;
  std::string text(reinterpret_cast<const char*>(data), size);
  auto loaded =
      std::make_unique<input::LoadedFile>(input::load_source(std::make_unique<input::SourceFile>(display_path, text)));
  const bool part_of_principal = cli::PrincipalPhase(h.file_config).wanted(*loaded);
  lint::FileReport report = h.linter.lint(*loaded, part_of_principal);
  check(report.internal_errors.empty(), "a rule threw");
  for (const auto& f : report.findings) {
    check(f.begin <= size && f.end <= size, "finding range outside the file");
    check(f.start.line >= 1 && f.start.column >= 1, "finding position not 1-based");
    for (const auto& r : f.related) {
      check(r.path == display_path, "related location in another file");
      check(r.begin <= r.end && r.end <= size, "related location outside the file");
      check(r.start.line >= 1 && r.start.column >= 1, "related location position not 1-based");
    }
  }
  std::vector<lint::FileReport> reports;  // this file's, then the principal phase's
  reports.push_back(report);
  // A fix must leave a text that still loads and lints without a rule failing.
  size_t applied = 0;
  std::string fixed = cli::apply_fixes(text, report.findings, applied);
  if (applied > 0) {
    cli::unified_diff(display_path, text, fixed);
    const size_t fixed_size = fixed.size();
    auto reloaded = std::make_unique<input::LoadedFile>(
        input::load_source(std::make_unique<input::SourceFile>(display_path, std::move(fixed))));
    check(h.linter.lint(*reloaded, part_of_principal).internal_errors.empty(), "a rule threw on fixed text");
    // --fix lints what is left and keeps the fixed file for the principal phase.
    lint_principals(h, std::move(reloaded), display_path, fixed_size, reports);
  }
  lint_principals(h, std::move(loaded), display_path, size, reports);
  render(h, reports);
}

}  // namespace sagelint::fuzz
