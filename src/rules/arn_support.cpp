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

// Reads an IAM pattern one token at a time: literal characters (lower-cased), '?', and '*' runs
// (a policy variable counts as a '*': it stands for some text). Consecutive '*' merge into one.
// Nothing is materialised, since a Resource value may be megabytes long.
class PatternTokens {
 public:
  explicit PatternTokens(std::string_view p) : p_(p) {}

  bool next(PTok& out) {
    while (i_ < p_.size()) {
      const char c = p_[i_];
      if (c == '$' && !unclosed_ && i_ + 1 < p_.size() && p_[i_ + 1] == '{') {
        const size_t end = variable_end(p_, i_);
        if (end != std::string_view::npos) {
          const std::string_view inner = p_.substr(i_ + 2, end - i_ - 3);
          i_ = end;
          // ${*} ${?} ${$} stand for the literal character; any other variable for some text.
          if (inner == "*" || inner == "?" || inner == "$") return emit(out, {PKind::Lit, inner[0]});
          if (last_any_) continue;
          return emit(out, {PKind::Any, 0});
        }
        // No '}' after this point: no later "${" closes either (searching again would be quadratic).
        unclosed_ = true;
      }
      ++i_;
      if (c == '*') {
        if (last_any_) continue;
        return emit(out, {PKind::Any, 0});
      }
      if (c == '?') return emit(out, {PKind::One, 0});
      return emit(out, {PKind::Lit, lower_ascii(c)});
    }
    return false;
  }

 private:
  bool emit(PTok& out, PTok tok) {
    out = tok;
    last_any_ = tok.kind == PKind::Any;
    return true;
  }

  std::string_view p_;
  size_t i_ = 0;
  bool last_any_ = false;
  bool unclosed_ = false;
};

