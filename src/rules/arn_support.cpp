#include "rules/arn_support.hpp"

#include <algorithm>
#include <array>

namespace sagelint::rules::arn {

namespace {

char lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

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
    if (w.size() == 3 && lower_ascii(w[0]) == 'a' && lower_ascii(w[1]) == 'r' && lower_ascii(w[2]) == 'n') return true;
  }
  return false;
}

bool contains_ci(std::string_view text, std::string_view needle) {
  if (needle.size() > text.size()) return false;
  for (size_t i = 0; i + needle.size() <= text.size(); ++i) {
    bool same = true;
    for (size_t k = 0; k < needle.size() && same; ++k) same = lower_ascii(text[i + k]) == needle[k];
    if (same) return true;
  }
  return false;
}

// End of the ${...} starting at `at` (index one past '}'), or npos when it never closes.
size_t variable_end(std::string_view text, size_t at) {
  size_t close = text.find('}', at + 2);
  return close == std::string_view::npos ? close : close + 1;
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

// --- pattern / format intersection -------------------------------------------------------

enum class PKind : uint8_t { Lit, Any, One };
struct PTok {
  PKind kind;
  char ch;
};

enum class VarClass : uint8_t { Any, NoColon, NoSlashColon };
struct FTok {
  bool var;
  char ch;
  VarClass cls;
};

// What one ${Name} of an ARN format can stand for: a field before the resource part never holds
// a colon; a bucket name never holds '/' either, which is what tells a bucket ARN from an object
// ARN. Other resource names may hold anything (RDS snapshots made by AWS Backup are called
// "awsbackup:job-...").
VarClass var_class(std::string_view name, int colons_before) {
  if (colons_before < 5) return VarClass::NoColon;
  if (name == "BucketName") return VarClass::NoSlashColon;
  return VarClass::Any;
}

std::vector<PTok> tokenize_pattern(std::string_view p) {
  std::vector<PTok> out;
  out.reserve(p.size());
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '$' && i + 1 < p.size() && p[i + 1] == '{') {
      size_t end = variable_end(p, i);
      if (end != std::string_view::npos) {
        std::string_view inner = p.substr(i + 2, end - i - 3);
        // ${*} ${?} ${$} stand for the literal character; any other variable for some text.
        if (inner == "*" || inner == "?" || inner == "$") {
          out.push_back({PKind::Lit, inner[0]});
        } else if (out.empty() || out.back().kind != PKind::Any) {
          out.push_back({PKind::Any, 0});
        }
        i = end - 1;
        continue;
      }
    }
    if (c == '*') {
      if (out.empty() || out.back().kind != PKind::Any) out.push_back({PKind::Any, 0});
    } else if (c == '?') {
      out.push_back({PKind::One, 0});
    } else {
      out.push_back({PKind::Lit, lower_ascii(c)});
    }
  }
  return out;
}

std::vector<FTok> tokenize_format(std::string_view f, int colons_before) {
  std::vector<FTok> out;
  out.reserve(f.size());
  int colons = colons_before;
  for (size_t i = 0; i < f.size(); ++i) {
    char c = f[i];
    if (c == '$' && i + 1 < f.size() && f[i + 1] == '{') {
      size_t end = variable_end(f, i);
      if (end != std::string_view::npos) {
        std::string_view name = f.substr(i + 2, end - i - 3);
        out.push_back({true, 0, var_class(name, colons)});
        i = end - 1;
        continue;
      }
    }
    if (c == ':') ++colons;
    // A few formats spell "any" as a literal '*' (dms "task:*").
    if (c == '*') {
      out.push_back({true, 0, colons < 5 ? VarClass::NoColon : VarClass::Any});
      continue;
    }
    out.push_back({false, lower_ascii(c), VarClass::Any});
  }
  return out;
}

bool class_allows(VarClass cls, char c) {
  switch (cls) {
    case VarClass::Any:
      return true;
    case VarClass::NoColon:
      return c != ':';
    case VarClass::NoSlashColon:
      return c != ':' && c != '/';
  }
  return true;
}

}  // namespace

Parts split(std::string_view text) {
  Parts parts;
  size_t start = 0;
  size_t field = 0;
  for (size_t i = 0; i < text.size() && field < kResource; ++i) {
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      size_t end = variable_end(text, i);
      if (end == std::string_view::npos) break;
      i = end - 1;
      continue;
    }
    if (text[i] == ':') {
      parts.field[field] = text.substr(start, i - start);
      parts.at[field] = start;
      ++field;
      start = i + 1;
    }
  }
  parts.field[field] = text.substr(start);
  parts.at[field] = start;
  parts.count = field + 1;
  return parts;
}

