#include "cli/fix.hpp"

#include <algorithm>
#include "report/escape.hpp"

namespace sagelint::cli {

std::string apply_fixes(const std::string& text, const std::vector<lint::Finding>& findings, size_t& applied) {
  std::vector<const lint::Fix*> fixes;
  for (const auto& f : findings) {
    if (!f.suppressed && f.fixes.size() == 1 && !f.fixes[0].replacements.empty()) fixes.push_back(&f.fixes[0]);
  }
  std::sort(fixes.begin(), fixes.end(), [](const lint::Fix* a, const lint::Fix* b) {
    return a->replacements.front().begin < b->replacements.front().begin;
  });
  std::vector<lint::Replacement> chosen;
  uint32_t covered = 0;
  bool first = true;
  applied = 0;
  for (const lint::Fix* fix : fixes) {
    // A fix is applied whole or not at all; skip it if any edit overlaps an earlier fix.
    bool overlaps = false;
    for (const auto& r : fix->replacements) {
      if (!first && r.begin < covered) overlaps = true;
      if (r.end > text.size() || r.begin > r.end) overlaps = true;
    }
    if (overlaps) continue;
    for (const auto& r : fix->replacements) {
      chosen.push_back(r);
      covered = std::max(covered, std::max(r.end, r.begin + 1));
    }
    first = false;
    ++applied;
  }
  std::sort(chosen.begin(), chosen.end(), [](const auto& a, const auto& b) { return a.begin < b.begin; });
  std::string out;
  out.reserve(text.size() + 64);
  size_t pos = 0;
  for (const auto& r : chosen) {
    out.append(text, pos, r.begin - pos);
    out += r.text;
    pos = r.end;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

namespace {
std::vector<std::string_view> lines_of(const std::string& text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    size_t end = nl == std::string::npos ? text.size() : nl + 1;
    lines.emplace_back(text.data() + start, end - start);
    start = end;
  }
  return lines;
}
}  // namespace

std::string unified_diff(const std::string& path, const std::string& before, const std::string& after) {
  if (before == after) return {};
  auto a = lines_of(before);
  auto b = lines_of(after);
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  constexpr size_t kContext = 3;
  size_t start = prefix > kContext ? prefix - kContext : 0;
  size_t a_end = std::min(a.size(), a.size() - suffix + kContext);
  size_t b_end = std::min(b.size(), b.size() - suffix + kContext);
  // The name is escaped like every name sagelint prints; the lines below stay exact (a patch).
  const std::string name = report::escape_text(path);
  std::string out = "--- " + name + "\n+++ " + name + "\n";
  out += "@@ -" + std::to_string(start + 1) + "," + std::to_string(a_end - start) + " +" + std::to_string(start + 1) +
         "," + std::to_string(b_end - start) + " @@\n";
  auto line = [&](char mark, std::string_view l) {
    out += mark;
    out += l;
    if (!l.ends_with('\n')) out += "\n\\ No newline at end of file\n";
  };
  for (size_t i = start; i < prefix; ++i) line(' ', a[i]);
  for (size_t i = prefix; i < a.size() - suffix; ++i) line('-', a[i]);
  for (size_t i = prefix; i < b.size() - suffix; ++i) line('+', b[i]);
  for (size_t i = a.size() - suffix; i < a_end; ++i) line(' ', a[i]);
  return out;
}

}  // namespace sagelint::cli
