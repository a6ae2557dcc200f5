#include "rules/support/arn_placeholders.hpp"

#include <algorithm>

namespace sagelint::rules::arn {

using text::is_alpha;
using text::is_digit;

namespace {

// Names made of words only (letters, digits, '_', '-', ' ') with "arn" as one of the words,
// also in camel case ("RoleArn"), but not inside one ("learning").
bool has_word_arn(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!is_alpha(c) && !is_digit(c) && c != '_' && c != '-' && c != ' ') return false;
  }
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !is_alpha(text[i]) && !is_digit(text[i])) ++i;
    size_t b = i++;
    while (i < text.size() && (is_alpha(text[i]) || is_digit(text[i])) &&
           !(text[i] >= 'A' && text[i] <= 'Z' && text[i - 1] >= 'a' && text[i - 1] <= 'z')) {
      ++i;
    }
    std::string_view w = text.substr(b, i - b);
    if (w.size() == 3 && text::lower(w[0]) == 'a' && text::lower(w[1]) == 'r' && text::lower(w[2]) == 'n') return true;
  }
  return false;
}

bool contains_ci(std::string_view text, std::string_view needle) {
  if (needle.size() > text.size()) return false;
  for (size_t i = 0; i + needle.size() <= text.size(); ++i) {
    bool same = true;
    for (size_t k = 0; k < needle.size() && same; ++k) same = text::lower(text[i + k]) == needle[k];
    if (same) return true;
  }
  return false;
}

// Decodes one UTF-8 sequence at `i`; returns the code point and advances `i`. Invalid bytes
// decode as themselves so a stray byte is still reported rather than skipped.
uint32_t next_code_point(std::string_view s, size_t& i) {
  auto b = static_cast<unsigned char>(s[i]);
  size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
  if (i + len > s.size()) len = 1;
  uint32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

bool allowed_code_point(uint32_t cp) { return cp == 0x09 || cp == 0x0A || cp == 0x0D || (cp >= 0x20 && cp <= 0xFF); }

}  // namespace

size_t first_forbidden_char(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    size_t at = i;
    if (!allowed_code_point(next_code_point(text, i))) return at;
  }
  return std::string_view::npos;
}