// A plain loop: string_view::find_first_of calls memchr once per character, and this runs on
// every action and resource of every statement.
bool has_wildcard(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c == '*' || c == '?'; });
}
bool has_variable(std::string_view text) { return text.find("${") != std::string_view::npos; }

bool is_known_partition(std::string_view partition) {
  static constexpr std::array<std::string_view, 8> kPartitions = {"aws",       "aws-cn",    "aws-us-gov", "aws-iso",
                                                                  "aws-iso-b", "aws-iso-e", "aws-iso-f",  "aws-eusc"};
  if (has_wildcard(partition)) {
    return std::any_of(kPartitions.begin(), kPartitions.end(),
                       [&](std::string_view p) { return catalog::wildcard_match(partition, p); });
  }
  return std::find(kPartitions.begin(), kPartitions.end(), partition) != kPartitions.end();
}

bool is_region_code(std::string_view region) {
  // area (2-4 letters), one or more words, then a number: us-east-1, us-gov-west-1, eusc-de-east-1.
  size_t i = 0;
  while (i < region.size() && region[i] >= 'a' && region[i] <= 'z') ++i;
  if (i < 2 || i > 4 || i == region.size() || region[i] != '-') return false;
  size_t words = 0;
  while (i < region.size() && region[i] == '-') {
    size_t j = i + 1;
    while (j < region.size() && region[j] >= 'a' && region[j] <= 'z') ++j;
    if (j == i + 1) break;
    ++words;
    i = j;
  }
  if (words == 0 || i >= region.size() || region[i] != '-') return false;
  size_t digits = region.size() - i - 1;
  if (digits < 1 || digits > 2) return false;
  return std::all_of(region.begin() + static_cast<std::ptrdiff_t>(i) + 1, region.end(), is_digit);
}

bool is_account_pattern(std::string_view account) {
  if (account.empty()) return false;
  if (!has_wildcard(account)) return account.size() == 12 && std::all_of(account.begin(), account.end(), is_digit);
  if (!std::all_of(account.begin(), account.end(), [](char c) { return is_digit(c) || c == '*' || c == '?'; })) {
    return false;
  }
  size_t fixed = static_cast<size_t>(std::count_if(account.begin(), account.end(), [](char c) { return c != '*'; }));
  bool star = account.find('*') != std::string_view::npos;
  return star ? fixed <= 12 : fixed == 12;
}

bool is_example_account(std::string_view account) {
  if (account.size() != 12 || !std::all_of(account.begin(), account.end(), is_digit)) return false;
  if (std::all_of(account.begin(), account.end(), [&](char c) { return c == account[0]; })) return true;
  static constexpr std::array<std::string_view, 7> kExamples = {
      "123456789012", "012345678901", "012345678910", "111122223333", "444455556666", "777788889999", "210987654321"};
  return std::find(kExamples.begin(), kExamples.end(), account) != kExamples.end();
}

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
  const bool plain =
      text.find_first_of("<{") == std::string_view::npos &&
      std::none_of(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0x80) != 0; });
  if (plain && !arn_expected && !text.starts_with("arn:")) return out;
  std::vector<bool> covered(text.size(), false);
  auto add = [&](size_t b, size_t e, bool non_latin1) {
    out.push_back({b, e, kResource, non_latin1});
    std::fill(covered.begin() + static_cast<std::ptrdiff_t>(b), covered.begin() + static_cast<std::ptrdiff_t>(e), true);
  };
  auto bracketed = [&](char open, char close) {
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] != open || covered[i]) continue;
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
    size_t at = i;
    uint32_t cp = next_code_point(text, i);
    if (covered[at] || allowed_code_point(cp)) continue;
    auto word = [&](size_t k) {
      return is_alpha(text[k]) || is_digit(text[k]) || text[k] == ' ' || text[k] == '_' ||
             (static_cast<unsigned char>(text[k]) & 0x80) != 0;
    };
    size_t b = at;
    while (b > 0 && word(b - 1) && !covered[b - 1]) --b;
    size_t e = i;
    while (e < text.size() && word(e) && !covered[e]) ++e;
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
      if (v.empty() || has_variable(v) || covered[parts.at[f]]) return;
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