// Formats come from the catalog and are short; `out` is reused across calls.
void tokenize_format(std::string_view f, int colons_before, std::vector<FTok>& out) {
  out.clear();
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
  const size_t n = text.size();
  for (size_t i = 0; i < n && field < kResource; ++i) {
    if (text[i] == '$' && i + 1 < n && text[i + 1] == '{') {
      // A plain scan to the '}' (variables are short; find() costs a memchr call, and this runs
      // on every format and resource that rules compare).
      size_t close = i + 2;
      while (close < n && text[close] != '}') ++close;
      if (close == n) break;
      i = close;
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

namespace {

// Does some text match both the IAM pattern and the format? `colons_before` says where the
// format text sits in an ARN (variables before the resource part hold no colon).
//
// The states are (i, j, v): position in the pattern's tokens, in the format's, and whether the
// variable at f[j] has already taken at least one character. No move decreases i, so the states
// are found row by row (one pattern token at a time), each row holding at most 2 * (nf + 1)
// states and usually one or two: linear in the pattern, which may be megabytes long (a search
// over the whole product took a minute and 2 GB on a 20 MB Resource).
bool glob_intersects(std::string_view pattern, std::string_view format, int colons_before) {
  thread_local std::vector<FTok> f;
  tokenize_format(format, colons_before, f);
  const size_t nf = f.size();
  const auto id = [](size_t j, bool v) { return static_cast<uint32_t>(j * 2 + (v ? 1 : 0)); };
  thread_local std::vector<uint32_t> row, next;
  // Marks of the states in `row` and `next`; every mark is clear between calls.
  thread_local std::vector<uint8_t> in_row, in_next;
  row.clear();
  next.clear();
  if (in_row.size() < 2 * (nf + 1)) {
    in_row.resize(2 * (nf + 1), 0);
    in_next.resize(2 * (nf + 1), 0);
  }
  const auto add = [](std::vector<uint32_t>& states, std::vector<uint8_t>& in, uint32_t state) {
    if (in[state]) return;
    in[state] = 1;
    states.push_back(state);
  };

  PatternTokens tokens(pattern);
  PTok tok{};
  bool more = tokens.next(tok);
  add(row, in_row, id(0, false));
  while (true) {
    // Moves within the row: a variable that has taken a character may end; a '*' may take one
    // more character of the format (any character will do for both). `row` grows as it is read.
    const bool any = more && tok.kind == PKind::Any;
    for (size_t k = 0; k < row.size(); ++k) {
      const size_t j = row[k] / 2;
      const bool v = row[k] % 2 != 0;
      if (j == nf) continue;
      if (f[j].var && v) add(row, in_row, id(j + 1, false));
      if (any) add(row, in_row, f[j].var ? id(j, true) : id(j + 1, false));
    }
    if (!more) {
      const bool accepted = in_row[id(nf, false)] || in_row[id(nf, true)];
      for (const uint32_t state : row) in_row[state] = 0;
      return accepted;
    }
    // The usual long run: a variable taking character after character ("training-job/000...0"),
    // the row being {(j, taken), (j + 1, not taken)}. While the next format token cannot take the
    // pattern's character but the variable can, the row stays as it is: skip those characters
    // without the set operations (a Resource value may be megabytes of one name).
    if (row.size() == 2 && row[0] % 2 != 0 && row[1] == row[0] + 1 && f[row[0] / 2].var) {
      const FTok& var = f[row[0] / 2];
      const size_t after = row[0] / 2 + 1;
      const auto stays = [&] {
        return tok.kind == PKind::Lit && class_allows(var.cls, tok.ch) &&
               (after == nf || (!f[after].var && f[after].ch != tok.ch));
      };
      if (stays()) {
        while (more && stays()) more = tokens.next(tok);
        continue;
      }
    }
    // Moves to the next row: a '*' may end; a '?' or literal takes one character of the format.
    for (const uint32_t state : row) {
      const size_t j = state / 2;
      if (any) {
        add(next, in_next, state);
        continue;
      }
      if (j == nf) continue;
      const FTok& ft = f[j];
      if (tok.kind == PKind::Lit && !(ft.var ? class_allows(ft.cls, tok.ch) : ft.ch == tok.ch)) continue;
      add(next, in_next, ft.var ? id(j, true) : id(j + 1, false));
    }
    for (const uint32_t state : row) in_row[state] = 0;
    row.clear();
    std::swap(row, next);
    std::swap(in_row, in_next);
    if (row.empty()) return false;
    more = tokens.next(tok);
  }
}

// The text before the first wildcard or variable of a pattern and of a format must agree as far
// as both go (case-insensitively), or nothing matches both.
bool literal_starts_agree(std::string_view pattern, std::string_view format) {
  size_t lf = 0;  // the format's literal head: up to its first "${" or '*'
  while (lf < format.size() && format[lf] != '*' &&
         !(format[lf] == '$' && lf + 1 < format.size() && format[lf + 1] == '{')) {
    ++lf;
  }
  // A plain loop rather than find_first_of("*?$"), which calls memchr once per character; and
  // the comparison ends at the format's (short) head even when the pattern is megabytes long.
  for (size_t i = 0; i < lf && i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '*' || c == '?' || c == '$') return true;
    if (lower_ascii(c) != lower_ascii(format[i])) return false;
  }
  return true;
}

}  // namespace

bool fits_format(std::string_view pattern, std::string_view arn_format) {
  return glob_intersects(pattern, arn_format, 0);
}

bool fits_format_by_field(std::string_view pattern, std::string_view arn_format) {
  return fits_format_by_field(split(pattern), pattern, split(arn_format), arn_format);
}

bool fits_format_by_field(const Parts& p, std::string_view pattern, const Parts& f, std::string_view arn_format) {
  if (p.count != kFieldCount || f.count != kFieldCount) return fits_format(pattern, arn_format);
  // Cheap test first: the literal starts of the resource parts ("cluster/", "training-job/") must
  // agree, which rules out almost every other type of the service without the full match.
  if (!literal_starts_agree(p.field[kResource], f.field[kResource])) return false;
  for (int i = kPartition; i < kResource; ++i) {
    // Nearly always "${Partition}", "${Region}", "${Account}": a variable that takes one or more
    // characters other than ':'. A field of a six-field split holds no ':' outside ${...} (and a
    // policy variable reads as '*'), so any field but the empty one fills it.
    const std::string_view format_field = f.field[i];
    if (format_field.starts_with("${") && variable_end(format_field, 0) == format_field.size()) {
      if (p.field[i].empty()) return false;
      continue;
    }
    if (!glob_intersects(p.field[i], format_field, 0)) return false;
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

bool fits_resource_part(std::string_view pattern_resource, std::string_view format_resource) {
  return glob_intersects(pattern_resource, format_resource, 5);
}

std::vector<const catalog::ResourceType*> candidate_types(const catalog::Catalog& catalog, const Parts& parts) {
  std::vector<const catalog::ResourceType*> out;
  if (parts.count != kFieldCount) return out;
  const catalog::Service* service = catalog.service(parts.field[kService]);
  if (service == nullptr) return out;
  // Only the resource parts are compared: the Region and account are what the callers judge, and
  // a '*' there must not stretch across the colons into the resource part.
  for (const auto& type : service->resource_types()) {
    Parts format = split(type.arn_format);
    if (format.count != kFieldCount || format.field[kService] != parts.field[kService]) continue;
    if (!literal_starts_agree(parts.field[kResource], format.field[kResource])) continue;
    if (fits_resource_part(parts.field[kResource], format.field[kResource])) out.push_back(&type);
  }
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
