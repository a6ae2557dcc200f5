// sagelint's command line: wiring only. Reads options and configuration, finds the files,
// lints them in parallel and streams the report in file order.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <mutex>
#include <optional>
#include <sstream>
#include <system_error>
#include <thread>

#include "catalog/catalog.hpp"
#include "cli/atomic_file.hpp"
#include "cli/baseline.hpp"
#include "cli/config.hpp"
#include "cli/discover.hpp"
#include "cli/explain_access.hpp"
#include "cli/fix.hpp"
#include "cli/options.hpp"
#include "cli/principals.hpp"
#include "input/document.hpp"
#include "lint/linter.hpp"
#include "report/escape.hpp"
#include "report/report.hpp"
#include "rules/guardrail_question_support.hpp"
#include "rules/table.hpp"
#include "sagelint_version.hpp"

namespace sagelint::cli {
namespace {

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitError = 2;

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

struct FileResult {
  lint::FileReport report;
  std::string io_error;  // could not read: exit 2
  std::string diff;
  std::string fix_error;
  std::string skipped;                      // why the file was not linted (YAML that is not a template)
  std::vector<std::string> notes;           // "path:line:col: what the reader did not take literally"
  std::unique_ptr<input::LoadedFile> keep;  // for the principal phase
};

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

  lint::Registry registry;
  if (!lint::Registry::build(rules::rule_table(), rules::rule_metas(), registry, error)) {
    spdlog::error("internal error: rule metadata: {}", error);
    return kExitError;
  }

  FileConfig config;
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
  // [[guardrail]] tables are rules like the built-in ones: selectable, in SARIF, in list-rules.
  for (auto& meta : config.guardrails) {
    for (const auto& w : rules::check_guardrail(*meta.guardrail, catalog::Catalog::builtin())) spdlog::warn("{}", w);
    const std::string origin = meta.origin;
    if (!registry.add_data_rule(std::move(meta), error)) {
      spdlog::error("{}: {}", origin, error);
      return kExitError;
    }
  }

  std::unique_ptr<catalog::Catalog> loaded;
  const catalog::Catalog* cat = &catalog::Catalog::builtin();
  std::string data_dir = !opts.data_dir.empty() ? opts.data_dir : config.data_dir;
  if (!data_dir.empty()) {
    loaded = catalog::Catalog::load_file(std::filesystem::path(data_dir) / "iam-catalog.json", &error);
    if (!loaded) {
      spdlog::error("--data-dir {}: {}", data_dir, error);
      return kExitError;
    }
    cat = loaded.get();
  }

  if (opts.version) {
    std::fputs(version_text(*cat).c_str(), stdout);
    return kExitClean;
  }
  if (opts.command == "list-rules") {
    print_rule_list(registry);
    return kExitClean;
  }
  if (opts.command == "explain") return explain(registry, *cat, opts.explain_rule);
  if (opts.command == "explain-access") return explain_access(opts, config);

  // The command line wins over the file: --select replaces, --ignore adds.
  if (!opts.select.empty()) config.lint.select = opts.select;
  config.lint.ignore.insert(config.lint.ignore.end(), opts.ignore.begin(), opts.ignore.end());
  FailOn fail_on = opts.fail_on.value_or(config.fail_on.value_or(FailOn::Warning));

  lint::Linter linter;
  if (!lint::Linter::create(registry, config.lint, *cat, linter, error)) {
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
      auto hits = catalog::suggest_among(first, {"explain", "list-rules", "explain-access"}, 1);
      if (!hits.empty()) {
        return usage_error("no file or directory '" + first + "' (did you mean the command '" +
                           std::string(hits.front().name) + "'?)");
      }
    }
  }
  DiscoverResult found =
      discover(paths, config.include, config.exclude, config.lint.base_dir, opts.follow_symlinks, !opts.no_gitignore);
  for (const auto& [dir, n] : found.git_ignored) {
    spdlog::info("{}: {} path(s) git ignores not walked (--no-gitignore lints them)", report::escape_text(dir), n);
  }
  for (const auto& w : found.warnings) spdlog::warn("{}", w);
  for (const auto& e : found.errors) spdlog::error("{}", e);
  bool failed = !found.errors.empty();
  if (opts.fix && std::count(found.files.begin(), found.files.end(), "-") > 0) {
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
    std::error_code ec;
    std::erase_if(found.files,
                  [&](const std::string& f) { return f != "-" && std::filesystem::equivalent(f, opts.baseline, ec); });
  }
  // Every report file (--output and each --also) follows the same rules.
  std::vector<std::pair<std::string, std::string>> report_files;  // option, path
  if (!opts.output.empty()) report_files.emplace_back("--output " + opts.output, opts.output);
  for (const auto& extra : opts.also)
    report_files.emplace_back("--also " + extra.format + "=" + extra.path, extra.path);
  std::vector<std::filesystem::path> canonical;
  for (const auto& entry : report_files) {
    // Named, not a structured binding: clang 14 cannot capture a binding in the lambda below.
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
    for (const auto& f : found.files) {
      if (f == "-" || !std::filesystem::equivalent(f, file, ec)) continue;
      if (found.named.count(f) > 0) {
        return usage_error(option + " is also a file to lint; write the report elsewhere");
      }
      if (!looks_like_report(f)) {
        return usage_error(option +
                           " would overwrite a file of the linted tree that is not a sagelint report; write the "
                           "report elsewhere");
      }
      spdlog::info("{}: the report of this run, not linted", f);
    }
    std::erase_if(found.files,
                  [&](const std::string& f) { return f != "-" && std::filesystem::equivalent(f, file, ec); });
  }

