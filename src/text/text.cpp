#include "text/text.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

namespace sagelint::text {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lower(c);
  return out;
}

int ci_compare(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  std::size_t i = 0;
  // Compared names mostly share long identical prefixes (sorted neighbours, the same key listed
  // by many services), so skip equal bytes a word at a time and lower-case only on a difference:
  // this is the hot loop of loading and lookups.
  for (; i + 8 <= n; i += 8) {
    std::uint64_t wa, wb;
    std::memcpy(&wa, a.data() + i, 8);
    std::memcpy(&wb, b.data() + i, 8);
    if (wa != wb) break;
  }
  for (; i < n; ++i) {
    if (a[i] == b[i]) continue;
    const auto ca = static_cast<unsigned char>(lower(a[i]));
    const auto cb = static_cast<unsigned char>(lower(b[i]));
    if (ca != cb) return ca < cb ? -1 : 1;
  }
  return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

bool ci_ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && ci_equal(text.substr(text.size() - suffix.size()), suffix);
}

bool ci_contains(std::string_view haystack, std::string_view needle) {
  if (needle.size() > haystack.size()) return false;
  if (needle.empty()) return true;
  // Only offsets where the first character agrees get the full comparison.
  const char first = lower(needle.front());
  for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    if (lower(haystack[i]) == first && ci_equal(haystack.substr(i, needle.size()), needle)) return true;
  }
  return false;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t m = a.size();
  const std::size_t n = b.size();
  if (m == 0) return n;
  if (n == 0) return m;
  // Three rolling rows: the transposition step looks two rows back.
  std::vector<std::size_t> prev2(n + 1), prev(n + 1), cur(n + 1);
  for (std::size_t j = 0; j <= n; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= m; ++i) {
    cur[0] = i;
    const char ai = lower(a[i - 1]);
    for (std::size_t j = 1; j <= n; ++j) {
      const char bj = lower(b[j - 1]);
      const std::size_t cost = ai == bj ? 0 : 1;
      std::size_t best = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && ai == lower(b[j - 2]) && lower(a[i - 2]) == bj) {
        best = std::min(best, prev2[j - 2] + 1);
      }
      cur[j] = best;
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[n];
}

std::size_t edit_distance_within(std::string_view a, std::string_view b, std::size_t limit) {
  const std::size_t m = a.size();
  const std::size_t n = b.size();
  const std::size_t gap = m > n ? m - n : n - m;
  const std::size_t big = limit + 1;  // stands for every value beyond the limit
  if (gap > limit) return big;
  if (m == 0 || n == 0) return gap;
  // The recurrence of edit_distance(), on three rolling rows kept per thread, but only inside the
  // band |i - j| <= limit: a cell outside it is at least |i - j| away, so no alignment within the
  // limit passes through it. Cells are capped at `big`, which changes no value within the limit.
  thread_local std::vector<std::size_t> rows;
  rows.assign(3 * (n + 2), big);
  std::size_t* prev2 = rows.data();
  std::size_t* prev = prev2 + (n + 2);
  std::size_t* cur = prev + (n + 2);
  for (std::size_t j = 0; j <= std::min(n, limit); ++j) prev[j] = j;
  bool prev_beyond = false;  // every entry of `prev` exceeds the limit
  for (std::size_t i = 1; i <= m; ++i) {
    const std::size_t lo = i > limit ? i - limit : 1;
    const std::size_t hi = std::min(n, i + limit);
    // The cells just outside the band are read by this row and the next two: mark them beyond.
    cur[lo - 1] = lo == 1 ? std::min(i, big) : big;
    cur[hi + 1] = big;
    std::size_t row_min = cur[lo - 1];
    const char ai = lower(a[i - 1]);
    for (std::size_t j = lo; j <= hi; ++j) {
      const char bj = lower(b[j - 1]);
      const std::size_t cost = ai == bj ? 0 : 1;
      std::size_t best = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && ai == lower(b[j - 2]) && lower(a[i - 2]) == bj) best = std::min(best, prev2[j - 2] + 1);
      cur[j] = std::min(best, big);
      row_min = std::min(row_min, cur[j]);
    }
    // An alignment crosses every row except where a transposition skips one, so once two rows in
    // a row are beyond the limit, the distance is too.
    const bool beyond = row_min > limit;
    if (beyond && prev_beyond) return big;
    prev_beyond = beyond;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[n], big);
}

namespace {

// '*' and '?' over `text`, characters compared by `same`. Greedy scan with one backtrack point:
// linear in practice and never exponential, since a later '*' supersedes the earlier one.
template <typename Same>
bool glob_match(std::string_view pattern, std::string_view text, Same same) {
  std::size_t p = 0, t = 0;
  std::size_t star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || same(pattern[p], text[t]))) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace

bool wildcard_match(std::string_view pattern, std::string_view text) {
  return glob_match(pattern, text, [](char a, char b) { return lower(a) == lower(b); });
}

bool like_match(std::string_view pattern, std::string_view text) {
  return glob_match(pattern, text, [](char a, char b) { return a == b; });
}

// A plain loop: string_view::find_first_of calls memchr once per character, and this runs on
// every action and resource of every statement.
bool has_wildcard(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c == '*' || c == '?'; });
}

}  // namespace sagelint::text
