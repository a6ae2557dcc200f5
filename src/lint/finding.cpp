#include "lint/finding.hpp"

#include <tuple>

#include "lint/rule_meta.hpp"

namespace sagelint::lint {

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::Note:
      return "note";
    case Severity::Warning:
      return "warning";
    case Severity::Error:
      return "error";
  }
  return "warning";
}

std::optional<Severity> parse_severity(std::string_view text) {
  if (text == "note" || text == "info") return Severity::Note;
  if (text == "warning") return Severity::Warning;
  if (text == "error") return Severity::Error;
  return std::nullopt;
}

bool finding_less(const Finding& a, const Finding& b) {
  return std::tie(a.path, a.start.line, a.start.column, a.rule->id, a.message, a.begin, a.end) <
         std::tie(b.path, b.start.line, b.start.column, b.rule->id, b.message, b.begin, b.end);
}

}  // namespace sagelint::lint
