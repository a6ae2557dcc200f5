#include "input/json_diagnose.hpp"

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

class Scanner {
 public:
  Scanner(std::string_view text, uint32_t start) : s_(text), i_(start) {}

  std::optional<JsonError> run() {
    skip_ws();
    if (error_) return error_;
    if (i_ >= s_.size()) return fail(i_, i_, "empty file: expected a JSON object");
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

  std::optional<JsonError> fail(size_t at, size_t end, std::string message) {
    if (!error_) {
      error_ = JsonError{static_cast<uint32_t>(at), static_cast<uint32_t>(end < at ? at : end), std::move(message)};
    }
    return error_;
  }

  size_t token_end(size_t at) const {
    if (at >= s_.size()) return at;
    if (!is_word(s_[at])) {
      size_t len = utf8_length(s_, at);
      return at + (len == 0 ? 1 : len);
    }
    size_t e = at;
    while (e < s_.size() && is_word(s_[e])) ++e;
    return e;
  }

  std::string describe(size_t at) const {
    if (at >= s_.size()) return "end of file";
    unsigned char c = static_cast<unsigned char>(s_[at]);
    if (c == 0) return "NUL byte (is this a binary file?)";
    if (c < 0x20) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "control character U+%04X", c);
      return buf;
    }
    if (is_word(s_[at])) {
      std::string_view word = s_.substr(at, token_end(at) - at);
      if (word.size() > 40) return "'" + std::string(word.substr(0, 40)) + "...'";
      return "'" + std::string(word) + "'";
    }
    size_t len = utf8_length(s_, at);
    if (len == 0) {
      char buf[40];
      std::snprintf(buf, sizeof buf, "invalid UTF-8 byte 0x%02X", c);
      return buf;
    }
    return "'" + std::string(s_.substr(at, len)) + "'";
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
        return fail(at, close + 1,
                    "unquoted placeholder " + text +
                        ": it looks like a value that was never filled in; replace it with the real value in "
                        "double quotes") ,
               false;
      }
    }
    if (c == '\'') {
      return fail(at, at + 1, "strings must be in double quotes, found a single quote"), false;
    }
    if (is_word(c) && !(c >= '0' && c <= '9') && c != '-') {
      return fail(at, token_end(at),
                  "unquoted text " + describe(at) + ": strings must be in double quotes (true, false and null are "
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
      case '{': return object(depth);
      case '[': return array(depth);
      case '"': return string();
      case 't': return literal("true");
      case 'f': return literal("false");
      case 'n': return literal("null");
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
      return fail(begin, token_end(begin), "invalid number " + describe(begin)), false;
    }
    return true;
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
          for (size_t k = 2; k < 6; ++k) {
            if (i_ + k >= s_.size() || !std::isxdigit(static_cast<unsigned char>(s_[i_ + k]))) {
              return fail(i_, i_ + 2, "invalid \\u escape: expected four hexadecimal digits"), false;
            }
          }
          i_ += 6;
          continue;
        }
        if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
          return fail(i_, i_ + 2,
                      "invalid escape \\" + std::string(1, e) + " in string (use \\\\ for a backslash)"),
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
      if (i_ >= s_.size()) return fail(i_, i_, "unexpected end of file: expected ',' or ']' after an array element"), false;
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
        return fail(comma, comma + 1, "trailing comma before ']': JSON does not allow a comma after the last element"),
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
      if (i_ >= s_.size()) return fail(i_, i_, "unexpected end of file: expected a member name in double quotes"), false;
      if (s_[i_] != '"') {
        if (is_word(s_[i_]) || s_[i_] == '\'') {
          return fail(i_, token_end(i_),
                      "member names must be in double quotes, found " + describe(i_)),
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
      if (i_ >= s_.size()) return fail(i_, i_, "unexpected end of file: expected ',' or '}' after an object member"), false;
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
        return fail(comma, comma + 1, "trailing comma before '}': JSON does not allow a comma after the last member"),
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
