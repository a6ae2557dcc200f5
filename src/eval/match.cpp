#include "eval/match.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "eval/eval.hpp"
#include "text/text.hpp"

namespace sagelint::eval::detail {

void append_literal(Glob& out, std::string_view text) {
  for (char c : text) out.push_back(static_cast<GlobChar>(static_cast<unsigned char>(c)));
}

namespace {

// '?' stands for one character, and a character of a UTF-8 string can be several bytes.
size_t char_len(std::string_view s, size_t j) {
  const auto c = static_cast<unsigned char>(s[j]);
  size_t n = 1;
  if (c >= 0xF0) {
    n = 4;
  } else if (c >= 0xE0) {
    n = 3;
  } else if (c >= 0xC0) {
    n = 2;
  }
  return n < s.size() - j ? n : s.size() - j;
}

bool glob_match(const GlobChar* p, size_t n, std::string_view s, bool fold_case) {
  size_t i = 0;
  size_t j = 0;
  size_t star = SIZE_MAX;
  size_t mark = 0;
  while (j < s.size()) {
    if (i < n && p[i] == kStar) {
      star = i++;
      mark = j;
      continue;
    }
    if (i < n) {
      if (p[i] == kQuestion) {
        ++i;
        j += char_len(s, j);
        continue;
      }
      const char pc = static_cast<char>(p[i]);
      if (pc == s[j] || (fold_case && text::lower(pc) == text::lower(s[j]))) {
        ++i;
        ++j;
        continue;
      }
    }
    if (star == SIZE_MAX) return false;
    i = star + 1;
    mark += char_len(s, mark);
    j = mark;
  }
  while (i < n && p[i] == kStar) ++i;
  return i == n;
}

}  // namespace

bool glob_match(const Glob& pattern, std::string_view text, bool fold_case) {
  return glob_match(pattern.data(), pattern.size(), text, fold_case);
}

bool has_wildcard(const Glob& pattern) {
  for (GlobChar c : pattern) {
    if (c < 0) return true;
  }
  return false;
}

std::string glob_text(const Glob& pattern) {
  std::string out;
  out.reserve(pattern.size());
  for (GlobChar c : pattern) {
    if (c == kStar) {
      out += '*';
    } else if (c == kQuestion) {
      out += '?';
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

bool arn_match(const Glob& pattern, std::string_view arn) {
  std::array<size_t, 5> pcol{};
  size_t np = 0;
  for (size_t i = 0; i < pattern.size() && np < 5; ++i) {
    if (pattern[i] == ':') pcol[np++] = i;
  }
  if (np < 5) return glob_match(pattern, arn, false);
  std::array<size_t, 5> acol{};
  size_t na = 0;
  for (size_t j = 0; j < arn.size() && na < 5; ++j) {
    if (arn[j] == ':') acol[na++] = j;
  }
  if (na < 5) return false;
  size_t pstart = 0;
  size_t astart = 0;
  for (size_t k = 0; k < 6; ++k) {
    const size_t pend = k < 5 ? pcol[k] : pattern.size();
    const size_t aend = k < 5 ? acol[k] : arn.size();
    if (!glob_match(pattern.data() + pstart, pend - pstart, arn.substr(astart, aend - astart), false)) return false;
    pstart = pend + 1;
    astart = aend + 1;
  }
  return true;
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

size_t after_fifth_colon(std::string_view raw) {
  size_t pos = 0;
  for (int i = 0; i < 5; ++i) {
    pos = raw.find(':', pos);
    if (pos == std::string_view::npos) return std::string_view::npos;
    ++pos;
  }
  return pos;
}

Template compile_template(std::string_view raw, bool wildcards, bool variables, size_t variables_from) {
  Template t;
  std::string text;
  auto flush = [&] {
    if (text.empty()) return;
    Piece p;
    p.text = std::move(text);
    t.pieces.push_back(std::move(p));
    text.clear();
  };
  size_t i = 0;
  while (i < raw.size()) {
    const char c = raw[i];
    if (wildcards && (c == '*' || c == '?')) {
      flush();
      Piece p;
      p.kind = c == '*' ? Piece::Kind::Star : Piece::Kind::Question;
      t.pieces.push_back(std::move(p));
      ++i;
      continue;
    }
    if (variables && i >= variables_from && c == '$' && i + 1 < raw.size() && raw[i + 1] == '{') {
      const size_t close = raw.find('}', i + 2);
      if (close != std::string_view::npos) {
        const std::string_view inner = raw.substr(i + 2, close - i - 2);
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
        // ("Special characters"): ${*}, ${?} and ${$} stand for the literal character.
        if (inner == "*" || inner == "?" || inner == "$") {
          text += inner[0];
          i = close + 1;
          continue;
        }
        // "Specifying default values": ${key, 'default'}.
        Piece p;
        p.kind = Piece::Kind::Variable;
        const size_t comma = inner.find(',');
        const std::string_view name = trim(inner.substr(0, comma));
        if (comma != std::string_view::npos) {
          const std::string_view rest = trim(inner.substr(comma + 1));
          if (rest.size() >= 2 && rest.front() == '\'' && rest.back() == '\'') {
            p.fallback = std::string(rest.substr(1, rest.size() - 2));
            p.has_fallback = true;
          }
        }
        if (!name.empty()) {
          flush();
          p.text = text::lower(name);
          t.pieces.push_back(std::move(p));
          t.has_variables = true;
          i = close + 1;
          continue;
        }
      }
    }
    text += c;
    ++i;
  }
  flush();
  if (!t.has_variables) {
    for (const Piece& p : t.pieces) {
      if (p.kind == Piece::Kind::Star) {
        t.flat.push_back(kStar);
      } else if (p.kind == Piece::Kind::Question) {
        t.flat.push_back(kQuestion);
      } else {
        append_literal(t.flat, p.text);
      }
    }
  }
  return t;
}

namespace {

bool resolve(const Template& tpl, const Context& context, Glob& out, bool widen) {
  if (!tpl.has_variables) {
    out = tpl.flat;
    return true;
  }
  out.clear();
  for (const Piece& p : tpl.pieces) {
    switch (p.kind) {
      case Piece::Kind::Text:
        append_literal(out, p.text);
        break;
      case Piece::Kind::Star:
        out.push_back(kStar);
        break;
      case Piece::Kind::Question:
        out.push_back(kQuestion);
        break;
      case Piece::Kind::Variable: {
        // A multivalued key cannot be a policy variable (reference_policies_condition-single-vs-
        // multi-valued-context-keys, "Key points"); neither can a key the request leaves out.
        const std::vector<std::string>* v = p.multivalued ? nullptr : context.find_lower(p.text);
        if (v != nullptr && v->size() == 1) {
          append_literal(out, (*v)[0]);
        } else if (p.has_fallback) {
          append_literal(out, p.fallback);
        } else if (widen) {
          out.push_back(kStar);
        } else {
          return false;
        }
        break;
      }
    }
  }
  return true;
}

}  // namespace

bool resolve(const Template& tpl, const Context& context, Glob& out) { return resolve(tpl, context, out, false); }

void resolve_widened(const Template& tpl, const Context& context, Glob& out) { resolve(tpl, context, out, true); }

void template_variables(const Template& tpl, std::vector<std::string>& out) {
  for (const Piece& p : tpl.pieces) {
    if (p.kind == Piece::Kind::Variable) out.push_back(p.text);
  }
}

std::optional<double> parse_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') {
    text.remove_prefix(1);
    if (text.empty() || text.front() == '-') return std::nullopt;
  }
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

unsigned days_in_month(int64_t y, unsigned m) {
  static constexpr std::array<unsigned, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return (m == 2 && leap) ? 29 : kDays[m - 1];
}

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<int64_t> parse_date(std::string_view s) {
  if (s.empty()) return std::nullopt;
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
  // ("Date condition operators"): W3C ISO 8601 dates, or epoch (UNIX) time.
  {
    std::string_view n = s;
    const bool negative = n.front() == '-';
    if (negative) n.remove_prefix(1);
    bool all_digits = !n.empty() && n.size() <= 15;
    for (char c : n) all_digits = all_digits && c >= '0' && c <= '9';
    if (all_digits) {
      int64_t v = 0;
      for (char c : n) v = v * 10 + (c - '0');
      return (negative ? -v : v) * 1000;
    }
  }
  int year = 0;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int64_t millis = 0;
  int64_t offset_min = 0;
  if (!digits(s, 0, 4, year)) return std::nullopt;
  size_t pos = 4;
  if (pos < s.size()) {
    if (s[pos] != '-' || !digits(s, pos + 1, 2, month)) return std::nullopt;
    pos += 3;
  }
  if (pos < s.size()) {
    if (s[pos] != '-' || !digits(s, pos + 1, 2, day)) return std::nullopt;
    pos += 3;
  }
  if (pos < s.size()) {
    if ((s[pos] != 'T' && s[pos] != 't') || !digits(s, pos + 1, 2, hour) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !digits(s, pos + 4, 2, minute)) {
      return std::nullopt;
    }
    pos += 6;
    if (pos < s.size() && s[pos] == ':') {
      if (!digits(s, pos + 1, 2, second)) return std::nullopt;
      pos += 3;
      if (pos < s.size() && s[pos] == '.') {
        ++pos;
        size_t n = 0;
        int64_t scale = 100;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
          millis += (s[pos] - '0') * scale;
          scale /= 10;
          ++pos;
          ++n;
        }
        if (n == 0) return std::nullopt;
      }
    }
    // A time without a zone designator is read as UTC.
    if (pos < s.size()) {
      if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
      } else if (s[pos] == '+' || s[pos] == '-') {
        int oh = 0;
        int om = 0;
        if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' || !digits(s, pos + 4, 2, om) ||
            oh > 23 || om > 59) {
          return std::nullopt;
        }
        offset_min = (s[pos] == '+' ? 1 : -1) * (int64_t{oh} * 60 + om);
        pos += 6;
      } else {
        return std::nullopt;
      }
    }
  }
  if (pos != s.size()) return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || static_cast<unsigned>(day) > days_in_month(year, month) || hour > 23 ||
      minute > 59 || second > 59) {
    return std::nullopt;
  }
  const int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  const int64_t secs = days * 86400 + int64_t{hour} * 3600 + int64_t{minute} * 60 + second - offset_min * 60;
  return secs * 1000 + millis;
}

