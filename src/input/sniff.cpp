#include "input/sniff.hpp"

#include <algorithm>
#include <filesystem>
#include <vector>

#include "text/text.hpp"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace sagelint::input {
namespace {

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// `needle` (lower case) at text[i], compared case-insensitively.
bool at(std::string_view text, size_t i, std::string_view needle) {
  if (text.size() - i < needle.size()) return false;
  for (size_t k = 0; k < needle.size(); ++k) {
    if (text::lower(text[i + k]) != needle[k]) return false;
  }
  return true;
}

bool whole_word_at(std::string_view text, size_t i, std::string_view word) {
  if (!at(text, i, word)) return false;
  if (i > 0 && word_char(text[i - 1])) return false;
  size_t end = i + word.size();
  return end == text.size() || !word_char(text[end]);
}

// A policy saved as UTF-16 (PowerShell's Out-File) is still a policy: the parser says why it
// cannot read it.
bool utf16(std::string_view text) { return text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF"); }

bool policy_date(std::string_view s) { return s == "2012-10-17" || s == "2008-10-17"; }

// "service:Action", "*", or a list holding one: what an Action element holds.
bool action_like(const JsonNode& v) {
  auto one = [](const JsonNode& n) {
    return n.is_string() && (n.text == "*" || n.text.find(':') != std::string::npos || n.opaque);
  };
  if (one(v)) return true;
  return v.is_array() && std::any_of(v.items.begin(), v.items.end(), one);
}

// may_hold_iam looks for byte pairs that every needle contains, then checks the needle around
// them: "ct" (effect, action, NotAction) and "em" (statement) in any case; "::" (AWS::), "-1"
// (the policy version dates), "lL" (...DetailList), "nL" (PolicyVersionList) and "_v"
// (format_version) exactly, as the tools write them.
bool candidate_pair(char a, char b) {
  const char fa = static_cast<char>(a | 0x20);
  const char fb = static_cast<char>(b | 0x20);
  return (fa == 'c' && fb == 't') || (fa == 'e' && fb == 'm') || (a == ':' && b == ':') || (a == '-' && b == '1') ||
         (a == 'l' && b == 'L') || (a == 'n' && b == 'L') || (a == '_' && b == 'v');
}

bool exact_at(std::string_view text, size_t pos, size_t back, std::string_view word) {
  return pos >= back && text.substr(pos - back).starts_with(word);
}

bool ci_at(std::string_view text, size_t pos, size_t back, std::string_view word, bool whole) {
  if (pos < back) return false;
  return whole ? whole_word_at(text, pos - back, word) : at(text, pos - back, word);
}

// A candidate pair at `pos`: is it inside one of the needles?
bool iam_word_near(std::string_view text, size_t pos) {
  switch (text[pos]) {
    case 'c':
    case 'C':
      return ci_at(text, pos, 4, "effect", true) || ci_at(text, pos, 1, "action", true) ||
             ci_at(text, pos, 4, "notaction", true);
    case 'e':
    case 'E':
      return ci_at(text, pos, 4, "statement", true);
    case ':':
      return exact_at(text, pos, 3, "AWS::");
    case '-':
      return exact_at(text, pos, 4, "2012-10-17") || exact_at(text, pos, 4, "2008-10-17");
    case 'l':
      return exact_at(text, pos, 5, "DetailList");
    case 'n':
      return exact_at(text, pos, 12, "PolicyVersionList");
    case '_':
      return exact_at(text, pos, 6, "format_version");
    default:
      return false;
  }
}

}  // namespace

std::string unreadable_extension(std::string_view path) {
  static constexpr std::string_view kUnread[] = {
      ".ts",    ".tsx",  ".js",  ".jsx",   ".mjs",   ".cjs", ".py",     ".pyi", ".go",  ".java",
      ".kt",    ".kts",  ".rb",  ".rs",    ".c",     ".cc",  ".cpp",    ".cxx", ".h",   ".hpp",
      ".cs",    ".fs",   ".php", ".swift", ".scala", ".sh",  ".bash",   ".zsh", ".ps1", ".psm1",
      ".sql",   ".html", ".htm", ".css",   ".scss",  ".xml", ".toml",   ".ini", ".cfg", ".lock",
      ".ipynb", ".r",    ".lua", ".pl",    ".dart",  ".vue", ".svelte", ".rst", ".adoc"};
  std::string ext = text::lower(std::filesystem::path(std::string(path)).extension().string());
  for (std::string_view u : kUnread) {
    if (ext == u) return ext;
  }
  return {};
}

bool may_hold_iam(std::string_view text) {
  if (utf16(text)) return true;
  const size_t n = text.size();
  if (n < 2) return false;
  const size_t last = n - 1;  // pairs start at [0, last)
  size_t i = 0;
#ifdef __SSE2__
  // 16 positions at a time: a candidate wherever one of the byte pairs occurs (letters folded to
  // lower case by OR 0x20, which also folds some punctuation: candidates are checked exactly).
  const __m128i fold = _mm_set1_epi8(0x20);
  auto eq = [](__m128i v, char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); };
  for (; i + 16 < n; i += 16) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i + 1));
    const __m128i fa = _mm_or_si128(a, fold);
    const __m128i fb = _mm_or_si128(b, fold);
    __m128i m = _mm_and_si128(eq(fa, 'c'), eq(fb, 't'));
    m = _mm_or_si128(m, _mm_and_si128(eq(fa, 'e'), eq(fb, 'm')));
    m = _mm_or_si128(m, _mm_and_si128(eq(a, ':'), eq(b, ':')));
    m = _mm_or_si128(m, _mm_and_si128(eq(a, '-'), eq(b, '1')));
    m = _mm_or_si128(m, _mm_and_si128(eq(a, 'l'), eq(b, 'L')));
    m = _mm_or_si128(m, _mm_and_si128(eq(a, 'n'), eq(b, 'L')));
    m = _mm_or_si128(m, _mm_and_si128(eq(a, '_'), eq(b, 'v')));
    unsigned bits = static_cast<unsigned>(_mm_movemask_epi8(m));
    while (bits != 0) {
      if (iam_word_near(text, i + static_cast<size_t>(__builtin_ctz(bits)))) return true;
      bits &= bits - 1;
    }
  }
