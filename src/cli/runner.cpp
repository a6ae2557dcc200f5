#include "cli/runner.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>

#include "cli/atomic_file.hpp"
#include "cli/fix.hpp"
#include "cli/principals.hpp"
#include "input/document.hpp"
#include "rules/guardrail/question.hpp"
#include "rules/table.hpp"

namespace sagelint::cli {

int fail_threshold(FailOn fail_on) {
  switch (fail_on) {
    case FailOn::Error:
      return 2;
    case FailOn::Warning:
      return 1;
    case FailOn::Note:
      return 0;
    case FailOn::Never:
      break;
  }
  return 3;
}

bool count_findings(const lint::FileReport& report, int threshold, report::Summary& summary) {
  bool failing = false;
  for (const auto& f : report.findings) {
    if (f.suppressed) {
      ++summary.suppressed;
      continue;
    }
    if (f.severity == lint::Severity::Error) ++summary.errors;
    if (f.severity == lint::Severity::Warning) ++summary.warnings;
    if (f.severity == lint::Severity::Note) ++summary.notes;
    if (static_cast<int>(f.severity) >= threshold) failing = true;
  }
  return failing;
}

bool LintContext::add_guardrails(std::string& error) {
  // [[guardrail]] tables are rules like the built-in ones: selectable, in SARIF, in list-rules.
  for (auto& meta : config.guardrails) {
    for (const auto& w : rules::check_guardrail(*meta.guardrail, catalog::Catalog::builtin())) spdlog::warn("{}", w);
    const std::string origin = meta.origin;
    if (!registry.add_data_rule(std::move(meta), error)) {
      error = origin + ": " + error;
      return false;
    }
  }
  config.guardrails.clear();
  return true;
}

bool LintContext::load_catalog(const std::string& data_dir, std::string& error) {
  if (data_dir.empty()) return true;
  loaded_catalog = catalog::Catalog::load_file(std::filesystem::path(data_dir) / "iam-catalog.json", &error);
  if (!loaded_catalog) {
    error = "--data-dir " + data_dir + ": " + error;
    return false;
  }
  catalog = loaded_catalog.get();
  return true;
}

std::unique_ptr<LintContext> LintContext::from_config(FileConfig config, std::string& error) {
  auto ctx = std::make_unique<LintContext>();
  if (!lint::Registry::build(rules::rule_table(), rules::rule_metas(), ctx->registry, error)) {
    error = "internal error: rule metadata: " + error;
    return nullptr;
  }
  ctx->config = std::move(config);
  if (ctx->config.lint.base_dir.empty()) {
    ctx->config.lint.base_dir = std::filesystem::current_path().lexically_normal();
  }
  if (!ctx->add_guardrails(error) || !ctx->load_catalog(ctx->config.data_dir, error)) return nullptr;
  if (!lint::Linter::create(ctx->registry, ctx->config.lint, *ctx->catalog, ctx->linter, error)) {
    if (!ctx->config.path.empty()) error = ctx->config.path.string() + ": " + error;
    return nullptr;
  }
  return ctx;
}

std::unique_ptr<LintContext> LintContext::for_path(const std::filesystem::path& path, std::string& error) {
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(path, ec).lexically_normal();
  std::filesystem::path dir = std::filesystem::is_directory(absolute, ec) ? absolute : absolute.parent_path();
  FileConfig config;
  std::filesystem::path found = find_config(dir);
  if (!found.empty() && !load_config(found, config, error)) return nullptr;
  if (config.lint.base_dir.empty()) config.lint.base_dir = dir;
  return from_config(std::move(config), error);
}

namespace {

struct FileResult {
  lint::FileReport report;
  std::string io_error;  // could not read: exit 2
  std::string diff;
  std::string fix_error;
  std::string skipped;                      // why the file was not linted (YAML that is not a template)
  std::vector<std::string> notes;           // "path:line:col: what the reader did not take literally"
  std::unique_ptr<input::LoadedFile> keep;  // for the principal phase
};

std::vector<std::string> reader_notes(const input::LoadedFile& file, const std::string& display) {
  std::vector<std::string> notes;
  for (const auto& note : file.notes) {
    input::Position at = file.source->position(note.offset);
    notes.push_back(display + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": " + note.message);
  }
  return notes;
}

// Reads, lints and (with --fix or --diff) fixes one file. Runs on the worker threads.
FileResult process(const LintContext& ctx, const RunOptions& opts, const PrincipalPhase& principal_phase,
                   const std::string& path) {
  FileResult result;
  std::string text;
  std::string display = path;
  if (path == "-") {
    display = opts.stdin_filename;
    if (!opts.stdin_error.empty()) {
      result.io_error = opts.stdin_error;
      return result;
    }
    text = opts.stdin_text;
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
  result.notes = reader_notes(loaded_file, display);
  const bool part_of_principal = principal_phase.wanted(loaded_file);
  result.report = ctx.linter.lint(loaded_file, part_of_principal);
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
          result.report = ctx.linter.lint(refixed, part_of_principal);
          loaded_file = std::move(refixed);
          spdlog::info("{}: applied {} fix(es)", display, applied);
        }
      }
    }
  }
  if (loaded_file.format == input::Format::Skipped) result.skipped = loaded_file.skip_reason;
  if (part_of_principal) result.keep = std::make_unique<input::LoadedFile>(std::move(loaded_file));
  return result;
}

