#include "input/json_diagnose.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>
#include <string>

namespace sagelint::input {
namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == '.' || c == ':' || c == '$' || c == '*' || c == '/' || static_cast<unsigned char>(c) >= 0x80;
}

// Length of a valid UTF-8 sequence at p (0 if invalid).
size_t utf8_length(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t len = 0;
  uint32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return len;
}

// The code point of a Unicode space at i that JSON does not allow between tokens (no-break
// space, the U+2000 block, ideographic space, BOM), or 0. Documents copied from web pages
// often carry them.
uint32_t unicode_space(std::string_view s, size_t i) {
  size_t len = utf8_length(s, i);
  if (len < 2) return 0;
  auto b = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(s[i + k])); };
  uint32_t cp = len == 2 ? ((b(0) & 0x1F) << 6) | (b(1) & 0x3F)
                         : (len == 3 ? ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F) : 0);
  bool space =
      cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
  return space ? cp : 0;
}

class Scanner {
 public:
  Scanner(std::string_view text, uint32_t start) : s_(text), i_(start) {}

  std::optional<JsonError> run() {
    const size_t begin = i_;
    skip_ws();
    if (error_) return error_;
    if (i_ >= s_.size()) {
      return fail(begin, begin,
                  begin == s_.size() ? "empty file: expected a policy document (a JSON object)"
                                     : "file holds only whitespace: expected a policy document (a "
                                       "JSON object)");
    }
    if (!value(1)) return error_;
    skip_ws();
    if (error_) return error_;
    if (i_ < s_.size()) {
      std::string msg = "unexpected " + describe(i_) + " after the end of the JSON document";
      if (s_[i_] == '{' || s_[i_] == '[') {
        msg += " (a JSON file holds one value: wrap several statements in \"Statement\": [ ... ] of one policy)";
      }
      return fail(i_, token_end(i_), msg);
    }
    return std::nullopt;
  }

 private:
  std::string_view s_;
  size_t i_;
  std::optional<JsonError> error_;

  std::optional<JsonError> fail(size_t at, size_t end, std::string message, JsonRepair repair = JsonRepair::None) {
    if (!error_) {
      error_ =
          JsonError{static_cast<uint32_t>(at), static_cast<uint32_t>(end < at ? at : end), std::move(message), repair};
    }
    return error_;
  }

  // End of the word starting at `at` (one character when it is not a word character). Stops
  // before invalid UTF-8 so messages never echo broken bytes.
  size_t token_end(size_t at, bool key = false) const {
    if (at >= s_.size()) return at;
    size_t first = utf8_length(s_, at);
    if (first == 0) return at + 1;
    if (!is_word(s_[at]) || unicode_space(s_, at) != 0) return at + first;
    size_t e = at;
    while (e < s_.size() && is_word(s_[e]) && !(key && s_[e] == ':')) {
      size_t len = utf8_length(s_, e);
      if (len == 0) break;
      e += len;
    }
    return e;
  }

