#include "report/escape.hpp"

#include <cstdio>

namespace sagelint::report {
namespace {

// Length of the well-formed UTF-8 sequence at `i` and its code point; 0 when it is not one
// (stray continuation byte, truncated, overlong, surrogate, past U+10FFFF).
size_t decode(std::string_view s, size_t i, uint32_t& cp) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (size_t k = 1; k < len; ++k) {
    unsigned char b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

void append_code(std::string& out, uint32_t cp) {
  char buf[16];
  if (cp <= 0xFFFF)
    std::snprintf(buf, sizeof buf, "\\u%04X", cp);
  else
    std::snprintf(buf, sizeof buf, "\\u{%X}", cp);
  out += buf;
}

}  // namespace

bool is_hidden_code_point(uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)            // C0, DEL, C1
         || cp == 0x00AD || cp == 0x061C || cp == 0x180E    // soft hyphen, Arabic letter mark, Mongolian vowel sep.
         || (cp >= 0x200B && cp <= 0x200F)                  // zero-width spaces and joiners, LRM, RLM
         || (cp >= 0x2028 && cp <= 0x202E)                  // line and paragraph separators, LRE ... RLO
         || (cp >= 0x2060 && cp <= 0x206F)                  // word joiner, invisible operators, LRI ... PDI
         || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB)  // BOM / ZWNBSP, interlinear annotations
         || (cp >= 0xE0000 && cp <= 0xE007F);               // tag characters
}

std::string escape_text(std::string_view text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    if (c < 0x80) {
      if (c == '\n' && keep_newlines)
        out += '\n';
      else if (c == '\n')
        out += "\\n";
      else if (c == '\r')
        out += "\\r";
      else if (c == '\t')
        out += "\\t";
      else
        append_code(out, c);
      ++i;
      continue;
    }
    uint32_t cp = 0;
    size_t len = decode(text, i, cp);
    if (len == 0) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
      ++i;
    } else if (is_hidden_code_point(cp)) {
      append_code(out, cp);
      i += len;
    } else {
      out.append(text.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::string github_data(std::string_view text) {
  std::string out;
  for (char c : escape_text(text)) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out += c;
  }
  return out;
}

std::string github_property(std::string_view text) {
  std::string out;
  for (char c : github_data(text)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

}  // namespace sagelint::report
