// sagelint's command line: wiring only. Parses options, reads the configuration, finds the
// files and dispatches the command; a lint run is cli/runner.hpp's Runner.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <sstream>

#include "catalog/catalog.hpp"
#include "cli/atomic_file.hpp"
#include "cli/baseline.hpp"
#include "cli/config.hpp"
#include "cli/discover.hpp"
#include "cli/explain_access.hpp"
#include "cli/options.hpp"
#include "cli/runner.hpp"
#include "cli/server.hpp"
#include "input/document.hpp"
#include "lint/linter.hpp"
#include "report/escape.hpp"
#include "report/report.hpp"
#include "rules/table.hpp"
#include "sagelint_version.hpp"

namespace sagelint::cli {
namespace {

// Log messages name files and quote input: every one goes through report::escape_text, so a
// file name or value cannot start a line of its own (a forged finding, a workflow command) or
// drive the terminal. Our own colours are added by the inner sink, after escaping.
class EscapingSink : public spdlog::sinks::sink {
 public:
  explicit EscapingSink(std::shared_ptr<spdlog::sinks::sink> inner) : inner_(std::move(inner)) {}
  void log(const spdlog::details::log_msg& msg) override {
    std::string text = report::escape_text(std::string_view(msg.payload.data(), msg.payload.size()));
    spdlog::details::log_msg copy = msg;
    copy.payload = spdlog::string_view_t(text.data(), text.size());
    inner_->log(copy);
  }
  void flush() override { inner_->flush(); }
  void set_pattern(const std::string& pattern) override { inner_->set_pattern(pattern); }
  void set_formatter(std::unique_ptr<spdlog::formatter> formatter) override {
    inner_->set_formatter(std::move(formatter));
  }