std::string format_date(int64_t epoch_ms) {
  int64_t secs = epoch_ms / 1000;
  int64_t ms = epoch_ms % 1000;
  if (ms < 0) {
    ms += 1000;
    secs -= 1;
  }
  int64_t days = secs / 86400;
  int64_t rem = secs % 86400;
  if (rem < 0) {
    rem += 86400;
    days -= 1;
  }
  // civil_from_days (H. Hinnant).
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2 ? 1 : 0;
  char buf[48];
  if (ms != 0) {
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ", static_cast<long long>(y), m, d,
                  static_cast<long long>(rem / 3600), static_cast<long long>(rem / 60 % 60),
                  static_cast<long long>(rem % 60), static_cast<long long>(ms));
  } else {
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", static_cast<long long>(y), m, d,
                  static_cast<long long>(rem / 3600), static_cast<long long>(rem / 60 % 60),
                  static_cast<long long>(rem % 60));
  }
  return buf;
}

std::optional<bool> parse_bool(std::string_view text) {
  if (text::ci_equal(text, "true")) return true;
  if (text::ci_equal(text, "false")) return false;
  return std::nullopt;
}

namespace {

bool parse_v4(std::string_view s, uint8_t* out) {
  size_t part = 0;
  size_t i = 0;
  while (part < 4) {
    size_t n = 0;
    int v = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && n < 3) {
      v = v * 10 + (s[i] - '0');
      ++i;
      ++n;
    }
    if (n == 0 || v > 255) return false;
    out[part++] = static_cast<uint8_t>(v);
    if (part < 4) {
      if (i >= s.size() || s[i] != '.') return false;
      ++i;
    }
  }
  return i == s.size();
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool parse_v6(std::string_view s, uint8_t* out) {
  std::array<uint16_t, 8> head{};
  std::array<uint16_t, 8> tail{};
  size_t nhead = 0;
  size_t ntail = 0;
  bool compressed = false;
  size_t i = 0;
  if (s.starts_with("::")) {
    compressed = true;
    i = 2;
  } else if (s.starts_with(":")) {
    return false;
  }
  while (i < s.size()) {
    // An embedded IPv4 address ends the text.
    const size_t next_colon = s.find(':', i);
    const std::string_view token =
        s.substr(i, next_colon == std::string_view::npos ? std::string_view::npos : next_colon - i);
    size_t& count = compressed ? ntail : nhead;
    auto& dst = compressed ? tail : head;
    if (token.find('.') != std::string_view::npos) {
      if (next_colon != std::string_view::npos || nhead + ntail + 2 > 8) return false;
      uint8_t v4[4];
      if (!parse_v4(token, v4)) return false;
      dst[count++] = static_cast<uint16_t>(v4[0] << 8 | v4[1]);
      dst[count++] = static_cast<uint16_t>(v4[2] << 8 | v4[3]);
      i = s.size();
      break;
    }
    if (token.empty() || token.size() > 4) return false;
    uint16_t v = 0;
    for (char c : token) {
      const int h = hex_value(c);
      if (h < 0) return false;
      v = static_cast<uint16_t>(v << 4 | h);
    }
    if (nhead + ntail >= 8) return false;
    dst[count++] = v;
    if (next_colon == std::string_view::npos) {
      i = s.size();
      break;
    }
    i = next_colon + 1;
    if (i < s.size() && s[i] == ':') {
      if (compressed) return false;
      compressed = true;
      ++i;
    } else if (i == s.size()) {
      return false;  // trailing single ':'
    }
  }
  const size_t total = nhead + ntail;
  if (compressed ? total > 7 : total != 8) return false;
  std::array<uint16_t, 8> all{};
  for (size_t k = 0; k < nhead; ++k) all[k] = head[k];
  for (size_t k = 0; k < ntail; ++k) all[8 - ntail + k] = tail[k];
  for (size_t k = 0; k < 8; ++k) {
    out[2 * k] = static_cast<uint8_t>(all[k] >> 8);
    out[2 * k + 1] = static_cast<uint8_t>(all[k] & 0xFF);
  }
  return true;
}

}  // namespace