  std::string describe(size_t at) const {
    if (at >= s_.size()) return "end of file";
    unsigned char c = static_cast<unsigned char>(s_[at]);
    if (c == 0) return "NUL byte (is this a binary file?)";
    if (c < 0x20 || c == 0x7F) {  // DEL too: never copy a raw control byte into a message
      char buf[32];
      std::snprintf(buf, sizeof buf, "control character U+%04X", c);
      return buf;
    }
    size_t len = utf8_length(s_, at);
    if (len == 0) {
      char buf[40];
      std::snprintf(buf, sizeof buf, "invalid UTF-8 byte 0x%02X", c);
      return buf;
    }
    if (c == '\'') return "a single quote";
    if (uint32_t cp = unicode_space(s_, at)) {
      char buf[128];
      std::snprintf(buf, sizeof buf,
                    "the Unicode space U+%04X (JSON allows only ASCII spaces, tabs and line breaks "
                    "between tokens)",
                    cp);
      return buf;
    }
    if (!is_word(s_[at])) return quoted(s_.substr(at, len), false);
    std::string_view word = s_.substr(at, token_end(at) - at);
    if (word.size() <= 40) return quoted(word, false);
    size_t cut = 40;
    while (cut > 0 && (static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80) --cut;
    return quoted(word.substr(0, cut), true) + " (truncated: " + std::to_string(chars(word.substr(0, cut))) + " of " +
           std::to_string(chars(word)) + " characters)";
  }

  static size_t chars(std::string_view text) {
    size_t n = 0;
    for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
  }

  static std::string quoted(std::string_view text, bool shortened) {
    std::string out;
    out.reserve(text.size() + 5);
    out += '\'';
    out.append(text);
    if (shortened) out += "...";
    out += '\'';
    return out;
  }

  void skip_ws() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (is_ws(c)) {
        ++i_;
      } else if (c == '/' && i_ + 1 < s_.size() && (s_[i_ + 1] == '/' || s_[i_ + 1] == '*')) {
        fail(i_, i_ + 2, "comments are not allowed in JSON");
        return;
      } else {
        return;
      }
    }
  }

  // A value was expected at i_ but something else is there: say what it looks like.
  bool bad_value(const char* context) {
    size_t at = i_;
    if (at >= s_.size()) return fail(at, at, std::string("unexpected end of file: expected ") + context), false;
    char c = s_[at];
    if (c == '<') {
      size_t close = s_.find('>', at);
      size_t eol = s_.find_first_of("\r\n", at);
      if (close != std::string_view::npos && (eol == std::string_view::npos || close < eol) && close - at < 200) {
        std::string text(s_.substr(at, close - at + 1));
        // Quoting it in place is a safe repair only when nothing inside needs escaping.
        bool quotable =
            text.find_first_of("\"\\") == std::string::npos &&
            std::none_of(text.begin(), text.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20; });
        return fail(at, close + 1,
                    "unquoted placeholder " + text +
                        ": it looks like a value that was never filled in; replace it with the real value in "
                        "double quotes",
                    quotable ? JsonRepair::UnquotedPlaceholder : JsonRepair::None),
               false;
      }
    }
    if (c == '\'') {
      return fail(at, at + 1, "strings must be in double quotes, found a single quote"), false;
    }
    if (c == '+' || (c == '.' && at + 1 < s_.size() && s_[at + 1] >= '0' && s_[at + 1] <= '9')) {
      size_t end = at + 1;
      while (end < s_.size() && is_word(s_[end]) && static_cast<unsigned char>(s_[end]) < 0x80) ++end;
      return fail(at, end,
                  "invalid number " + quoted(s_.substr(at, end - at), false) +
                      ": a JSON number starts with a digit or '-' (write 0.5, not .5; 1, not +1)"),
             false;
    }
    if (is_word(c) && !(c >= '0' && c <= '9') && c != '-' && unicode_space(s_, at) == 0 && utf8_length(s_, at) != 0) {
      return fail(at, token_end(at),
                  "unquoted text " + describe(at) +
                      ": strings must be in double quotes (true, false and null are "
                      "lowercase)"),
             false;
    }
    return fail(at, token_end(at), std::string("expected ") + context + ", found " + describe(at)), false;
  }

  bool value(uint32_t depth) {
    if (depth > kMaxJsonDepth) {
      return fail(i_, i_ + 1, "nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels"), false;
    }
    if (i_ >= s_.size()) return bad_value("a value");
    char c = s_[i_];
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        return literal("true");
      case 'f':
        return literal("false");
      case 'n':
        return literal("null");
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return number();
        return bad_value("a value (string, number, object, array, true, false or null)");
    }
  }

  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) == word && (i_ + word.size() >= s_.size() || !is_word(s_[i_ + word.size()]))) {
      i_ += word.size();
      return true;
    }
    return bad_value("a value");
  }

  bool number() {
    size_t begin = i_;
    if (s_[i_] == '-') ++i_;
    auto digit = [&] { return i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9'; };
    if (!digit()) return fail(begin, token_end(begin), "invalid number " + describe(begin)), false;
    if (s_[i_] == '0') {
      ++i_;
      if (digit()) return fail(begin, token_end(begin), "invalid number: leading zeros are not allowed"), false;
    } else {
      while (digit()) ++i_;
    }
    if (i_ < s_.size() && s_[i_] == '.') {
      ++i_;
      if (!digit()) return fail(begin, token_end(begin), "invalid number: expected digits after '.'"), false;
      while (digit()) ++i_;
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (!digit()) return fail(begin, token_end(begin), "invalid number: expected digits in the exponent"), false;
      while (digit()) ++i_;
    }
    if (i_ < s_.size() && is_word(s_[i_])) {
      return fail(begin, token_end(begin),
                  "invalid number " + describe(begin) + ": text such as dates and ARNs must be in double quotes"),
             false;
    }
    return true;
  }

  // The value of four hex digits at `at`, if there are four.
  std::optional<uint32_t> hex4(size_t at) const {
    if (at + 4 > s_.size()) return std::nullopt;
    uint32_t v = 0;
    for (size_t k = at; k < at + 4; ++k) {
      char h = s_[k];
      if (!std::isxdigit(static_cast<unsigned char>(h))) return std::nullopt;
      v = v * 16 + static_cast<uint32_t>(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
    }
    return v;
  }

  bool string() {
    size_t open = i_++;
    while (i_ < s_.size()) {
      unsigned char c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        ++i_;
        return true;
      }
      if (c == '\\') {
        if (i_ + 1 >= s_.size()) break;
        char e = s_[i_ + 1];
        if (e == 'u') {
          auto unit = hex4(i_ + 2);
          if (!unit) return fail(i_, i_ + 2, "invalid \\u escape: expected four hexadecimal digits"), false;
          if (*unit >= 0xDC00 && *unit <= 0xDFFF) {
            return fail(i_, i_ + 6,
                        "invalid \\u escape: low surrogate " + std::string(s_.substr(i_, 6)) +
                            " without a high surrogate before it"),
                   false;
          }
          if (*unit >= 0xD800 && *unit <= 0xDBFF) {
            auto low = (i_ + 7 < s_.size() && s_[i_ + 6] == '\\' && s_[i_ + 7] == 'u') ? hex4(i_ + 8) : std::nullopt;
            if (!low || *low < 0xDC00 || *low > 0xDFFF) {
              return fail(i_, i_ + 6,
                          "invalid \\u escape: high surrogate " + std::string(s_.substr(i_, 6)) +
                              " must be followed by a low surrogate \\uDC00-\\uDFFF"),
                     false;
            }
            i_ += 12;
            continue;
          }
          i_ += 6;
          continue;
        }
        if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
          return fail(i_, i_ + 2, "invalid escape \\" + std::string(1, e) + " in string (use \\\\ for a backslash)"),
                 false;
        }
        i_ += 2;
        continue;
      }
      if (c < 0x20) {
        if (c == '\n' || c == '\r') {
          return fail(open, i_, "unterminated string: a line break inside a string must be written \\n"), false;
        }
        return fail(i_, i_ + 1, describe(i_) + " inside a string must be escaped"), false;
      }
      size_t len = utf8_length(s_, i_);
      if (len == 0) return fail(i_, i_ + 1, describe(i_) + " in string"), false;
      i_ += len;
    }
    return fail(open, s_.size(), "unterminated string: no closing double quote before the end of file"), false;
  }

  bool array(uint32_t depth) {
    ++i_;
    skip_ws();
    if (error_) return false;
    if (i_ < s_.size() && s_[i_] == ']') {
      ++i_;
      return true;
    }
    while (true) {
      if (!value(depth + 1)) return false;
      skip_ws();
      if (error_) return false;
      if (i_ >= s_.size())
        return fail(i_, i_, "unexpected end of file: expected ',' or ']' after an array element"), false;
      if (s_[i_] == ']') {
        ++i_;
        return true;
      }
      if (s_[i_] != ',') {
        std::string msg = "expected ',' or ']' after an array element, found " + describe(i_);
        if (s_[i_] == '"' || s_[i_] == '{' || s_[i_] == '[') msg += " (missing comma?)";
        return fail(i_, token_end(i_), msg), false;
      }
      size_t comma = i_++;
      skip_ws();
      if (error_) return false;
      if (i_ < s_.size() && s_[i_] == ']') {
        return fail(comma, comma + 1, "trailing comma before ']': JSON does not allow a comma after the last element",
                    JsonRepair::TrailingComma),
               false;
      }
    }
  }

  bool object(uint32_t depth) {
    ++i_;
    skip_ws();
    if (error_) return false;
    if (i_ < s_.size() && s_[i_] == '}') {
      ++i_;
      return true;
    }
    while (true) {
      if (i_ >= s_.size())
        return fail(i_, i_, "unexpected end of file: expected a member name in double quotes"), false;
      if (s_[i_] != '"') {
        if (s_[i_] == '\'') {
          return fail(i_, i_ + 1, "member names must be in double quotes, found a single quote"), false;
        }
        if (is_word(s_[i_]) && utf8_length(s_, i_) != 0 && unicode_space(s_, i_) == 0) {
          size_t end = token_end(i_, true);
          return fail(i_, end,
                      "member names must be in double quotes, found " + quoted(s_.substr(i_, end - i_), false)),
                 false;
        }
        return fail(i_, token_end(i_), "expected a member name in double quotes, found " + describe(i_)), false;
      }
      if (!string()) return false;
      skip_ws();
      if (error_) return false;
      if (i_ >= s_.size() || s_[i_] != ':') {
        return fail(i_, token_end(i_), "expected ':' after the member name, found " + describe(i_)), false;
      }
      ++i_;
      skip_ws();
      if (error_) return false;
      if (!value(depth + 1)) return false;
      skip_ws();
      if (error_) return false;
      if (i_ >= s_.size())
        return fail(i_, i_, "unexpected end of file: expected ',' or '}' after an object member"), false;
      if (s_[i_] == '}') {
        ++i_;
        return true;
      }
      if (s_[i_] != ',') {
        std::string msg = "expected ',' or '}' after an object member, found " + describe(i_);
        if (s_[i_] == '"') msg += " (missing comma?)";
        return fail(i_, token_end(i_), msg), false;
      }
      size_t comma = i_++;
      skip_ws();
      if (error_) return false;
      if (i_ < s_.size() && s_[i_] == '}') {
        return fail(comma, comma + 1, "trailing comma before '}': JSON does not allow a comma after the last member",
                    JsonRepair::TrailingComma),
               false;
      }
    }
  }
};

}  // namespace

JsonError diagnose_json(std::string_view text, uint32_t start) {
  // Invalid UTF-8 outside strings is caught by describe(); inside strings by string().
  Scanner scanner(text, start);
  if (auto error = scanner.run()) return *error;
  return JsonError{start, start, "malformed JSON"};
}

}  // namespace sagelint::input