 private:
  std::shared_ptr<spdlog::sinks::sink> inner_;
};

void setup_logging(int verbosity) {
  auto sink = std::make_shared<EscapingSink>(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  auto logger = std::make_shared<spdlog::logger>("sagelint", sink);
  logger->set_pattern("sagelint: %^%l%$: %v");
  logger->set_level(verbosity < 0    ? spdlog::level::err
                    : verbosity == 0 ? spdlog::level::warn
                    : verbosity == 1 ? spdlog::level::info
                                     : spdlog::level::debug);
  spdlog::set_default_logger(logger);
}

int usage_error(const std::string& message) {
  std::fprintf(stderr, "sagelint: error: %s\nTry 'sagelint --help' for more information.\n",
               report::escape_text(message).c_str());
  return kExitError;
}

std::string version_text(const catalog::Catalog& cat) {
  return std::string("sagelint ") + kVersion + "\nIAM data: " + std::string(cat.source()) + " (data date " +
         std::string(cat.data_date()) + ")\n";
}

void print_rule_list(const lint::Registry& registry) {
  for (const auto& r : registry.rules()) {
    // User guardrails come from .sagelint.toml, which a pull request may change.
    std::printf("%s  %-40s %-8s %s\n", report::escape_text(r.meta.id).c_str(), report::escape_text(r.meta.name).c_str(),
                std::string(lint::severity_name(r.meta.severity)).c_str(), report::escape_text(r.meta.summary).c_str());
  }
}

int explain(const lint::Registry& registry, const catalog::Catalog& cat, const std::string& which) {
  const lint::RegisteredRule* r = registry.find(which);
  if (r == nullptr) {
    std::string hint = registry.suggest_selector(which);
    return usage_error("no rule '" + which + "'" + (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
  }
  const auto& m = r->meta;
  std::string tags;
  for (const auto& t : m.tags) tags += (tags.empty() ? "" : ", ") + t;
  auto esc = [](const std::string& t) { return report::escape_text(t, true); };
  std::printf("%s %s (%s)\n%s\n\n%s\n\nHow to fix:\n%s\n", esc(m.id).c_str(), esc(m.name).c_str(),
              std::string(lint::severity_name(m.severity)).c_str(), esc(m.summary).c_str(), esc(m.explanation).c_str(),
              esc(m.remediation).c_str());
  if (!m.option_docs.empty()) {
    std::printf("\nOptions ([rules.%s] in .sagelint.toml):\n", m.name.c_str());
    for (const auto& o : m.option_docs) std::printf("  %s\n", esc(o).c_str());
  }
  std::printf("\nTags: %s\nReferences:\n", esc(tags).c_str());
  for (const auto& ref : m.references) std::printf("  %s\n", esc(ref).c_str());
  std::printf("\nIAM data: %s (data date %s)\n", std::string(cat.source()).c_str(),
              std::string(cat.data_date()).c_str());
  return kExitClean;
}

// Returns false with `error` set; refuses what read_file() refuses for size.
bool read_stdin(std::string& out, std::string& error) {
  char buf[65536];
  while (true) {
    ssize_t n = ::read(0, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = std::string("cannot read standard input: ") + std::strerror(errno);
      return false;
    }
    if (n == 0) return true;
    out.append(buf, static_cast<size_t>(n));
    if (out.size() > input::kMaxFileBytes) {
      error = "standard input: larger than 1 GiB";
      out.clear();
      return false;
    }
  }
}

// Whether an existing --output file holds an earlier report (which may be replaced) rather
// than something else of the tree (which must not be): empty, or the marks every format
// writes (a SARIF or rdjson tool name, a JSON finding, a text or github line with a rule id,
// a JUnit suite, a Code Quality check name).
bool looks_like_report(const std::string& path) {
  input::ReadResult r = input::read_file(path);
  if (r.status != input::ReadStatus::Ok) return false;
  std::string_view head = std::string_view(r.text).substr(0, 1 << 16);
  size_t first = head.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return true;
  if (head.substr(first).starts_with("[]")) return true;
  return head.find("\"name\": \"sagelint\"") != std::string_view::npos ||
         head.find("\"name\":\"sagelint\"") != std::string_view::npos ||
         head.find("\"ruleId\":\"SL") != std::string_view::npos || head.find(" [SL") != std::string_view::npos ||
         head.find(",title=SL") != std::string_view::npos ||
         head.find("<testsuites name=\"sagelint\"") != std::string_view::npos ||
         head.find("\"check_name\": \"SL") != std::string_view::npos;
}

// --color auto: on a terminal, unless NO_COLOR (no-color.org: only a non-empty value counts);
// FORCE_COLOR (non-empty) and CLICOLOR_FORCE (set, not "0") force it; NO_COLOR wins over both.
bool use_color(const Options& opts) {
  if (opts.color != ColorMode::Auto) return opts.color == ColorMode::Always;
  auto set = [](const char* name) {
    const char* v = std::getenv(name);
    return v != nullptr && *v != '\0';
  };
  if (set("NO_COLOR")) return false;
  const char* clicolor_force = std::getenv("CLICOLOR_FORCE");
  if (set("FORCE_COLOR") || (set("CLICOLOR_FORCE") && std::strcmp(clicolor_force, "0") != 0)) return true;
  return opts.output.empty() && ::isatty(1);
}

// The reports of a run: the --format reporter to stdout or --output, and each --also reporter to
// its own atomic file, fed the same reports in the same order.
class Reports : public RunOutput {
 public:
  bool open(const Options& opts, const report::ReportOptions& ropts, std::string& error) {
    to_file_ = !opts.output.empty();
    reporter_ = report::make_reporter(opts.format, ropts);
    if (to_file_ && !out_file_.open(opts.output, error)) return false;
    // --also: the same findings through more reporters, each into its own atomic file.
    for (const auto& also : opts.also) {
      report::ReportOptions o = ropts;
      o.color = false;
      o.omit_suppressed = also.omit_suppressed;
      auto extra = std::make_unique<Extra>();
      extra->reporter = report::make_reporter(also.format, o);
      if (!extra->file.open(also.path, error)) return false;
      extras_.push_back(std::move(extra));
    }
    return true;
  }
  void begin() override {
    reporter_->begin(buffer_);
    for (auto& e : extras_) e->reporter->begin(e->buffer);
  }
  void file(const lint::FileReport& r) override {
    reporter_->file(buffer_, r);
    for (auto& e : extras_) e->reporter->file(e->buffer, r);
  }
  void diff(const std::string& text) override { buffer_ << text; }
  void end(const report::Summary& s) {
    reporter_->end(buffer_, s);
    for (auto& e : extras_) e->reporter->end(e->buffer, s);
  }
  void flush() override {
    for (auto& e : extras_) {
      std::string chunk = e->buffer.str();
      e->buffer.str({});
      if (!chunk.empty()) e->file.write(chunk);
    }
    std::string chunk = buffer_.str();
    buffer_.str({});
    if (chunk.empty()) return;
    if (!to_file_) {
      std::fwrite(chunk.data(), 1, chunk.size(), stdout);
    } else {
      out_file_.write(chunk);
    }
  }
  // Commits the report files; for stdout, checks that everything was written.
  bool commit(std::string& error) {
    for (auto& e : extras_) {
      if (!e->file.commit(error)) return false;
    }
    if (to_file_) return out_file_.commit(error);
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
      // e.g. a full disk behind a redirect: the report is incomplete, so the run must not pass.
      error = std::string("cannot write standard output: ") + std::strerror(errno);
      return false;
    }
    return true;
  }

 private:
  struct Extra {
    std::unique_ptr<report::Reporter> reporter;
    AtomicFile file;
    std::ostringstream buffer;
  };
  bool to_file_ = false;
  std::unique_ptr<report::Reporter> reporter_;
  AtomicFile out_file_;
  std::vector<std::unique_ptr<Extra>> extras_;
  std::ostringstream buffer_;
};

}  // namespace

int run(int argc, char** argv) {
  Options opts;
  std::string error;
  if (!parse_options(argc, argv, opts, error)) return usage_error(error);
  if (opts.help) {
    std::fputs(help_text().c_str(), stdout);
    return kExitClean;
  }
  setup_logging(opts.verbosity);
  // The language server finds the configuration of each document itself; stdout is its channel.
  if (opts.command == "server") return serve(stdin, stdout);

  LintContext ctx;
  if (!lint::Registry::build(rules::rule_table(), rules::rule_metas(), ctx.registry, error)) {
    spdlog::error("internal error: rule metadata: {}", error);
    return kExitError;
  }
  FileConfig& config = ctx.config;
  if (!opts.no_config) {
    std::filesystem::path path = opts.config.empty() ? find_config(".") : std::filesystem::path(opts.config);
    if (!opts.config.empty() && !std::filesystem::is_regular_file(path)) {
      return usage_error("config file '" + opts.config + "' does not exist");
    }
    if (!path.empty()) {
      if (!load_config(path, config, error)) {
        spdlog::error("{}", error);
        return kExitError;
      }
      spdlog::info("using configuration {}", path.string());
    }
  }
  if (config.lint.base_dir.empty()) config.lint.base_dir = std::filesystem::current_path().lexically_normal();
  if (!ctx.add_guardrails(error) ||
      !ctx.load_catalog(!opts.data_dir.empty() ? opts.data_dir : config.data_dir, error)) {
    spdlog::error("{}", error);
    return kExitError;
  }
  const catalog::Catalog* cat = ctx.catalog;

  if (opts.version) {
    std::fputs(version_text(*cat).c_str(), stdout);
    return kExitClean;
  }
  if (opts.command == "list-rules") {
    print_rule_list(ctx.registry);
    return kExitClean;
  }
  if (opts.command == "explain") return explain(ctx.registry, *cat, opts.explain_rule);
  if (opts.command == "explain-access") return explain_access(opts, config);

  // The command line wins over the file: --select replaces, --ignore adds.
  if (!opts.select.empty()) config.lint.select = opts.select;
  config.lint.ignore.insert(config.lint.ignore.end(), opts.ignore.begin(), opts.ignore.end());
  FailOn fail_on = opts.fail_on.value_or(config.fail_on.value_or(FailOn::Warning));

  if (!lint::Linter::create(ctx.registry, config.lint, *cat, ctx.linter, error)) {
    if (config.path.empty()) return usage_error(error);
    spdlog::error("{}: {}", config.path.string(), error);
    return kExitError;
  }

  std::vector<std::string> paths = opts.paths.empty() ? std::vector<std::string>{"."} : opts.paths;
  // `sagelint lint DIR` or a misspelt command is a path that does not exist: say what was meant.
  if (opts.command == "lint" && !opts.paths.empty() && opts.paths.front() != "-") {
    std::error_code ec;
    const std::string& first = opts.paths.front();
    if (!std::filesystem::exists(std::filesystem::symlink_status(first, ec))) {
      if (first == "lint" || first == "check") {
        return usage_error("no file or directory '" + first + "': linting is the default command (sagelint PATH...)");
      }
      auto hits = catalog::suggest_among(first, {"explain", "list-rules", "explain-access", "server"}, 1);
      if (!hits.empty()) {
        return usage_error("no file or directory '" + first + "' (did you mean the command '" +
                           std::string(hits.front().name) + "'?)");
      }
    }
  }
  // Files are found while the first ones are linted (FileStream walks as the workers take them).
  const DiscoverSettings discovery{config.include, config.exclude, config.lint.base_dir, opts.follow_symlinks,
                                   !opts.no_gitignore};
  FileStream files(paths, discovery);
  const bool reads_stdin = std::count(files.named().begin(), files.named().end(), "-") > 0;
  if (opts.fix && reads_stdin) {
    return usage_error("--fix cannot rewrite standard input; use --diff");
  }

  std::optional<Baseline> baseline;
  if (!opts.baseline.empty()) {
    baseline.emplace();
    if (!baseline->load(opts.baseline, opts.update_baseline, error)) {
      spdlog::error("{}", error);
      return kExitError;
    }
    // The baseline is JSON too, but not a policy: never lint it.
    files.leave_out(opts.baseline);
  }
  // Every report file (--output and each --also) follows the same rules.
  std::vector<std::pair<std::string, std::string>> report_files;  // option, path
  if (!opts.output.empty()) report_files.emplace_back("--output " + opts.output, opts.output);
  for (const auto& extra : opts.also)
    report_files.emplace_back("--also " + extra.format + "=" + extra.path, extra.path);
  std::vector<std::filesystem::path> canonical;
  for (const auto& entry : report_files) {
    const std::string& option = entry.first;
    const std::string& file = entry.second;
    std::error_code ec;
    if (!opts.baseline.empty() && (file == opts.baseline || std::filesystem::equivalent(file, opts.baseline, ec))) {
      return usage_error(option + " is the baseline file; write the report elsewhere");
    }
    // Two names of one file (x.sarif and ./x.sarif, a link): the second report would replace
    // the first.
    std::filesystem::path c = std::filesystem::absolute(file, ec).lexically_normal();
    if (std::filesystem::path w = std::filesystem::weakly_canonical(c, ec); !ec) c = w.lexically_normal();
    if (std::find(canonical.begin(), canonical.end(), c) != canonical.end()) {
      return usage_error(option + " names a file another report is written to; each report needs its own file");
    }
    canonical.push_back(c);
    // The report is not a policy: a previous run's report in the tree is never linted, and a
    // file named to lint is never overwritten with the report.
    for (const auto& f : files.named()) {
      if (f != "-" && std::filesystem::equivalent(f, file, ec)) {
        return usage_error(option + " is also a file to lint; write the report elsewhere");
      }
    }
    if (!std::filesystem::exists(file, ec)) continue;
    if (looks_like_report(file)) {
      files.leave_out(file, ": the report of this run, not linted");
    } else if (FileStream::reaches(paths, discovery, file)) {
      // Rare (an existing file of the tree named as the report): a second walk to know before
      // anything is written.
      return usage_error(option +
                         " would overwrite a file of the linted tree that is not a sagelint report; write the "
                         "report elsewhere");
    }
  }

  RunOptions run_opts;
  run_opts.jobs = opts.jobs;
  run_opts.fix = opts.fix;
  run_opts.diff = opts.diff;
  run_opts.fail_on = fail_on;
  run_opts.stdin_filename = opts.stdin_filename;
  run_opts.baseline = baseline ? &*baseline : nullptr;
  run_opts.update_baseline = opts.update_baseline;
  if (reads_stdin) read_stdin(run_opts.stdin_text, run_opts.stdin_error);

  report::ReportOptions ropts{&ctx.registry, use_color(opts), opts.show_suppressed, std::string(cat->source()),
                              std::string(cat->data_date())};
  ropts.omit_suppressed = opts.omit_suppressed;
  ropts.fail_threshold = fail_threshold(fail_on);
  AtomicFile::install_signal_cleanup();
  Reports reports;
  if (!reports.open(opts, ropts, error)) {
    spdlog::error("{}", error);
    return kExitError;
  }

  RunResult result = Runner(ctx, std::move(run_opts)).run(files, reports);
  if (result.aborted) return kExitError;
  const bool failed = result.failed;
  for (size_t d = 0; d < files.roots().size(); ++d) {
    if (d < result.linted.size() && result.linted[d] > 0) continue;
    const FileStream::Root& root = files.roots()[d];
    spdlog::warn("{}: nothing linted: {}", root.path,
                 root.found == 0 ? std::string("no file matches the include globs")
                                 : std::to_string(root.found) + " file(s) found, none holds IAM (-v says why)");
  }
  const report::Summary& summary = result.summary;
  if (baseline && opts.update_baseline && failed) {
    // A file that could not be read or linted has no findings to record: writing now would drop
    // its entries and accept them again on the next run.
    spdlog::error("baseline {} not written: input errors above", opts.baseline);
    return kExitError;
  }
  if (baseline && opts.update_baseline) {
    if (!baseline->save(error)) {
      spdlog::error("{}", error);
      return kExitError;
    }
    if (opts.verbosity >= 0) {
      std::fprintf(stderr, "sagelint: baseline %s: recorded %zu finding(s)\n",
                   report::escape_text(opts.baseline).c_str(), baseline->recorded());
    }
  } else if (baseline && baseline->unmatched() > 0) {
    spdlog::info("baseline {}: {} recorded finding(s) no longer occur; --update-baseline drops them", opts.baseline,
                 baseline->unmatched());
  }
  if (!opts.diff) reports.end(summary);
  reports.flush();
  if (!reports.commit(error)) {
    spdlog::error("{}", error);
    return kExitError;
  }
  if (opts.format == "text" && opts.verbosity >= 0 && !opts.diff) {
    size_t total = summary.errors + summary.warnings + summary.notes;
    std::fprintf(stderr, "%zu problem%s (%zu error%s, %zu warning%s, %zu note%s) in %zu file%s checked%s\n", total,
                 total == 1 ? "" : "s", summary.errors, summary.errors == 1 ? "" : "s", summary.warnings,
                 summary.warnings == 1 ? "" : "s", summary.notes, summary.notes == 1 ? "" : "s", summary.files,
                 summary.files == 1 ? "" : "s",
                 summary.suppressed ? (", " + std::to_string(summary.suppressed) + " suppressed").c_str() : "");
  }
  if (failed) return kExitError;
  return result.exit_code();
}

}  // namespace sagelint::cli

int main(int argc, char** argv) {
  try {
    return sagelint::cli::run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sagelint: internal error: %s\n", sagelint::report::escape_text(e.what()).c_str());
    return 2;
  }
}