void log_lines(const std::vector<LogLine>& lines, bool& failed) {
  for (const auto& line : lines) {
    switch (line.level) {
      case LogLine::Level::Info:
        spdlog::info("{}", line.text);
        break;
      case LogLine::Level::Warning:
        spdlog::warn("{}", line.text);
        break;
      case LogLine::Level::Error:
        spdlog::error("{}", line.text);
        failed = true;
        break;
    }
  }
}

void apply_baseline(const RunOptions& opts, const LintContext& ctx, lint::FileReport& report) {
  if (opts.baseline == nullptr) return;
  std::string relative = lint::relative_for_matching(report.path, ctx.config.lint.base_dir);
  if (opts.update_baseline) {
    opts.baseline->record(report, relative);
  } else {
    opts.baseline->apply(report, relative);
  }
}

// The ordered parallel schedule: workers take files from the feed in order and may run ahead of
// the writer (the calling thread) by a bounded window, so memory does not grow with the number
// of files while output stays in feed order. File i lives in slots[i % ring]: a worker starts
// file i only once file i - window has been emitted and its slot freed.
//
// Waking a thread costs a system call and a context switch, which with a file of a few kB was a
// tenth of the CPU of a run: each side wakes the other only when it sleeps, and the writer
// sleeps until a batch of results is ready rather than each one.
class Schedule {
 public:
  Schedule(FileFeed& feed, size_t window, size_t ring) : feed_(feed), window_(window), ring_(ring), slots_(ring) {}

  // Worker side: the next file and its index; false when the feed is exhausted.
  bool take(InputFile& item, size_t& index) {
    {
      std::lock_guard feed_lock(feed_mutex_);
      if (feed_done_) return false;
      bool more = false;
      try {
        more = feed_.next(item);
      } catch (const std::exception& e) {
        spdlog::error("internal error: listing the files: {}", e.what());
        failed_ = true;
      }
      if (!more) {
        feed_done_ = true;
        std::lock_guard lock(mutex_);
        total_ = taken_;
        if (writer_wants_ != 0) writer_cv_.notify_one();
        if (workers_waiting_ > 0) worker_cv_.notify_all();
        return false;
      }
      index = taken_++;
    }
    std::unique_lock lock(mutex_);
    if (index >= emitted_ + window_) {
      ++workers_waiting_;
      worker_cv_.wait(lock, [&] { return index < emitted_ + window_; });
      --workers_waiting_;
    }
    return true;
  }

