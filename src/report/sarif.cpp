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

// SARIF URIs are URI references (RFC 3986): percent-encode what is not allowed unescaped in a
// path segment. In a relative reference the first segment must not contain ':' (section 4.2),
// or a file named `a:1:2.json` would read as the scheme `a`: there it is encoded as %3A.
std::string uri_path(std::string_view path, bool relative) {
  std::string out;
  bool first_segment = relative;
  for (unsigned char c : path) {
    if (c == '/') first_segment = false;
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 std::string_view("-._~/!$&'()*+,;=:@").find(static_cast<char>(c)) != std::string_view::npos;
    if (c == ':' && first_segment) plain = false;
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
  if (path.starts_with('/')) return "{\"uri\": " + json_quote("file://" + uri_path(path, false)) + "}";
  return "{\"uri\": " + json_quote(uri_path(path, true)) + ", \"uriBaseId\": \"%SRCROOT%\"}";
}

}  // namespace

// Code scanning documents at most 1,024 characters for fullDescription (UTF-16 code units are
// counted here, never fewer than characters). A longer explanation is shortened to its first
// paragraph, then to whole sentences; the whole text stays in `help`.
std::string sarif_full_description(std::string_view text) {
  constexpr size_t kLimit = 1024;
  auto units = [](std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s) {
      if ((c & 0xC0) != 0x80) n += c >= 0xF0 ? 2 : 1;
    }
    return n;
  };
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  if (units(text) <= kLimit) return std::string(text);
  // Whole paragraphs while they fit; a paragraph that introduces a list (ends with ':') is cut
  // back to its last full sentence when the list does not follow.
  std::string_view kept;
  for (size_t end = text.find("\n\n"); end != std::string_view::npos; end = text.find("\n\n", end + 2)) {
    if (units(text.substr(0, end)) > kLimit) break;
    kept = text.substr(0, end);
  }
  if (kept.empty()) kept = text.substr(0, text.find("\n\n"));
  if (units(kept) <= kLimit && !kept.ends_with(':')) return std::string(kept);
  // The last sentence end (". ") that keeps the text within the limit.
  size_t cut = std::string_view::npos;
  for (size_t pos = kept.find(". "); pos != std::string_view::npos; pos = kept.find(". ", pos + 1)) {
    if (units(kept.substr(0, pos + 1)) > kLimit) break;
    cut = pos + 1;
  }
  if (cut != std::string_view::npos) return std::string(kept.substr(0, cut));
  text = kept;
  // No sentence end early enough: cut at a character boundary and mark the cut.
  size_t end = 0;
  size_t n = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;
    size_t w = c >= 0xF0 ? 2 : 1;
    if (n + w > kLimit - 1) break;
    n += w;
    end = i + 1;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  }
  return std::string(text.substr(0, end)) + "\u2026";
}

namespace {

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
          << ", \"fullDescription\": {\"text\": " << json_quote(sarif_full_description(m.explanation)) << "}"
          << ", \"help\": {\"text\": " << json_quote(help) << ", \"markdown\": " << json_quote(help) << "}"
          << ", \"helpUri\": " << json_quote(m.help_uri()) << ", \"defaultConfiguration\": {\"level\": \""
          << level(m.severity) << "\"}"
          << ", \"properties\": {\"tags\": [";
      for (size_t t = 0; t < m.tags.size(); ++t) out << (t ? ", " : "") << json_quote(m.tags[t]);
      out << "], \"precision\": " << json_quote(m.precision);
      // Only rules about access carry a security severity: code scanning files their results as
      // security alerts, every other rule's as plain errors, warnings and notes.
      if (!m.security_severity.empty()) out << ", \"security-severity\": " << json_quote(m.security_severity);
      out << "}}";
    }
    out << "\n          ]\n        }\n      },\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [";
  }

  void file(std::ostream& out, const lint::FileReport& report) override {
    for (const auto& f : report.findings) {
      // Code scanning does not honour SARIF suppressions (it opens them as alerts): a file
      // meant for upload can leave them out.
      if (f.suppressed && o_.omit_suppressed) continue;
      out << (first_ ? "\n" : ",\n");
      first_ = false;
      std::string location = artifact_location(f.path);
      out << "        {\"ruleId\": " << json_quote(f.rule->id) << ", \"ruleIndex\": " << index_[f.rule->id]
          << ", \"level\": \"" << level(f.severity) << "\", \"message\": {\"text\": " << json_quote(f.message) << "}"
          << ", \"locations\": [{\"physicalLocation\": {\"artifactLocation\": " << location
          << ", \"region\": " << region(f.start, f.stop) << "}";
      if (!f.pointer.empty() || !f.label.empty()) {
        out << ", \"logicalLocations\": [";
        if (!f.label.empty()) {
          // A Terraform resource address: what a reader of the plan looks for.
          out << "{\"fullyQualifiedName\": " << json_quote(f.label) << ", \"kind\": \"resource\"}";
          if (!f.pointer.empty()) out << ", ";
        }
        if (!f.pointer.empty())
          out << "{\"fullyQualifiedName\": " << json_quote(f.pointer) << ", \"kind\": \"element\"}";
        out << "]";
      }
      out << "}]";
      if (!f.related.empty()) {
        // SARIF 2.1.0 §3.27.22: other places that explain the result, each with its own message.
        out << ", \"relatedLocations\": [";
        for (size_t i = 0; i < f.related.size(); ++i) {
          const auto& r = f.related[i];
          out << (i ? ", " : "") << "{\"id\": " << i + 1
              << ", \"physicalLocation\": {\"artifactLocation\": " << artifact_location(r.path)
              << ", \"region\": " << region(r.start, r.stop) << "}, \"message\": {\"text\": " << json_quote(r.message)
              << "}}";
        }
        out << "]";
      }
      out << ", \"partialFingerprints\": {\"sagelintFingerprint/v1\": " << json_quote(f.fingerprint) << "}";
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
