// Internal string helpers of the catalog. IAM compares service prefixes, action names and
// condition key names case-insensitively in ASCII only, so these never consult the locale.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sagelint::catalog::text {

constexpr char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }

// <0, 0, >0 like strcmp, on lower-cased bytes.
int ci_compare(std::string_view a, std::string_view b);
// Names are mostly written in the catalog's own case: an exact match skips the case folding.
inline bool ci_equal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && (a == b || ci_compare(a, b) == 0);
}
inline bool ci_less(std::string_view a, std::string_view b) { return ci_compare(a, b) < 0; }
inline bool ci_starts_with(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  // Callers test many candidates, which mostly differ at once.
  if (!prefix.empty() && lower(text.front()) != lower(prefix.front())) return false;
  return ci_equal(text.substr(0, prefix.size()), prefix);
}
bool ci_ends_with(std::string_view text, std::string_view suffix);
bool ci_contains(std::string_view haystack, std::string_view needle);

// FNV-1a over the lower-cased bytes: names that compare ci_equal hash alike.
inline std::uint32_t ci_hash(std::string_view text) {
  std::uint32_t h = 2166136261u;
  for (char c : text) {
    h ^= static_cast<unsigned char>(lower(c));
    h *= 16777619u;
  }
  return h;
}

// Optimal-string-alignment Damerau-Levenshtein distance, case-insensitive: insertions, deletions,
// substitutions and transpositions of neighbours each cost 1 — a swapped pair is one typo.
std::size_t edit_distance(std::string_view a, std::string_view b);
// The same when it is at most `limit`; otherwise some value above `limit`. Suggestions only ask
// whether a name is within a typo's reach, and most candidates are far out of it: their rows are
// abandoned early, without allocating.
std::size_t edit_distance_within(std::string_view a, std::string_view b, std::size_t limit);

// Largest distance still read as a typo of a name `length` characters long; beyond it a match is
// more likely a different name than a misspelling.
constexpr std::size_t typo_threshold(std::size_t length) { return length <= 4 ? 1 : length <= 8 ? 2 : 3; }

// Shortest typed text that may be taken as part of a longer name: below it almost everything
// contains it ("List", "Get").
constexpr std::size_t kMinContainedLength = 5;

}  // namespace sagelint::catalog::text
