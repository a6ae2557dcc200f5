// The one set of text helpers every layer may use (input, catalog, eval, rules, cli): ASCII case
// folding, case-insensitive comparison, typo distance and IAM wildcards. IAM compares service
// prefixes, action names and condition key names case-insensitively in ASCII only, so these never
// consult the locale. Depends on nothing but the standard library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sagelint::text {

constexpr char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }
// ASCII lower-case copy.
std::string lower(std::string_view text);
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

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

// An IAM wildcard ('*' or '?') in the text.
bool has_wildcard(std::string_view text);

// IAM wildcard match over the whole text: '*' any run (also empty), '?' exactly one byte.
// wildcard_match folds ASCII case (action names, service prefixes: StringLike on names IAM
// compares case-insensitively); like_match does not (StringLike on values).
bool wildcard_match(std::string_view pattern, std::string_view text);
bool like_match(std::string_view pattern, std::string_view text);

}  // namespace sagelint::text