std::optional<IpNet> parse_ip(std::string_view text, bool allow_prefix) {
  IpNet net;
  std::string_view addr = text;
  int prefix = -1;
  const size_t slash = text.find('/');
  if (slash != std::string_view::npos) {
    if (!allow_prefix) return std::nullopt;
    addr = text.substr(0, slash);
    const std::string_view p = text.substr(slash + 1);
    if (p.empty() || p.size() > 3) return std::nullopt;
    prefix = 0;
    for (char c : p) {
      if (c < '0' || c > '9') return std::nullopt;
      prefix = prefix * 10 + (c - '0');
    }
  }
  if (addr.find(':') != std::string_view::npos) {
    if (!parse_v6(addr, net.bytes.data())) return std::nullopt;
    net.v6 = true;
    if (prefix > 128) return std::nullopt;
    net.prefix = prefix < 0 ? 128 : prefix;
  } else {
    if (!parse_v4(addr, net.bytes.data())) return std::nullopt;
    if (prefix > 32) return std::nullopt;
    net.prefix = prefix < 0 ? 32 : prefix;
  }
  return net;
}

bool ip_in(const IpNet& net, const IpNet& address) {
  if (net.v6 != address.v6) return false;
  int bits = net.prefix;
  for (size_t k = 0; bits > 0; ++k, bits -= 8) {
    const uint8_t mask = bits >= 8 ? 0xFF : static_cast<uint8_t>(0xFF << (8 - bits));
    if ((net.bytes[k] & mask) != (address.bytes[k] & mask)) return false;
  }
  return true;
}

std::string format_ip(const IpNet& address) {
  char buf[64];
  if (!address.v6) {
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", address.bytes[0], address.bytes[1], address.bytes[2],
                  address.bytes[3]);
    return buf;
  }
  std::string out;
  for (size_t k = 0; k < 8; ++k) {
    if (k != 0) out += ':';
    std::snprintf(buf, sizeof buf, "%x", static_cast<unsigned>(address.bytes[2 * k] << 8 | address.bytes[2 * k + 1]));
    out += buf;
  }
  return out;
}

}  // namespace sagelint::eval::detail