std::vector<Placeholder> find_placeholders(std::string_view text, bool arn_expected) {
  std::vector<Placeholder> out;
  // Most values are plain ASCII ARNs: only the Region/account words can be placeholders there.
  // (A plain loop: find_first_of("<{") calls memchr once per character.)
  bool has_bracket = false;
  bool has_high = false;
  for (char c : text) {
    has_bracket = has_bracket || c == '<' || c == '{';
    has_high = has_high || (static_cast<unsigned char>(c) & 0x80) != 0;
  }
  const bool plain = !has_bracket && !has_high;
  if (plain && !arn_expected && !text.starts_with("arn:")) return out;
  // Allocated by the first placeholder: most values have none.
  std::vector<bool> covered;
  auto is_covered = [&](size_t i) { return !covered.empty() && covered[i]; };
  auto add = [&](size_t b, size_t e, bool non_latin1) {
    out.push_back({b, e, kResource, non_latin1});
    if (covered.empty()) covered.assign(text.size(), false);
    std::fill(covered.begin() + static_cast<std::ptrdiff_t>(b), covered.begin() + static_cast<std::ptrdiff_t>(e), true);
  };
  auto bracketed = [&](char open, char close) {
    if (!has_bracket) return;
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] != open || is_covered(i)) continue;
      if (open == '{' && i > 0 && text[i - 1] == '$') continue;  // a policy variable
      bool doubled = open == '{' && i + 1 < text.size() && text[i + 1] == '{';
      size_t inner = i + (doubled ? 2 : 1);
      size_t e = text.find(close, inner);
      if (e == std::string_view::npos || e == inner || e - inner > 120) continue;
      std::string_view body = text.substr(inner, e - inner);
      if (body.find_first_of("{}<>\"$") != std::string_view::npos) continue;
      size_t end = e + 1;
      if (doubled && end < text.size() && text[end] == '}') ++end;
      add(i, end, first_forbidden_char(text.substr(i, end - i)) != std::string_view::npos);
      i = end - 1;
    }
  };
  bracketed('<', '>');
  bracketed('{', '}');
  // Free text outside IAM's character set (e.g. Japanese) where a name was meant: the run of
  // such characters together with adjacent letters, digits, spaces and underscores.
  for (size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte < 0x80) {  // printable ASCII, nearly every byte: always allowed
      ++i;
      continue;
    }
    size_t at = i;
    uint32_t cp = next_code_point(text, i);
    if (is_covered(at) || allowed_code_point(cp)) continue;
    auto word = [&](size_t k) {
      return is_alpha(text[k]) || is_digit(text[k]) || text[k] == ' ' || text[k] == '_' ||
             (static_cast<unsigned char>(text[k]) & 0x80) != 0;
    };
    size_t b = at;
    while (b > 0 && word(b - 1) && !is_covered(b - 1)) --b;
    size_t e = i;
    while (e < text.size() && word(e) && !is_covered(e)) ++e;
    while (b < at && text[b] == ' ') ++b;
    while (e > i && text[e - 1] == ' ') --e;
    add(b, e, true);
    i = e;
  }
  Parts parts = split(text);
  const bool is_arn = parts.count == kFieldCount && parts.field[kPrefix] == "arn";
  // A whole value that describes the ARN it stands for: "your_KMS_key_ARN", "execution-role-arn".
  if (arn_expected && out.empty() && !text.starts_with("arn:") && has_word_arn(text)) add(0, text.size(), false);
  if (is_arn) {
    // Documentation words left in the Region or account field: "region", "account-id".
    auto field_word = [&](Field f, auto&& looks_like_placeholder) {
      std::string_view v = parts.field[f];
      if (v.empty() || has_variable(v) || is_covered(parts.at[f])) return;
      if (looks_like_placeholder(v)) add(parts.at[f], parts.at[f] + v.size(), false);
    };
    field_word(kPartition, [](std::string_view v) { return contains_ci(v, "partition"); });
    field_word(kRegion, [](std::string_view v) { return contains_ci(v, "region"); });
    field_word(kAccount, [](std::string_view v) {
      if (v == "aws" || !std::any_of(v.begin(), v.end(), is_alpha)) return false;
      return contains_ci(v, "acc") || contains_ci(v, "id") ||
             std::all_of(v.begin(), v.end(), [](char c) { return c == 'x' || c == 'X' || c == '-'; });
    });
  }
  for (auto& p : out) {
    if (!is_arn) continue;
    for (int f = kResource; f >= kPrefix; --f) {
      if (p.begin >= parts.at[f]) {
        p.field = static_cast<Field>(f);
        break;
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const Placeholder& a, const Placeholder& b) { return a.begin < b.begin; });
  return out;
}

std::string wildcard_placeholders(std::string_view text, const std::vector<Placeholder>& placeholders) {
  std::string out;
  size_t at = 0;
  for (const auto& p : placeholders) {
    out.append(text.substr(at, p.begin - at)).append("*");
    at = p.end;
  }
  out.append(text.substr(at));
  return out;
}

bool is_template_reference(std::string_view name) {
  return name.starts_with("AWS::") || name.starts_with("Fn::") || name.find(':') == std::string_view::npos;
}

std::string mask_template_references(std::string_view text, std::string_view stand_in) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    size_t at = text.find("${", i);
    size_t close = at == std::string_view::npos ? at : text.find('}', at + 2);
    if (close == std::string_view::npos) break;
    out.append(text.substr(i, at - i));
    std::string_view inner = text.substr(at + 2, close - at - 2);
    if (is_template_reference(inner)) {
      out.append(stand_in);
    } else {
      out.append(text.substr(at, close + 1 - at));
    }
    i = close + 1;
  }
  out.append(text.substr(std::min(i, text.size())));
  return out;
}

}  // namespace sagelint::rules::arn
