// What a rule reports, in the form every output format is rendered from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "input/source.hpp"

namespace sagelint::lint {

enum class Severity { Note = 0, Warning = 1, Error = 2 };
std::string_view severity_name(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);

struct RuleMeta;

// One edit of the source bytes; a fix is a set of non-overlapping edits.
struct Replacement {
  uint32_t begin = 0;
  uint32_t end = 0;
  std::string text;
  input::Position start;  // filled in by the linter, for SARIF regions
  input::Position stop;
};

struct Fix {
  std::string description;
  std::vector<Replacement> replacements;
};

// Another place that explains a finding: the first statement with a duplicated Sid, the policy
// statement that grants what a principal finding is about. SARIF relatedLocations, LSP
// relatedInformation, "related" in --format json.
struct Related {
  std::string path;  // as shown to the user, like Finding::path (often the finding's own file)
  uint32_t begin = 0;
  uint32_t end = 0;
  input::Position start;  // filled in by the linter (document rules) or when related (principal rules)
  input::Position stop;
  std::string message;
};

struct Finding {
  const RuleMeta* rule = nullptr;
  Severity severity = Severity::Warning;
  std::string path;  // as shown to the user
  uint32_t begin = 0;
  uint32_t end = 0;
  input::Position start;
  input::Position stop;  // position of `end` (exclusive)
  std::string message;
  std::string pointer;  // RFC 6901, within the file
  std::string label;    // the document's place in its container's words (a Terraform resource address)
  std::string sid;      // Sid of the enclosing statement, if any
  std::vector<Fix> fixes;
  std::vector<Related> related;
  bool suppressed = false;
  std::string suppression;            // why: "config ignore 'legacy/**'", "baseline"
  bool suppressed_in_source = false;  // by a comment or Metadata in the file itself (SARIF "inSource")
  std::string fingerprint;            // stable across reformatting: rule, file, pointer, content
  // Principal findings only, when it differs: the fingerprint sagelint gave before it left the
  // line numbers out of the message it hashes, so that earlier baselines still match.
  std::string legacy_fingerprint;
};

// Output order: position, then rule id, then message, so output never depends on rule order.
bool finding_less(const Finding& a, const Finding& b);

}  // namespace sagelint::lint