#endif
  for (; i < last; ++i) {
    if (candidate_pair(text[i], text[i + 1]) && iam_word_near(text, i)) return true;
  }
  return false;
}

bool has_policy_shape(const JsonNode& root) {
  if (root.is_string()) return broken_json_looks_like_policy(root.text);
  std::vector<const JsonNode*> stack{&root};
  while (!stack.empty()) {
    const JsonNode* node = stack.back();
    stack.pop_back();
    if (node->is_array()) {
      for (const auto& item : node->items) stack.push_back(&item);
      continue;
    }
    if (!node->is_object()) continue;
    bool effect = false;
    bool statement_element = false;
    for (const auto& m : node->members) {
      const std::string& k = m.key;
      const JsonNode& v = m.value;
      // The key alone is too common in application JSON ("effect" the npm package, a SQL
      // "statement"): each must also hold what a policy holds there.
      if (text::ci_equal(k, "statement") && (v.is_array() || v.is_object())) return true;
      if (text::ci_equal(k, "version") && v.is_string() && policy_date(v.text)) return true;
      if ((text::ci_equal(k, "action") || text::ci_equal(k, "notaction")) && action_like(v)) return true;
      if (text::ci_equal(k, "effect") && v.is_string()) effect = true;
      if (text::ci_equal(k, "resource") || text::ci_equal(k, "notresource") || text::ci_equal(k, "principal") ||
          text::ci_equal(k, "notprincipal") || text::ci_equal(k, "condition") || text::ci_equal(k, "sid")) {
        statement_element = true;
      }
      if (v.is_array() || v.is_object()) stack.push_back(&v);
    }
    if (effect && statement_element) return true;
  }
  return false;
}

bool broken_json_looks_like_policy(std::string_view text) {
  if (utf16(text)) return true;
  const size_t n = text.size();
  for (size_t i = 0; i < n; ++i) {
    char c = text::lower(text[i]);
    if (c == '2' && (at(text, i, "2012-10-17") || at(text, i, "2008-10-17"))) return true;
    size_t len = 0;
    if (c == 's' && whole_word_at(text, i, "statement")) len = 9;
    if (c == 'e' && whole_word_at(text, i, "effect")) len = 6;
    if (c == 'a' && whole_word_at(text, i, "action")) len = 6;
    if (c == 'n' && whole_word_at(text, i, "notaction")) len = 9;
    if (c == 'v' && whole_word_at(text, i, "version")) len = 7;
    if (len == 0) continue;
    size_t j = i + len;
    if (j < n && (text[j] == '"' || text[j] == '\'')) {
      ++j;
    } else if (j + 2 < n && text.substr(j, 2) == "\xE2\x80" && (text[j + 2] == '\x9D' || text[j + 2] == '\x99')) {
      j += 3;  // ” or ’
    }
    while (j < n && (text[j] == ' ' || text[j] == '\t')) ++j;
    if (j < n && text[j] == ':') return true;
  }
  return false;
}

bool is_sam_policy_template_catalogue(const JsonNode& root) {
  const JsonMember* templates = root.is_object() ? root.find("Templates") : nullptr;
  if (templates == nullptr || !templates->value.is_object() || templates->value.members.empty()) return false;
  for (const auto& t : templates->value.members) {
    if (!t.value.is_object() || t.value.find("Definition") == nullptr) return false;
  }
  return true;
}

}  // namespace sagelint::input