  void put(size_t index, InputFile item, FileResult result) {
    std::lock_guard lock(mutex_);
    slots_[index % ring_].emplace(Slot{std::move(item), std::move(result)});
    // Slots hold files [emitted, emitted + ring) only: past that a slot belongs to an earlier file.
    while (ready_ < total_ && ready_ < emitted_ + ring_ && slots_[ready_ % ring_].has_value()) ++ready_;
    if (writer_wants_ != 0 && ready_ >= std::min(writer_wants_, total_)) writer_cv_.notify_one();
  }

  // Writer side: file `index`'s result, waiting for it; false after the last file.
  bool get(size_t index, InputFile& item, FileResult& result) {
    std::unique_lock lock(mutex_);
    if (ready_ <= index) {
      writer_wants_ = index + batch();
      writer_cv_.wait(lock, [&] { return ready_ >= std::min(writer_wants_, total_); });
      writer_wants_ = 0;
      if (index >= total_) return false;
    }
    Slot& slot = *slots_[index % ring_];
    item = std::move(slot.item);
    result = std::move(slot.result);
    slots_[index % ring_].reset();
    emitted_ = index + 1;
    if (workers_waiting_ > 0) worker_cv_.notify_all();
    return true;
  }

  bool failed() const { return failed_; }

 private:
  struct Slot {
    InputFile item;
    FileResult result;
  };
  FileFeed& feed_;
  const size_t window_;
  const size_t ring_;
  std::mutex feed_mutex_;  // the feed is read by one worker at a time; taken before mutex_
  bool feed_done_ = false;
  size_t taken_ = 0;
  std::atomic<bool> failed_{false};

  std::mutex mutex_;
  std::condition_variable writer_cv_;  // the writer waits for results
  std::condition_variable worker_cv_;  // workers wait for room in the window
  std::vector<std::optional<Slot>> slots_;
  size_t total_ = static_cast<size_t>(-1);  // known once the feed is exhausted
  size_t emitted_ = 0;
  size_t ready_ = 0;         // files [emitted, ready) have their result in their slot
  size_t writer_wants_ = 0;  // while the writer sleeps: the `ready` it waits for
  size_t workers_waiting_ = 0;

  size_t batch() const { return std::min<size_t>(16, ring_); }
};

}  // namespace