  std::string stdin_text;
  std::string stdin_error;
  if (std::count(found.files.begin(), found.files.end(), "-") > 0) read_stdin(stdin_text, stdin_error);

  bool color = use_color(opts);
  report::ReportOptions ropts{&registry, color, opts.show_suppressed, std::string(cat->source()),
                              std::string(cat->data_date())};
  ropts.omit_suppressed = opts.omit_suppressed;
  ropts.fail_threshold = fail_on == FailOn::Error     ? 2
                         : fail_on == FailOn::Warning ? 1
                         : fail_on == FailOn::Note    ? 0
                                                      : 3;
  auto reporter = report::make_reporter(opts.format, ropts);

  AtomicFile::install_signal_cleanup();
  AtomicFile out_file;
  if (!opts.output.empty() && !out_file.open(opts.output, error)) {
    spdlog::error("{}", error);
    return kExitError;
  }
  // --also: the same findings through more reporters, each into its own atomic file.
  struct Extra {
    std::unique_ptr<report::Reporter> reporter;
    AtomicFile file;
    std::ostringstream buffer;
  };
  std::vector<std::unique_ptr<Extra>> extras;
  for (const auto& also : opts.also) {
    report::ReportOptions o = ropts;
    o.color = false;
    o.omit_suppressed = also.omit_suppressed;
    auto extra = std::make_unique<Extra>();
    extra->reporter = report::make_reporter(also.format, o);
    if (!extra->file.open(also.path, error)) {
      spdlog::error("{}", error);
      return kExitError;
    }
    extras.push_back(std::move(extra));
  }
  std::ostringstream buffer;
  auto report_begin = [&] {
    reporter->begin(buffer);
    for (auto& e : extras) e->reporter->begin(e->buffer);
  };
  auto report_file = [&](const lint::FileReport& r) {
    reporter->file(buffer, r);
    for (auto& e : extras) e->reporter->file(e->buffer, r);
  };
  auto report_end = [&](const report::Summary& s) {
    reporter->end(buffer, s);
    for (auto& e : extras) e->reporter->end(e->buffer, s);
  };
  auto flush = [&] {
    for (auto& e : extras) {
      std::string chunk = e->buffer.str();
      e->buffer.str({});
      if (!chunk.empty()) e->file.write(chunk);
    }
    std::string chunk = buffer.str();
    buffer.str({});
    if (chunk.empty()) return;
    if (opts.output.empty()) {
      std::fwrite(chunk.data(), 1, chunk.size(), stdout);
    } else {
      out_file.write(chunk);
    }
  };

