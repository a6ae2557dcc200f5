// Reports for CI systems other than GitHub: JUnit XML (Jenkins, GitLab, Azure Pipelines), GitLab
// Code Quality and reviewdog's rdjson. Suppressed findings are left out of all three: none of
// these consumers has a notion of a suppressed result, and would show it as an open problem.
#include <cstdio>
#include <cstdlib>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "report/escape.hpp"
#include "report/report.hpp"
#include "sagelint_version.hpp"

namespace sagelint::report {
namespace {

using lint::Finding;
using lint::Severity;

std::string rule_label(const Finding& f) { return f.rule->id + " " + f.rule->name; }

// --- junit -------------------------------------------------------------------------------
// One testsuite, one testcase per linted file, and one <failure> per failing file whose text
// lists its findings in the text format. One failure rather than one per finding: the JUnit
// schemas Jenkins and Azure follow allow a testcase at most one <failure>, and GitLab's test
// report shows a testcase's first failure only, so further ones would be dropped or rejected.
// The testsuite's counts come before its testcases, so the testcases are kept until the end.
class JunitReporter : public Reporter {
 public:
  explicit JunitReporter(const ReportOptions& o) : o_(o) {}
  void begin(std::ostream&) override {}
  void file(std::ostream&, const lint::FileReport& report) override {
    if (report.path.empty()) return;
    auto [it, added] = index_.try_emplace(report.path, cases_.size());
    if (added) cases_.push_back(Case{report.path, {}, {}});
    Case& c = cases_[it->second];
    for (const auto& f : report.findings) {
      if (f.suppressed) continue;
      std::string line = escape_text(f.path) + ':' + std::to_string(f.start.line) + ':' +
                         std::to_string(f.start.column) + ": " + std::string(lint::severity_name(f.severity)) + ": " +
                         escape_text(f.message) + " [" + escape_text(rule_label(f)) + "]\n";
      if (static_cast<int>(f.severity) >= o_.fail_threshold) {
        c.failing.push_back(line);
        if (c.failing.size() == 1 || f.severity > c.worst) c.worst = f.severity;
      } else {
        c.other += line;
      }
    }
  }
  void end(std::ostream& out, const Summary&) override {
    size_t failures = 0;
    for (const auto& c : cases_) failures += !c.failing.empty();
    std::string counts = " tests=\"" + std::to_string(cases_.size()) + "\" failures=\"" + std::to_string(failures) +
                         "\" errors=\"0\" skipped=\"0\"";
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"sagelint\"" << counts << ">\n"
        << "  <testsuite name=\"sagelint\"" << counts << ">\n";
    for (const auto& c : cases_) {
      std::string path = xml_escape(c.path, true);
      out << "    <testcase classname=\"sagelint\" name=\"" << path << "\" file=\"" << path << '"';
      if (c.failing.empty() && c.other.empty()) {
        out << "/>\n";
        continue;
      }
      out << ">\n";
      if (!c.failing.empty()) {
        std::string text;
        for (const auto& l : c.failing) text += l;
        size_t n = c.failing.size();
        out << "      <failure type=\"" << lint::severity_name(c.worst) << "\" message=\"" << n << " problem"
            << (n == 1 ? "" : "s") << "\">" << xml_escape(text, false) << "</failure>\n";
      }
      if (!c.other.empty()) out << "      <system-out>" << xml_escape(c.other, false) << "</system-out>\n";
      out << "    </testcase>\n";
    }
    out << "  </testsuite>\n</testsuites>\n";
  }

 private:
  struct Case {
    std::string path;
    std::vector<std::string> failing;
    std::string other;  // findings below --fail-on: shown, not failing
    Severity worst = Severity::Note;
  };
  ReportOptions o_;
  std::vector<Case> cases_;
  std::map<std::string, size_t> index_;
};

// --- gitlab: Code Quality (a subset of Code Climate's issue format) ----------------------
// https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
// GitLab matches issues between the base and the merge request by fingerprint, and shows only
// the first of several issues that share one, so the fingerprint must be unique in a report
// and must not move with the line: it is the finding's own fingerprint (rule, file, JSON
// pointer and the flagged text, as the baseline matches), and the second and later findings
// that share one get "-2", "-3" in file order. Messages are left out: some name line numbers.
// Code Climate severities: info, minor, major, critical, blocker. Errors of rules about access
// (those with a security severity) rise with it, as code scanning ranks them: 7.0 and above is
// critical, 9.0 and above blocker.
const char* gitlab_severity(const Finding& f) {
  switch (f.severity) {
    case Severity::Note:
      return "info";
    case Severity::Warning:
      return "minor";
    case Severity::Error:
      break;
  }
  double security = f.rule->security_severity.empty() ? 0.0 : std::strtod(f.rule->security_severity.c_str(), nullptr);
  if (security >= 9.0) return "blocker";
  if (security >= 7.0) return "critical";
  return "major";
}

std::string relative_path(std::string_view path) {
  while (path.starts_with("./")) path.remove_prefix(2);
  return std::string(path);
}

class GitlabReporter : public Reporter {
 public:
  explicit GitlabReporter(const ReportOptions& o) : o_(o) {}
  void begin(std::ostream& out) override { out << '['; }
  void file(std::ostream& out, const lint::FileReport& report) override {
    for (const auto& f : report.findings) {
      if (f.suppressed) continue;
      std::string fingerprint = f.fingerprint;
      if (size_t n = ++seen_[fingerprint]; n > 1) {
        fingerprint.push_back('-');
        fingerprint.append(std::to_string(n));
      }
      out << (first_ ? "\n  " : ",\n  ");
      first_ = false;
      out << "{\"description\": " << json_quote(f.message + " [" + rule_label(f) + "]")
          << ", \"check_name\": " << json_quote(rule_label(f)) << ", \"fingerprint\": " << json_quote(fingerprint)
          << ", \"severity\": \"" << gitlab_severity(f)
          << "\", \"location\": {\"path\": " << json_quote(relative_path(f.path))
          << ", \"lines\": {\"begin\": " << f.start.line << ", \"end\": " << f.stop.line << "}}}";
    }
  }
  void end(std::ostream& out, const Summary&) override { out << (first_ ? "]\n" : "\n]\n"); }