RunResult Runner::run(FileFeed& feed, RunOutput& out) const {
  RunResult result;
  const int threshold = fail_threshold(options_.fail_on);
  PrincipalPhase principal_phase(ctx_.config);

  const size_t hint = feed.size_hint();
  unsigned jobs = options_.jobs != 0 ? options_.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<size_t>(jobs, std::max<size_t>(hint, 1)));
  const size_t window = 64 + 8 * static_cast<size_t>(jobs);
  const size_t ring = std::max<size_t>(1, std::min(hint, window));
  Schedule schedule(feed, window, ring);

  // Workers wait until every thread that can start has started: otherwise the first ones could lint
  // every file and exit while threads are still being created, and whether a process limit is hit
  // (and reported below) would depend on timing.
  std::atomic<bool> started{false};
  auto worker = [&] {
    started.wait(false);
    InputFile item;
    size_t index = 0;
    while (schedule.take(item, index)) {
      FileResult r;
      try {
        r = process(ctx_, options_, principal_phase, item.path);
      } catch (const std::exception& e) {
        r = FileResult();
        r.report.path = item.path;
        r.report.internal_errors.push_back(item.path + ": internal error: " + e.what());
      }
      schedule.put(index, std::move(item), std::move(r));
      item = InputFile();
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
        result.aborted = true;
        return result;
      }
      spdlog::warn("could start only {} of {} worker threads ({}): linting with {}", threads.size(), jobs, e.what(),
                   threads.size());
      break;
    }
  }
  started = true;
  started.notify_all();

  auto count_root = [&](std::vector<size_t>& counts, const InputFile& item) {
    for (size_t root : item.roots) {
      if (counts.size() <= root) counts.resize(root + 1);
      ++counts[root];
    }
  };
  out.begin();
  InputFile item;
  FileResult r;
  for (size_t i = 0; schedule.get(i, item, r); ++i) {
    log_lines(item.log, result.failed);
    count_root(result.found, item);
    if (!r.io_error.empty()) {
      spdlog::error("{}", r.io_error);
      result.failed = true;
      continue;
    }
    if (!r.fix_error.empty()) {
      spdlog::error("{}", r.fix_error);
      result.failed = true;
    }
    for (const auto& e : r.report.internal_errors) {
      spdlog::error("{}", e);
      result.failed = true;
    }
    for (const auto& note : r.notes) spdlog::warn("{}", note);
    if (r.keep) principal_phase.keep(std::move(r.keep));
    if (!r.skipped.empty()) {
      // Named (pre-commit passes names): one line; found in a directory walk: only with -v.
      if (item.named) {
        spdlog::warn("{}: skipped: {}", r.report.path, r.skipped);
      } else {
        spdlog::info("{}: skipped: {}", r.report.path, r.skipped);
      }
      continue;
    }
    count_root(result.linted, item);
    ++result.summary.files;
    apply_baseline(options_, ctx_, r.report);
    if (count_findings(r.report, threshold, result.summary)) result.any_failing = true;
    if (options_.diff) {
      out.diff(r.diff);
      if (!r.diff.empty()) result.any_failing = true;
    } else {
      out.file(r.report);
    }
    out.flush();
  }
  for (auto& t : threads) t.join();
  if (schedule.failed()) result.failed = true;
  log_lines(feed.rest(), result.failed);
  size_t roots = std::max(result.found.size(), result.linted.size());
  result.found.resize(roots);
  result.linted.resize(roots);
  if (options_.diff) return result;

  // Second phase: principal-scope rules over every role, user and group found.
  std::vector<std::string> principal_errors;
  for (auto& report : principal_phase.run(ctx_.linter, principal_errors)) {
    for (const auto& e : report.internal_errors) principal_errors.push_back(e);
    apply_baseline(options_, ctx_, report);
    if (count_findings(report, threshold, result.summary)) result.any_failing = true;
    if (!report.path.empty()) out.file(report);
  }
  for (const auto& e : principal_errors) {
    spdlog::error("{}", e);
    result.failed = true;
  }
  result.principal_summary = principal_phase.summary();
  if (!result.principal_summary.empty()) spdlog::info("principal model: {}", result.principal_summary);
  out.flush();
  return result;
}

BufferResult lint_buffer(const LintContext& ctx, const std::string& path, std::string text) {
  BufferResult result;
  PrincipalPhase phase(ctx.config);
  auto file = std::make_unique<input::LoadedFile>(
      input::load_source(std::make_unique<input::SourceFile>(path, std::move(text))));
  result.notes = reader_notes(*file, path);
  const bool part_of_principal = phase.wanted(*file);
  try {
    result.reports.push_back(ctx.linter.lint(*file, part_of_principal));
  } catch (const std::exception& e) {
    lint::FileReport report;
    report.path = path;
    report.internal_errors.push_back(path + ": internal error: " + e.what());
    result.reports.push_back(std::move(report));
  }
  for (const auto& e : result.reports.front().internal_errors) result.errors.push_back(e);
  if (file->format == input::Format::Skipped) {
    result.skipped = file->skip_reason;
    return result;
  }
  // Not part of the principal model: the principal rules have nothing to say about this buffer.
  if (!part_of_principal) return result;
  phase.keep(std::move(file));
  try {
    for (auto& report : phase.run(ctx.linter, result.errors)) {
      for (const auto& e : report.internal_errors) result.errors.push_back(e);
      if (!report.path.empty()) result.reports.push_back(std::move(report));
    }
  } catch (const std::exception& e) {
    result.errors.push_back(path + ": internal error: principal phase: " + e.what());
  }
  return result;
}

}  // namespace sagelint::cli