namespace {

// Does some text match both the IAM pattern and the format? `colons_before` says where the
// format text sits in an ARN (variables before the resource part hold no colon).
struct State {
  size_t i, j;
  bool v;
};

bool glob_intersects(std::string_view pattern, std::string_view format, int colons_before) {
  const std::vector<PTok> p = tokenize_pattern(pattern);
  const std::vector<FTok> f = tokenize_format(format, colons_before);
  const size_t np = p.size();
  const size_t nf = f.size();
  // State (i, j, in_var): position in the pattern, in the format, and whether the variable at
  // f[j] has already taken at least one character. Depth-first search over the product. The
  // buffers are reused across calls: a policy run makes thousands of these small searches.
  auto index = [&](size_t i, size_t j, bool v) { return ((i * (nf + 1)) + j) * 2 + (v ? 1 : 0); };
  thread_local std::vector<uint8_t> seen;
  thread_local std::vector<State> stack;
  seen.assign((np + 1) * (nf + 1) * 2, 0);
  stack.clear();
  stack.push_back({0, 0, false});
  while (!stack.empty()) {
    State s = stack.back();
    stack.pop_back();
    size_t id = index(s.i, s.j, s.v);
    if (seen[id]) continue;
    seen[id] = 1;
    if (s.i == np && s.j == nf) return true;
    if (s.i < np && p[s.i].kind == PKind::Any) stack.push_back({s.i + 1, s.j, s.v});
    if (s.j < nf && f[s.j].var && s.v) stack.push_back({s.i, s.j + 1, false});
    if (s.i == np || s.j == nf) continue;
    const PTok& pt = p[s.i];
    const FTok& ft = f[s.j];
    bool ok;
    if (pt.kind == PKind::Lit) {
      ok = ft.var ? class_allows(ft.cls, pt.ch) : ft.ch == pt.ch;
    } else {
      ok = true;
    }
    if (!ok) continue;
    size_t ni = pt.kind == PKind::Any ? s.i : s.i + 1;
    if (ft.var) {
      stack.push_back({ni, s.j, true});
    } else {
      stack.push_back({ni, s.j + 1, false});
    }
  }
  return false;
}

// The text before the first wildcard or variable of a pattern and of a format must agree as far
// as both go (case-insensitively), or nothing matches both.
bool literal_starts_agree(std::string_view pattern, std::string_view format) {
  size_t lp = std::min(pattern.find_first_of("*?$"), pattern.size());
  size_t lf = std::min(std::min(format.find("${"), format.find('*')), format.size());
  size_t n = std::min(lp, lf);
  for (size_t i = 0; i < n; ++i) {
    if (lower_ascii(pattern[i]) != lower_ascii(format[i])) return false;
  }
  return true;
}

}  // namespace

bool fits_format(std::string_view pattern, std::string_view arn_format) {
  return glob_intersects(pattern, arn_format, 0);
}

bool fits_format_by_field(std::string_view pattern, std::string_view arn_format) {
  Parts p = split(pattern);
  Parts f = split(arn_format);
  if (p.count != kFieldCount || f.count != kFieldCount) return fits_format(pattern, arn_format);
  // Cheap test first: the literal starts of the resource parts ("cluster/", "training-job/") must
  // agree, which rules out almost every other type of the service without the full match.
  if (!literal_starts_agree(p.field[kResource], f.field[kResource])) return false;
  for (int i = kPartition; i < kResource; ++i) {
    if (!glob_intersects(p.field[i], f.field[i], 0)) return false;
  }
  return glob_intersects(p.field[kResource], f.field[kResource], 5);
}

