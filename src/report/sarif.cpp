// SARIF 2.1.0 as GitHub code scanning consumes it:
// https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
#include <map>
#include <ostream>

#include "report/report.hpp"
#include "sagelint_version.hpp"

namespace sagelint::report {
namespace {

using lint::Finding;
using lint::Severity;

const char* level(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Note:
      return "note";
  }
  return "warning";
}

std::string region(const input::Position& start, const input::Position& stop) {
  return "{\"startLine\":" + std::to_string(start.line) + ",\"startColumn\":" + std::to_string(start.column) +
         ",\"endLine\":" + std::to_string(stop.line) + ",\"endColumn\":" + std::to_string(stop.column) + "}";
}

// SARIF URIs are URI references: percent-encode what is not allowed unescaped in a path.
std::string uri_path(std::string_view path) {
  std::string out;
  for (unsigned char c : path) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 std::string_view("-._~/!$&'()*+,;=:@").find(static_cast<char>(c)) != std::string_view::npos;
    if (plain) {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  if (out.starts_with("./")) out.erase(0, 2);
  return out;
}

// Relative paths are relative to the checkout (%SRCROOT%), as code scanning expects; an
// absolute path becomes a file:// URI of its own.
std::string artifact_location(std::string_view path) {
  if (path.starts_with('/')) return "{\"uri\": " + json_quote("file://" + uri_path(path)) + "}";
  return "{\"uri\": " + json_quote(uri_path(path)) + ", \"uriBaseId\": \"%SRCROOT%\"}";
}

class SarifReporter : public Reporter {
 public:
  explicit SarifReporter(const ReportOptions& o) : o_(o) {
    const auto& rules = o_.registry->rules();
    for (size_t i = 0; i < rules.size(); ++i) index_[rules[i].meta.id] = i;
  }

  void begin(std::ostream& out) override {
    out << "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n"
        << "  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": {\n"
        << "          \"name\": \"sagelint\",\n          \"version\": " << json_quote(kVersion)
        << ",\n          \"semanticVersion\": " << json_quote(kVersion)
        << ",\n          \"informationUri\": " << json_quote(kProjectHomepage)
        << ",\n          \"properties\": {\"iamDataSource\": " << json_quote(o_.data_source)
        << ", \"iamDataDate\": " << json_quote(o_.data_date) << "},\n          \"rules\": [";
    const auto& rules = o_.registry->rules();
    for (size_t i = 0; i < rules.size(); ++i) {
      const auto& m = rules[i].meta;
      std::string help = m.explanation + "\n\n" + m.remediation;
      out << (i ? ",\n" : "\n") << "            {\"id\": " << json_quote(m.id) << ", \"name\": " << json_quote(m.name)
          << ", \"shortDescription\": {\"text\": " << json_quote(m.summary) << "}"
          << ", \"fullDescription\": {\"text\": " << json_quote(m.explanation) << "}"
          << ", \"help\": {\"text\": " << json_quote(help) << ", \"markdown\": " << json_quote(help) << "}"
          << ", \"helpUri\": " << json_quote(m.help_uri()) << ", \"defaultConfiguration\": {\"level\": \""
          << level(m.severity) << "\"}"
          << ", \"properties\": {\"tags\": [";
      for (size_t t = 0; t < m.tags.size(); ++t) out << (t ? ", " : "") << json_quote(m.tags[t]);
      out << "], \"precision\": \"very-high\", \"security-severity\": " << json_quote(m.security_severity) << "}}";
    }
    out << "\n          ]\n        }\n      },\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [";
  }

  void file(std::ostream& out, const lint::FileReport& report) override {
    for (const auto& f : report.findings) {
      out << (first_ ? "\n" : ",\n");
      first_ = false;
      std::string location = artifact_location(f.path);
      out << "        {\"ruleId\": " << json_quote(f.rule->id) << ", \"ruleIndex\": " << index_[f.rule->id]
          << ", \"level\": \"" << level(f.severity) << "\", \"message\": {\"text\": " << json_quote(f.message) << "}"
          << ", \"locations\": [{\"physicalLocation\": {\"artifactLocation\": " << location
          << ", \"region\": " << region(f.start, f.stop) << "}";
      if (!f.pointer.empty()) {
        out << ", \"logicalLocations\": [{\"fullyQualifiedName\": " << json_quote(f.pointer)
            << ", \"kind\": \"element\"}]";
      }
      out << "}], \"partialFingerprints\": {\"sagelintFingerprint/v1\": " << json_quote(f.fingerprint) << "}";
      if (f.suppressed) {
        // SARIF 2.1.0 §3.35.2: "inSource" when the suppression is written in the analysed file
        // (a comment, CloudFormation Metadata), "external" for configuration and baselines.
        out << ", \"suppressions\": [{\"kind\": \"" << (f.suppressed_in_source ? "inSource" : "external")
            << "\", \"justification\": " << json_quote(f.suppression) << "}]";
      }
      if (!f.fixes.empty()) {
        out << ", \"fixes\": [";
        for (size_t i = 0; i < f.fixes.size(); ++i) {
          out << (i ? ", " : "") << "{\"description\": {\"text\": " << json_quote(f.fixes[i].description)
              << "}, \"artifactChanges\": [{\"artifactLocation\": " << location << ", \"replacements\": [";
          for (size_t k = 0; k < f.fixes[i].replacements.size(); ++k) {
            const auto& r = f.fixes[i].replacements[k];
            out << (k ? ", " : "") << "{\"deletedRegion\": " << region(r.start, r.stop)
                << ", \"insertedContent\": {\"text\": " << json_quote(r.text) << "}}";
          }
          out << "]}]}";
        }
        out << "]";
      }
      out << "}";
    }
  }

  void end(std::ostream& out, const Summary&) override { out << (first_ ? "]\n" : "\n      ]\n") << "    }\n  ]\n}\n"; }

 private:
  ReportOptions o_;
  std::map<std::string, size_t> index_;
  bool first_ = true;
};

}  // namespace

std::unique_ptr<Reporter> make_sarif_reporter(const ReportOptions& options) {
  return std::make_unique<SarifReporter>(options);
}

}  // namespace sagelint::report