  PrincipalPhase principal_phase(config);
  auto process = [&](const std::string& path) {
    FileResult result;
    std::string text;
    std::string display = path;
    if (path == "-") {
      display = opts.stdin_filename;
      if (!stdin_error.empty()) {
        result.io_error = stdin_error;
        return result;
      }
      text = stdin_text;
    } else {
      input::ReadResult read = input::read_file(path);
      if (read.status != input::ReadStatus::Ok) {
        result.io_error = path + ": " + read.error;
        return result;
      }
      text = std::move(read.text);
    }
    std::string original = (opts.fix || opts.diff) ? text : std::string();
    auto loaded_file = input::load_source(std::make_unique<input::SourceFile>(display, std::move(text)));
    for (const auto& note : loaded_file.notes) {
      input::Position at = loaded_file.source->position(note.offset);
      result.notes.push_back(display + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": " +
                             note.message);
    }
    const bool part_of_principal = principal_phase.wanted(loaded_file);
    result.report = linter.lint(loaded_file, part_of_principal);
    if (opts.fix || opts.diff) {
      size_t applied = 0;
      std::string fixed = apply_fixes(original, result.report.findings, applied);
      if (applied > 0) {
        if (opts.diff) result.diff = unified_diff(display, original, fixed);
        if (opts.fix) {
          AtomicFile f;
          std::string e;
          bool ok = f.open(path, e);
          if (ok) {
            f.write(fixed);  // a write error is reported by commit, which then keeps the old file
            // An edit saved while we ran must not be lost: the file must still be what we read.
            input::ReadResult now = input::read_file(path);
            if (now.status != input::ReadStatus::Ok || now.text != original) {
              e = path + ": not fixed: the file changed while sagelint ran; run again";
              ok = false;
            } else {
              ok = f.commit(e);
            }
          }
          if (!ok) {
            result.fix_error = e;
          } else {
            // Report what is left after fixing.
            auto refixed = input::load_source(std::make_unique<input::SourceFile>(display, std::move(fixed)));
            result.report = linter.lint(refixed, part_of_principal);
            loaded_file = std::move(refixed);
            spdlog::info("{}: applied {} fix(es)", display, applied);
          }
        }
      }
    }
    if (loaded_file.format == input::Format::Skipped) result.skipped = loaded_file.skip_reason;
    if (part_of_principal) result.keep = std::make_unique<input::LoadedFile>(std::move(loaded_file));
    return result;
  };

