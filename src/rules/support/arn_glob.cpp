#include "rules/support/arn_glob.hpp"

#include <algorithm>

namespace sagelint::rules::arn {

namespace {

using text::lower;

// End of the ${...} starting at `at` (index one past '}'), or npos when it never closes.
size_t variable_end(std::string_view text, size_t at) {
  size_t close = text.find('}', at + 2);
  return close == std::string_view::npos ? close : close + 1;
}

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
      return emit(out, {PKind::Lit, lower(c)});
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
    out.push_back({false, lower(c), VarClass::Any});
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
    if (lower(c) != lower(format[i])) return false;
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
        ok = lower(text[ti + k]) == lower(piece.text[k]) && !(ti + k >= at && ti + k < at_end);
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

std::string format_as_pattern(std::string_view format, std::string_view partition) {
  std::string out;
  while (!format.empty()) {
    const size_t open = format.find("${");
    if (open == std::string_view::npos) {
      out += format;
      break;
    }
    out += format.substr(0, open);
    const size_t close = format.find('}', open);
    if (close == std::string_view::npos) break;
    out += format.substr(open, close - open + 1) == "${Partition}" ? std::string(partition) : std::string("*");
    format.remove_prefix(close + 1);
  }
  return out;
}

std::string_view format_field(const catalog::ResourceType& type, Field field) {
  return split(type.arn_format).field[field];
}

bool none_has_field(const std::vector<const catalog::ResourceType*>& types, Field field) {
  return std::all_of(types.begin(), types.end(), [field](const auto* t) { return format_field(*t, field).empty(); });
}

bool all_have_field(const std::vector<const catalog::ResourceType*>& types, Field field) {
  return std::all_of(types.begin(), types.end(), [field](const auto* t) { return !format_field(*t, field).empty(); });
}

std::string describe_type(std::string_view service, const catalog::ResourceType& type) {
  return std::string(service) + " " + std::string(type.name) + " (" + std::string(type.arn_format) + ")";
}

}  // namespace sagelint::rules::arn
