// Internal string helpers of the catalog. IAM compares service prefixes, action names and
// condition key names case-insensitively in ASCII only, so these never consult the locale.
#pragma once

#include <cstddef>
#include <string_view>

namespace sagelint::catalog::text {

constexpr char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }

// <0, 0, >0 like strcmp, on lower-cased bytes.
int ci_compare(std::string_view a, std::string_view b);
inline bool ci_equal(std::string_view a, std::string_view b) { return a.size() == b.size() && ci_compare(a, b) == 0; }
inline bool ci_less(std::string_view a, std::string_view b) { return ci_compare(a, b) < 0; }
bool ci_starts_with(std::string_view text, std::string_view prefix);
bool ci_ends_with(std::string_view text, std::string_view suffix);
bool ci_contains(std::string_view haystack, std::string_view needle);

// Optimal-string-alignment Damerau-Levenshtein distance, case-insensitive: insertions, deletions,
// substitutions and transpositions of neighbours each cost 1 — a swapped pair is one typo.
std::size_t edit_distance(std::string_view a, std::string_view b);

// Largest distance still read as a typo of a name `length` characters long; beyond it a match is
// more likely a different name than a misspelling.
constexpr std::size_t typo_threshold(std::size_t length) { return length <= 4 ? 1 : length <= 8 ? 2 : 3; }

// Shortest typed text that may be taken as part of a longer name: below it almost everything
// contains it ("List", "Get").
constexpr std::size_t kMinContainedLength = 5;

}  // namespace sagelint::catalog::text