  const size_t n = found.files.size();
  unsigned jobs = opts.jobs != 0 ? opts.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<size_t>(jobs, std::max<size_t>(n, 1)));
  // Workers may run ahead of the writer by a bounded window, so memory does not grow with
  // the number of files while output stays in file order. File i lives in slots[i % ring]:
  // a worker starts file i only once file i - window has been emitted and its slot freed.
  const size_t window = 64 + 8 * static_cast<size_t>(jobs);
  const size_t ring = std::max<size_t>(1, std::min(n, window));
  std::vector<std::optional<FileResult>> slots(ring);
  std::mutex mutex;
  // Waking a thread costs a system call and a context switch, which with a file of a few kB was a
  // tenth of the CPU of a run: each side wakes the other only when it sleeps, and the writer
  // sleeps until a batch of results is ready rather than each one.
  std::condition_variable writer_cv;  // the writer waits for results
  std::condition_variable worker_cv;  // workers wait for room in the window
  const size_t batch = std::min<size_t>(16, ring);
  std::atomic<size_t> next{0};
  size_t emitted = 0;
  size_t ready = 0;         // files [emitted, ready) have their result in their slot
  size_t writer_wants = 0;  // while the writer sleeps: the `ready` it waits for
  size_t workers_waiting = 0;
  auto worker = [&] {
    while (true) {
      size_t i = next.fetch_add(1);
      if (i >= n) return;
      {
        std::unique_lock lock(mutex);
        if (i >= emitted + window) {
          ++workers_waiting;
          worker_cv.wait(lock, [&] { return i < emitted + window; });
          --workers_waiting;
        }
      }
      FileResult r;
      try {
        r = process(found.files[i]);
      } catch (const std::exception& e) {
        r.report.path = found.files[i];
        r.report.internal_errors.push_back(found.files[i] + ": internal error: " + e.what());
      }
      std::lock_guard lock(mutex);
      slots[i % ring] = std::move(r);
      // Slots hold files [emitted, emitted + ring) only: past that a slot belongs to an earlier file.
      while (ready < n && ready < emitted + ring && slots[ready % ring].has_value()) ++ready;
      if (writer_wants != 0 && ready >= writer_wants) writer_cv.notify_one();
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < jobs; ++t) {
    // Under a pids or memory limit a thread may not start: fewer workers take the files.
    try {
      threads.emplace_back(worker);
    } catch (const std::system_error& e) {
      if (threads.empty()) {
        spdlog::error("cannot start a worker thread: {}", e.what());
        return kExitError;
      }
      spdlog::warn("could start only {} of {} worker threads ({}): linting with {}", threads.size(), jobs, e.what(),
                   threads.size());
      break;
    }
  }

  report::Summary summary;
  std::set<std::string> linted;  // files read as IAM input (not skipped, not unreadable)
  bool any_failing = false;
  report_begin();
  for (size_t i = 0; i < n; ++i) {
    FileResult r;
    {
      std::unique_lock lock(mutex);
      if (ready <= i) {
        writer_wants = std::min(n, i + batch);
        writer_cv.wait(lock, [&] { return ready >= writer_wants; });
        writer_wants = 0;
      }
      r = std::move(*slots[i % ring]);
      slots[i % ring].reset();
      emitted = i + 1;
      if (workers_waiting > 0) worker_cv.notify_all();
    }
    if (!r.io_error.empty()) {
      spdlog::error("{}", r.io_error);
      failed = true;
      continue;
    }
    if (!r.fix_error.empty()) {
      spdlog::error("{}", r.fix_error);
      failed = true;
    }
    for (const auto& e : r.report.internal_errors) {
      spdlog::error("{}", e);
      failed = true;
    }
    for (const auto& note : r.notes) spdlog::warn("{}", note);
    if (r.keep) principal_phase.keep(std::move(r.keep));
    if (!r.skipped.empty()) {
      // Named (pre-commit passes names): one line; found in a directory walk: only with -v.
      if (found.named.count(found.files[i]) > 0) {
        spdlog::warn("{}: skipped: {}", r.report.path, r.skipped);
      } else {
        spdlog::info("{}: skipped: {}", r.report.path, r.skipped);
      }
      continue;
    }
    linted.insert(found.files[i]);
    ++summary.files;
    if (baseline) {
      std::string relative = lint::relative_for_matching(r.report.path, config.lint.base_dir);
      if (opts.update_baseline)
        baseline->record(r.report, relative);
      else
        baseline->apply(r.report, relative);
    }
    for (const auto& f : r.report.findings) {
      if (f.suppressed) {
        ++summary.suppressed;
        continue;
      }
      if (f.severity == lint::Severity::Error) ++summary.errors;
      if (f.severity == lint::Severity::Warning) ++summary.warnings;
      if (f.severity == lint::Severity::Note) ++summary.notes;
      int threshold = fail_on == FailOn::Error ? 2 : fail_on == FailOn::Warning ? 1 : fail_on == FailOn::Note ? 0 : 3;
      if (static_cast<int>(f.severity) >= threshold) any_failing = true;
    }
    if (opts.diff) {
      buffer << r.diff;
      if (!r.diff.empty()) any_failing = true;
    } else {
      report_file(r.report);
    }
    flush();
  }
  for (auto& t : threads) t.join();
  for (const auto& [dir, files] : found.directories) {
    if (std::none_of(files.begin(), files.end(), [&](const std::string& f) { return linted.count(f) > 0; })) {
      spdlog::warn("{}: nothing linted: {}", dir,
                   files.empty() ? std::string("no file matches the include globs")
                                 : std::to_string(files.size()) + " file(s) found, none holds IAM (-v says why)");
    }
  }
  if (!opts.diff) {
    // Second phase: principal-scope rules over every role, user and group found.
    std::vector<std::string> principal_errors;
    for (auto& report : principal_phase.run(linter, principal_errors)) {
      for (const auto& e : report.internal_errors) principal_errors.push_back(e);
      if (baseline) {
        std::string relative = lint::relative_for_matching(report.path, config.lint.base_dir);
        if (opts.update_baseline)
          baseline->record(report, relative);
        else
          baseline->apply(report, relative);
      }
      for (const auto& f : report.findings) {
        if (f.suppressed) {
          ++summary.suppressed;
          continue;
        }
        if (f.severity == lint::Severity::Error) ++summary.errors;
        if (f.severity == lint::Severity::Warning) ++summary.warnings;
        if (f.severity == lint::Severity::Note) ++summary.notes;
        int threshold = fail_on == FailOn::Error ? 2 : fail_on == FailOn::Warning ? 1 : fail_on == FailOn::Note ? 0 : 3;
        if (static_cast<int>(f.severity) >= threshold) any_failing = true;
      }
      if (!report.path.empty()) report_file(report);
    }
    for (const auto& e : principal_errors) {
      spdlog::error("{}", e);
      failed = true;
    }
    if (!principal_phase.summary().empty()) spdlog::info("principal model: {}", principal_phase.summary());
    flush();
  }
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
  if (!opts.diff) report_end(summary);
  flush();
  for (auto& e : extras) {
    if (!e->file.commit(error)) {
      spdlog::error("{}", error);
      return kExitError;
    }
  }
  if (!opts.output.empty()) {
    if (!out_file.commit(error)) {
      spdlog::error("{}", error);
      return kExitError;
    }
  } else if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    // e.g. a full disk behind a redirect: the report is incomplete, so the run must not pass.
    spdlog::error("cannot write standard output: {}", std::strerror(errno));
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
  return any_failing ? kExitFindings : kExitClean;
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