std::string_view variable_at(std::string_view text, size_t at, size_t at_end, std::string_view arn_format,
                             bool* whole) {
  // The format as literal runs and named variables.
  struct Piece {
    bool var;
    std::string_view text;  // literal text, or the variable name
    VarClass cls;
  };
  std::vector<Piece> pieces;
  int colons = 0;
  for (size_t i = 0; i < arn_format.size();) {
    if (arn_format.compare(i, 2, "${") == 0) {
      size_t end = variable_end(arn_format, i);
      if (end == std::string_view::npos) return {};
      std::string_view name = arn_format.substr(i + 2, end - i - 3);
      pieces.push_back({true, name, var_class(name, colons)});
      i = end;
    } else {
      size_t next = arn_format.find("${", i);
      if (next == std::string_view::npos) next = arn_format.size();
      std::string_view lit = arn_format.substr(i, next - i);
      colons += static_cast<int>(std::count(lit.begin(), lit.end(), ':'));
      pieces.push_back({false, lit, VarClass::Any});
      i = next;
    }
  }
  // Backtracking with a failure memo: formats have a handful of pieces, texts a few hundred bytes.
  std::vector<uint8_t> failed((pieces.size() + 1) * (text.size() + 1), 0);
  std::string_view found;
  auto match = [&](auto&& self, size_t pi, size_t ti) -> bool {
    if (pi == pieces.size()) return ti == text.size();
    size_t memo = pi * (text.size() + 1) + ti;
    if (failed[memo]) return false;
    const Piece& piece = pieces[pi];
    if (!piece.var) {
      bool ok = ti + piece.text.size() <= text.size();
      for (size_t k = 0; ok && k < piece.text.size(); ++k) {
        ok = lower_ascii(text[ti + k]) == lower_ascii(piece.text[k]) && !(ti + k >= at && ti + k < at_end);
      }
      if (ok && self(self, pi + 1, ti + piece.text.size())) return true;
    } else {
      for (size_t e = ti + 1; e <= text.size(); ++e) {
        size_t k = e - 1;
        bool inside = k >= at && k < at_end;
        if (!inside && !class_allows(piece.cls, text[k])) break;
        // A variable holds the whole placeholder or none of it.
        bool overlaps = ti < at_end && e > at;
        if (overlaps && (ti > at || e < at_end)) continue;
        if (self(self, pi + 1, e)) {
          if (overlaps) {
            found = piece.text;
            if (whole != nullptr) *whole = ti == at && e == at_end;
          }
          return true;
        }
      }
    }
    failed[memo] = 1;
    return false;
  };
  if (!match(match, 0, 0)) return {};
  return found;
}

std::string_view format_service(std::string_view arn_format) {
  Parts parts = split(arn_format);
  return parts.count == kFieldCount ? parts.field[kService] : std::string_view();
}

std::vector<const catalog::ResourceType*> candidate_types(const catalog::Catalog& catalog, const Parts& parts) {
  std::vector<const catalog::ResourceType*> out;
  if (parts.count != kFieldCount) return out;
  const catalog::Service* service = catalog.service(parts.field[kService]);
  if (service == nullptr) return out;
  // Only the resource parts are compared: the Region and account are what the callers judge, and
  // a '*' there must not stretch across the colons into the resource part.
  std::string pattern = "arn:p:s:r:a:";
  pattern.append(parts.field[kResource]);
  for (const auto& type : service->resource_types()) {
    Parts format = split(type.arn_format);
    if (format.count != kFieldCount || format.field[kService] != parts.field[kService]) continue;
    if (!literal_starts_agree(parts.field[kResource], format.field[kResource])) continue;
    std::string fmt = "arn:p:s:r:a:";
    fmt.append(format.field[kResource]);
    if (fits_format(pattern, fmt)) out.push_back(&type);
  }
  return out;
}

bool is_template_reference(std::string_view name) {
  return name.starts_with("AWS::") || name.starts_with("Fn::") || name.find(':') == std::string_view::npos;
}

uint32_t source_offset(const input::JsonNode& node, std::string_view source, size_t index) {
  const uint32_t first = node.begin + 1;
  if (node.end < node.begin + 2 || node.end > source.size()) return first;
  std::string_view raw = source.substr(first, node.end - node.begin - 2);
  if (raw.size() == node.text.size()) return first + static_cast<uint32_t>(std::min(index, raw.size()));
  size_t ri = 0;
  size_t ti = 0;
  while (ri < raw.size() && ti < index) {
    if (raw[ri] != '\\' || ri + 1 >= raw.size()) {
      ++ri;
      ++ti;
      continue;
    }
    if (raw[ri + 1] != 'u' || ri + 6 > raw.size()) {
      ri += 2;
      ++ti;
      continue;
    }
    auto hex = [&](size_t at) {
      return static_cast<uint32_t>(std::stoul(std::string(raw.substr(at, 4)), nullptr, 16));
    };
    uint32_t cp = 0;
    try {
      cp = hex(ri + 2);
    } catch (...) {
      ri += 2;
      ++ti;
      continue;
    }
    ri += 6;
    if (cp >= 0xD800 && cp <= 0xDBFF && ri + 6 <= raw.size() && raw[ri] == '\\' && raw[ri + 1] == 'u') {
      ri += 6;
      ti += 4;
      continue;
    }
    ti += cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
  }
  return first + static_cast<uint32_t>(ri);
}

std::string_view field_name(Field field) {
  switch (field) {
    case kPrefix:
      return "prefix";
    case kPartition:
      return "partition";
    case kService:
      return "service";
    case kRegion:
      return "Region";
    case kAccount:
      return "account";
    case kResource:
      return "resource";
    case kFieldCount:
      break;
  }
  return "resource";
}

}  // namespace sagelint::rules::arn