 private:
  ReportOptions o_;
  std::map<std::string, size_t> seen_;
  bool first_ = true;
};

// --- rdjson: reviewdog's DiagnosticResult ------------------------------------------------
// https://github.com/reviewdog/reviewdog/tree/master/proto/rdf
// Columns are UTF-8 byte counts there (byte_column); ranges end exclusive, as ours do.
const char* rd_severity(Severity s) {
  switch (s) {
    case Severity::Error:
      return "ERROR";
    case Severity::Warning:
      return "WARNING";
    case Severity::Note:
      return "INFO";
  }
  return "WARNING";
}

std::string rd_range(const input::Position& start, const input::Position& stop) {
  return "{\"start\": {\"line\": " + std::to_string(start.line) + ", \"column\": " + std::to_string(start.byte_column) +
         "}, \"end\": {\"line\": " + std::to_string(stop.line) + ", \"column\": " + std::to_string(stop.byte_column) +
         "}}";
}

class RdjsonReporter : public Reporter {
 public:
  explicit RdjsonReporter(const ReportOptions& o) : o_(o) {}
  void begin(std::ostream& out) override {
    out << "{\"source\": {\"name\": \"sagelint\", \"url\": " << json_quote(kProjectHomepage)
        << "},\n \"diagnostics\": [";
  }
  void file(std::ostream& out, const lint::FileReport& report) override {
    for (const auto& f : report.findings) {
      if (f.suppressed) continue;
      out << (first_ ? "\n  " : ",\n  ");
      first_ = false;
      out << "{\"message\": " << json_quote(f.message) << ", \"location\": {\"path\": " << json_quote(f.path)
          << ", \"range\": " << rd_range(f.start, f.stop) << "}, \"severity\": \"" << rd_severity(f.severity)
          << "\", \"code\": {\"value\": " << json_quote(f.rule->id) << ", \"url\": " << json_quote(f.rule->help_uri())
          << "}";
      // reviewdog applies each suggestion on its own: only a fix made of one edit is offered,
      // since part of a fix of several edits would leave the file broken.
      if (!f.fixes.empty() && f.fixes.front().replacements.size() == 1) {
        const auto& r = f.fixes.front().replacements.front();
        out << ", \"suggestions\": [{\"range\": " << rd_range(r.start, r.stop) << ", \"text\": " << json_quote(r.text)
            << "}]";
      }
      out << '}';
    }
  }
  void end(std::ostream& out, const Summary&) override { out << (first_ ? "]}\n" : "\n ]}\n"); }

 private:
  ReportOptions o_;
  bool first_ = true;
};

}  // namespace

// XML 1.0 (section 2.2) forbids C0 controls other than tab, LF and CR, U+FFFE, U+FFFF and
// surrogates, even as character references: they are written visibly (escape_text, which also
// shows tab and CR as \t and \r, and invalid UTF-8 as \xFF), then the markup characters become
// entities. An attribute value also shows LF as \n (a parser would turn it into a space) and
// escapes both quotes; character data keeps its line breaks and needs only &, < and >.
std::string xml_escape(std::string_view text, bool attribute) {
  std::string visible = escape_text(text, !attribute);
  std::string out;
  out.reserve(visible.size());
  for (size_t i = 0; i < visible.size(); ++i) {
    char c = visible[i];
    if (static_cast<unsigned char>(c) == 0xEF && i + 2 < visible.size() &&
        static_cast<unsigned char>(visible[i + 1]) == 0xBF &&
        (static_cast<unsigned char>(visible[i + 2]) == 0xBE || static_cast<unsigned char>(visible[i + 2]) == 0xBF)) {
      out += static_cast<unsigned char>(visible[i + 2]) == 0xBE ? "\\uFFFE" : "\\uFFFF";
      i += 2;
      continue;
    }
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '"' && attribute)
      out += "&quot;";
    else if (c == '\'' && attribute)
      out += "&apos;";
    else
      out += c;
  }
  return out;
}

std::unique_ptr<Reporter> make_junit_reporter(const ReportOptions& options) {
  return std::make_unique<JunitReporter>(options);
}
std::unique_ptr<Reporter> make_gitlab_reporter(const ReportOptions& options) {
  return std::make_unique<GitlabReporter>(options);
}
std::unique_ptr<Reporter> make_rdjson_reporter(const ReportOptions& options) {
  return std::make_unique<RdjsonReporter>(options);
}

}  // namespace sagelint::report
