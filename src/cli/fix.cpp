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

// For each line of a (and of b): whether it is kept in the other. Myers' O(ND) greedy
// algorithm on a[lo_a, hi_a) and b[lo_b, hi_b); fixes change few lines, so D stays small. Past
// kMaxD edits the whole range is marked changed (a correct, larger diff).
void mark_changes(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b, size_t lo_a,
                  size_t hi_a, size_t lo_b, size_t hi_b, std::vector<bool>& kept_a, std::vector<bool>& kept_b) {
  const long n = static_cast<long>(hi_a - lo_a);
  const long m = static_cast<long>(hi_b - lo_b);
  constexpr long kMaxD = 2000;
  const long max_d = std::min(n + m, kMaxD);
  const long offset = max_d + 1;
  std::vector<long> v(2 * static_cast<size_t>(offset) + 1, 0);
  std::vector<std::vector<long>> trace;
  auto eq = [&](long x, long y) { return a[lo_a + static_cast<size_t>(x)] == b[lo_b + static_cast<size_t>(y)]; };
  long found = -1;
  for (long d = 0; d <= max_d && found < 0; ++d) {
    trace.push_back(v);
    for (long k = -d; k <= d; k += 2) {
      long x =
          (k == -d || (k != d && v[k - 1 + offset] < v[k + 1 + offset])) ? v[k + 1 + offset] : v[k - 1 + offset] + 1;
      long y = x - k;
      while (x < n && y < m && eq(x, y)) ++x, ++y;
      v[k + offset] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return;  // too many edits: everything in the range stays marked changed
  // Walk back through the saved frontiers, marking the diagonal (kept) runs.
  long x = n;
  long y = m;
  for (long d = found; d > 0; --d) {
    const std::vector<long>& pv = trace[static_cast<size_t>(d)];
    long k = x - y;
    long prev_k = (k == -d || (k != d && pv[k - 1 + offset] < pv[k + 1 + offset])) ? k + 1 : k - 1;
    long prev_x = pv[prev_k + offset];
    long prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) {
      --x, --y;
      kept_a[lo_a + static_cast<size_t>(x)] = true;
      kept_b[lo_b + static_cast<size_t>(y)] = true;
    }
    x = prev_x;
    y = prev_y;
  }
  while (x > 0 && y > 0) {
    --x, --y;
    kept_a[lo_a + static_cast<size_t>(x)] = true;
    kept_b[lo_b + static_cast<size_t>(y)] = true;
  }
}

// "start,count" of a hunk side; an empty side names the line before it, as diff does.
std::string range(size_t start, size_t count) {
  return std::to_string(count == 0 ? start : start + 1) + "," + std::to_string(count);
}

}  // namespace

std::string unified_diff(const std::string& path, const std::string& before, const std::string& after) {
  if (before == after) return {};
  auto a = lines_of(before);
  auto b = lines_of(after);
  std::vector<bool> kept_a(a.size(), false);
  std::vector<bool> kept_b(b.size(), false);
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) {
    kept_a[prefix] = kept_b[prefix] = true;
    ++prefix;
  }
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    kept_a[a.size() - 1 - suffix] = kept_b[b.size() - 1 - suffix] = true;
    ++suffix;
  }
  mark_changes(a, b, prefix, a.size() - suffix, prefix, b.size() - suffix, kept_a, kept_b);

  // The edit script as aligned steps: both kept (context), or a run of removed then added lines.
  struct Step {
    size_t i, j;  // position in a and b before the step
    bool change;
  };
  std::vector<Step> steps;
  for (size_t i = 0, j = 0; i < a.size() || j < b.size();) {
    if (i < a.size() && j < b.size() && kept_a[i] && kept_b[j]) {
      steps.push_back({i++, j++, false});
      continue;
    }
    steps.push_back({i, j, true});
    while (i < a.size() && !kept_a[i]) ++i;
    while (j < b.size() && !kept_b[j]) ++j;
  }

  // The name is escaped like every name sagelint prints; the lines below stay exact (a patch).
  // a/ and b/ prefixes, as git writes them: `git apply` and `patch -p1` take the patch.
  std::string name = report::escape_text(path);
  while (name.starts_with("./")) name.erase(0, 2);
  // A name with a space ends with a tab, as git writes it, or patch would stop at the space.
  const char* end = name.find(' ') != std::string::npos ? "\t\n" : "\n";
  std::string out = "--- a/" + name + end + "+++ b/" + name + end;
  auto line = [&](char mark, std::string_view l) {
    out += mark;
    out += l;
    if (!l.ends_with('\n')) out += "\n\\ No newline at end of file\n";
  };
  constexpr size_t kContext = 3;
  // One hunk per change region: changes closer than twice the context share one.
  for (size_t s = 0; s < steps.size();) {
    if (!steps[s].change) {
      ++s;
      continue;
    }
    size_t first = s;
    size_t last = s;  // the last change step of this hunk
    for (size_t t = s + 1; t < steps.size(); ++t) {
      if (!steps[t].change) continue;
      if (t - last - 1 > 2 * kContext) break;
      last = t;
    }
    size_t begin = first >= kContext ? first - kContext : 0;
    size_t end = std::min(steps.size(), last + 1 + kContext);
    size_t a_start = steps[begin].i;
    size_t b_start = steps[begin].j;
    size_t a_stop = end < steps.size() ? steps[end].i : a.size();
    size_t b_stop = end < steps.size() ? steps[end].j : b.size();
    out += "@@ -" + range(a_start, a_stop - a_start) + " +" + range(b_start, b_stop - b_start) + " @@\n";
    for (size_t t = begin; t < end; ++t) {
      const Step& st = steps[t];
      if (!st.change) {
        line(' ', a[st.i]);
        continue;
      }
      size_t a_to = t + 1 < steps.size() ? steps[t + 1].i : a.size();
      size_t b_to = t + 1 < steps.size() ? steps[t + 1].j : b.size();
      for (size_t i = st.i; i < a_to; ++i) line('-', a[i]);
      for (size_t j = st.j; j < b_to; ++j) line('+', b[j]);
    }
    s = last + 1;
  }
  return out;
}

}  // namespace sagelint::cli
