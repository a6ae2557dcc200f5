#include <ostream>
#include <string>

#include "report/escape.hpp"
#include "report/report.hpp"
#include "sagelint_version.hpp"

namespace sagelint::report {
namespace {

using lint::Finding;
using lint::Severity;

std::string rule_label(const Finding& f) { return f.rule->id + " " + f.rule->name; }

// --- text: gcc-style, one line per finding, so editors' matchers work -------------------
// Paths and messages carry input (file names, quoted values): escape_text keeps them on their
// line and away from the terminal.
class TextReporter : public Reporter {
 public:
  explicit TextReporter(const ReportOptions& o) : o_(o) {}
  void begin(std::ostream&) override {}
  void file(std::ostream& out, const lint::FileReport& report) override {
    for (const auto& f : report.findings) {
      if (f.suppressed && !o_.show_suppressed) continue;
      std::string path = escape_text(f.path);
      // A line that starts with "::" is a workflow command in a GitHub Actions log.
      if (path.starts_with("::")) path.replace(0, 1, "\\u003A");
      out << path << ':' << f.start.line << ':' << f.start.column << ": ";
      std::string_view sev = lint::severity_name(f.severity);
      if (o_.color) {
        const char* code = f.severity == Severity::Error     ? "\x1b[1;31m"
                           : f.severity == Severity::Warning ? "\x1b[1;33m"
                                                             : "\x1b[1;36m";
        out << code << sev << "\x1b[0m: " << escape_text(f.message) << " \x1b[2m[" << escape_text(rule_label(f))
            << "]\x1b[0m";
      } else {
        out << sev << ": " << escape_text(f.message) << " [" << escape_text(rule_label(f)) << ']';
      }
      if (f.suppressed) out << " (suppressed)";
      out << '\n';
    }
  }
  void end(std::ostream&, const Summary&) override {}

 private:
  ReportOptions o_;
};

// --- json: one array of findings -------------------------------------------------------
class JsonReporter : public Reporter {
 public:
  explicit JsonReporter(const ReportOptions& o) : o_(o) {}
  void begin(std::ostream& out) override { out << '['; }
  void file(std::ostream& out, const lint::FileReport& report) override {
    for (const auto& f : report.findings) {
      if (f.suppressed && o_.omit_suppressed) continue;
      out << (first_ ? "\n  " : ",\n  ");
      first_ = false;
      out << "{\"file\":" << json_quote(f.path) << ",\"line\":" << f.start.line << ",\"column\":" << f.start.column
          << ",\"endLine\":" << f.stop.line << ",\"endColumn\":" << f.stop.column
          << ",\"ruleId\":" << json_quote(f.rule->id) << ",\"ruleName\":" << json_quote(f.rule->name)
          << ",\"severity\":" << json_quote(lint::severity_name(f.severity)) << ",\"message\":" << json_quote(f.message)
          << ",\"pointer\":" << json_quote(f.pointer);
      if (!f.sid.empty()) out << ",\"sid\":" << json_quote(f.sid);
      out << ",\"fingerprint\":" << json_quote(f.fingerprint)
          << ",\"suppressed\":" << (f.suppressed ? "true" : "false");
      if (f.suppressed) out << ",\"suppression\":" << json_quote(f.suppression);
      if (!f.related.empty()) {
        out << ",\"related\":[";
        for (size_t i = 0; i < f.related.size(); ++i) {
          const auto& r = f.related[i];
          out << (i ? "," : "") << "{\"file\":" << json_quote(r.path) << ",\"line\":" << r.start.line
              << ",\"column\":" << r.start.column << ",\"endLine\":" << r.stop.line
              << ",\"endColumn\":" << r.stop.column << ",\"message\":" << json_quote(r.message) << '}';
        }
        out << ']';
      }
      if (!f.fixes.empty()) {
        out << ",\"fixes\":[";
        for (size_t i = 0; i < f.fixes.size(); ++i) {
          if (i) out << ',';
          out << "{\"description\":" << json_quote(f.fixes[i].description) << ",\"replacements\":[";
          for (size_t k = 0; k < f.fixes[i].replacements.size(); ++k) {
            const auto& r = f.fixes[i].replacements[k];
            if (k) out << ',';
            out << "{\"offset\":" << r.begin << ",\"length\":" << (r.end - r.begin)
                << ",\"text\":" << json_quote(r.text) << '}';
          }
          out << "]}";
        }
        out << ']';
      }
      out << '}';
    }
  }
  void end(std::ostream& out, const Summary&) override { out << (first_ ? "]\n" : "\n]\n"); }

 private:
  ReportOptions o_;
  bool first_ = true;
};

// --- github: workflow commands, one annotation per finding -------------------------------
class GithubReporter : public Reporter {
 public:
  explicit GithubReporter(const ReportOptions& o) : o_(o) {}
  void begin(std::ostream&) override {}
  void file(std::ostream& out, const lint::FileReport& report) override {
    for (const auto& f : report.findings) {
      if (f.suppressed && !o_.show_suppressed) continue;
      const char* cmd = f.severity == Severity::Error     ? "error"
                        : f.severity == Severity::Warning ? "warning"
                                                          : "notice";
      out << "::" << cmd << " file=" << github_property(f.path) << ",line=" << f.start.line << ",col=" << f.start.column
          << ",endLine=" << f.stop.line << ",endColumn=" << f.stop.column << ",title=" << github_property(rule_label(f))
          << "::" << github_data(f.message) << '\n';
    }
  }
  void end(std::ostream&, const Summary&) override {}

 private:
  ReportOptions o_;
};

}  // namespace

std::unique_ptr<Reporter> make_sarif_reporter(const ReportOptions& options);
std::unique_ptr<Reporter> make_junit_reporter(const ReportOptions& options);
std::unique_ptr<Reporter> make_gitlab_reporter(const ReportOptions& options);
std::unique_ptr<Reporter> make_rdjson_reporter(const ReportOptions& options);

bool is_format(std::string_view format) {
  return format == "text" || format == "json" || format == "sarif" || format == "github" || format == "junit" ||
         format == "gitlab" || format == "rdjson";
}

std::unique_ptr<Reporter> make_reporter(std::string_view format, const ReportOptions& options) {
  if (format == "text") return std::make_unique<TextReporter>(options);
  if (format == "json") return std::make_unique<JsonReporter>(options);
  if (format == "github") return std::make_unique<GithubReporter>(options);
  if (format == "sarif") return make_sarif_reporter(options);
  if (format == "junit") return make_junit_reporter(options);
  if (format == "gitlab") return make_gitlab_reporter(options);
  if (format == "rdjson") return make_rdjson_reporter(options);
  return nullptr;
}

}  // namespace sagelint::report
