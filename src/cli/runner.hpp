// One lint run, without the command line: the files come from a FileFeed, are linted in parallel
// and reach a RunOutput in feed order (the same bytes for any number of workers), with fixes,
// baselines and the summary; then the principal phase (principal- and access-scope rules over
// every role, user and group the kept files define). cli/main.cpp parses options, builds a
// LintContext and a feed, and hands the reports to the reporters; tests drive the Runner directly.
//
// For an editor or language server (one document held in memory, never written to disk):
//
//   std::string error;
//   auto ctx = cli::LintContext::for_path("/repo/infra/role.json", error);  // the .sagelint.toml a
//   if (!ctx) ...                            // run started in that directory would use (or none)
//   cli::BufferResult r = cli::lint_buffer(*ctx, "infra/role.json", text);  // thread-safe, const
//   // r.reports[0]: the document rules' findings for the buffer; then, when the buffer is part
//   // of the principal model (it defines roles, users or groups, holds Terraform policy
//   // documents, or the config's [[principal]] manifest names it), one report per file the
//   // principal phase found something in (the buffer itself, or the .sagelint.toml), with
//   // positions in that file. The path names the buffer in findings and is matched against the
//   // config's ignores and [[principal]] files: give it relative to the current directory or
//   // absolute. Other files (a Terraform module's siblings) are not read: the buffer stands alone.
//
// Build one LintContext per configuration and keep it: creating it parses the config and
// compiles the rule set; lint_buffer on it is cheap and may run from several threads at once.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "cli/baseline.hpp"
#include "cli/config.hpp"
#include "cli/discover.hpp"
#include "cli/options.hpp"
#include "lint/linter.hpp"
#include "report/report.hpp"

namespace sagelint::cli {

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitError = 2;

// The severity at and above which a finding fails the run: 0 note, 1 warning, 2 error, 3 never.
int fail_threshold(FailOn fail_on);

// Adds the report's findings to the summary (suppressed ones only to `suppressed`); true when a
// finding that is not suppressed reaches `threshold`.
bool count_findings(const lint::FileReport& report, int threshold, report::Summary& summary);

// What a lint needs besides the files: the rules (built-in and the configuration's guardrails),
// the configuration, the IAM catalog and the linter over them. Not movable: the linter points
// into it.
struct LintContext {
  lint::Registry registry;
  FileConfig config;
  std::unique_ptr<catalog::Catalog> loaded_catalog;  // --data-dir or the config's data_dir
  const catalog::Catalog* catalog = &catalog::Catalog::builtin();
  lint::Linter linter;

  LintContext() = default;
  LintContext(const LintContext&) = delete;
  LintContext& operator=(const LintContext&) = delete;

  // Registers the configuration's [[guardrail]] rules (warnings about them are logged).
  bool add_guardrails(std::string& error);
  // Loads <data_dir>/iam-catalog.json when `data_dir` is not empty.
  bool load_catalog(const std::string& data_dir, std::string& error);

  // Everything for linting `path` as a run started in its directory would: the .sagelint.toml
  // found from that directory upwards (none: built-in defaults with base_dir that directory),
  // its guardrails and data_dir. Null with `error` ("file:line: what is wrong") otherwise.
  static std::unique_ptr<LintContext> for_path(const std::filesystem::path& path, std::string& error);
  // The same from a configuration already loaded (empty FileConfig: defaults; base_dir empty:
  // the current directory).
  static std::unique_ptr<LintContext> from_config(FileConfig config, std::string& error);
};

// Where the reports go, called from the thread that called Runner::run, in file order.
class RunOutput {
 public:
  virtual ~RunOutput() = default;
  virtual void begin() {}
  virtual void file(const lint::FileReport& report) = 0;      // each linted file; then the principal phase's
  virtual void diff(const std::string& text) { (void)text; }  // --diff: instead of file()
  virtual void flush() {}                                     // after each file: what is buffered may be written
};

struct RunOptions {
  unsigned jobs = 0;  // 0: one per core
  bool fix = false;   // rewrite files with their fixes (atomically; never standard input)
  bool diff = false;  // a diff per file instead of reports; no principal phase
  FailOn fail_on = FailOn::Warning;
  std::string stdin_filename = "<stdin>";
  std::string stdin_text;   // the text of "-"
  std::string stdin_error;  // why it could not be read (the file "-" then fails)
  Baseline* baseline = nullptr;
  bool update_baseline = false;  // record into the baseline instead of applying it
};

struct RunResult {
  report::Summary summary;
  bool failed = false;       // a file could not be read, fixed or linted: exit 2
  bool any_failing = false;  // a finding at or above fail_on, or a non-empty diff
  bool aborted = false;      // not even one worker could start: nothing was reported
  // Per root (InputFile::roots): how many files were found and how many held IAM input.
  std::vector<size_t> found;
  std::vector<size_t> linted;
  std::string principal_summary;  // for the log: what the principal model held
  int exit_code() const { return failed || aborted ? kExitError : any_failing ? kExitFindings : kExitClean; }
};

class Runner {
 public:
  Runner(const LintContext& context, RunOptions options) : ctx_(context), options_(std::move(options)) {}
  // Lints every file of the feed and runs the principal phase (unless diff). Errors and notes,
  // the feed's LogLines among them, go to the log (spdlog) as they are reached in file order.
  RunResult run(FileFeed& feed, RunOutput& out) const;

 private:
  const LintContext& ctx_;
  RunOptions options_;
};

// One buffer held in memory (an editor's document): both phases for that file alone.
struct BufferResult {
  std::vector<lint::FileReport> reports;  // [0]: the buffer's document findings; then the principal phase's
  std::vector<std::string> notes;         // "path:line:col: what the reader did not take literally"
  std::string skipped;                    // why the buffer was not linted (YAML that is not a template)
  std::vector<std::string> errors;        // internal errors and principal-phase errors
};
BufferResult lint_buffer(const LintContext& context, const std::string& path, std::string text);

}  // namespace sagelint::cli
