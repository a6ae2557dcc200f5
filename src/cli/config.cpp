#include "cli/config.hpp"

#include "cli/manifest.hpp"
#include "lint/config_keys.hpp"
#include "lint/guardrail_spec.hpp"

#include <toml++/toml.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <set>

namespace sagelint::cli {

std::filesystem::path find_config(const std::filesystem::path& start) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(start, ec);
  if (ec) return {};
  while (true) {
    std::filesystem::path candidate = dir / ".sagelint.toml";
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
    if (!dir.has_parent_path() || dir.parent_path() == dir) return {};
    dir = dir.parent_path();
  }
}

namespace {

class Reader {
 public:
  Reader(std::string file, std::string& error) : file_(std::move(file)), error_(error) {}

  bool fail(const toml::node& node, const std::string& message) {
    error_ = file_ + ":" + std::to_string(node.source().begin.line) + ": " + message;
    return false;
  }

  // The keys a table may have are those of lint/config_keys.cpp, which the JSON Schema is made from.
  bool only_keys(const toml::table& table, const lint::config_keys::Section& section) {
    for (const auto& [key, node] : table) {
      if (!lint::config_keys::has_key(section, key.str())) {
        return fail(node, "unknown key '" + std::string(key.str()) + "' in " + std::string(section.where) +
                              " (expected one of: " + lint::config_keys::expected_list(section) + ")");
      }
    }
    return true;
  }

  bool strings(const toml::node& node, std::string_view what, std::vector<std::string>& out) {
    const toml::array* arr = node.as_array();
    if (arr == nullptr) {
      if (auto s = node.value<std::string>()) {
        out.push_back(*s);
        return true;
      }
      return fail(node, std::string(what) + " must be an array of strings");
    }
    for (const auto& item : *arr) {
      auto s = item.value<std::string>();
      if (!s) return fail(item, std::string(what) + " must contain only strings");
      out.push_back(*s);
    }
    return true;
  }

  bool string(const toml::node& node, std::string_view what, std::string& out) {
    auto s = node.value<std::string>();
    if (!s) return fail(node, std::string(what) + " must be a string");
    out = *s;
    return true;
  }

 private:
  std::string file_;
  std::string& error_;
};

// The table a key of `parent` holds.
const lint::config_keys::Section& section(const lint::config_keys::Section& parent, std::string_view key) {
  for (const auto& k : parent.keys) {
    if (k.name == key && k.table != nullptr) return *k.table;
  }
  std::abort();  // a key of config_keys.cpp without its table: a programming error
}

}  // namespace

namespace {

// TOML allows no raw control character but tab and the line ends (TOML 1.0: in strings they
// must be escaped, in comments they are not permitted, and elsewhere nothing but whitespace,
// keys and values may stand). toml++ 3.3 asserts on some of them before reporting an error
// (a NUL in a table header: `[` then U+0000), and a release build assumes the assertion holds,
// so they are refused here, with their position, before toml++ reads the text.
bool refuse_control_character(std::string_view text, const std::string& file, std::string& error) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\n') {
      ++line;
      column = 1;
      continue;
    }
    if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      error = file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": control character U+00" +
              kHex[c >> 4] + kHex[c & 0xf] +
              " is not allowed in TOML (only tab and line ends; write it escaped inside a string)";
      return true;
    }
    if ((c & 0xc0) != 0x80) ++column;  // columns count characters, as toml++'s do
  }
  return false;
}

bool bare_key_character(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// How many bytes after the backslash at `i` an escape takes over from the scan: the escaped one,
// but not a line end (a multi-line basic string's line-ending backslash), which the scan must
// see to count lines.
std::size_t escaped_length(std::string_view t, std::size_t i) {
  return i + 1 < t.size() && t[i + 1] != '\n' && t[i + 1] != '\r' ? 1 : 0;
}

// What is wrong, if anything, with the backslash at `i` of a basic string, for TOML 1.0 or for
// toml++ 3.3, whose test for white space reaches an unreachable point in its Unicode table on the
// non-ASCII characters of three ranges (U+00A1-U+0499, U+2C8E-U+3088, U+FB26-U+FEFE):
// - an escape TOML 1.0 does not have ('\' then U+FEE9 in a multi-line string);
// - followed by a space or a tab, it must be a multi-line string's line-ending backslash, with
//   nothing but white space before the line end (toml++ tests the next character: '\ ' then
//   U+FEBF);
// - a line-ending backslash trims the white space and line ends after it, and toml++ tests the
//   first character it keeps: valid TOML, but toml++ cannot read it safely when that is non-ASCII.
std::string_view backslash_problem(std::string_view t, std::size_t i, bool multi_line) {
  // An escape TOML 1.0 does not have: toml++ 3.3 tests the character after the backslash for
  // white space (a line-ending backslash) before it refuses the escape.
  constexpr std::string_view kEscapes = "btnfr\"\\uU \t\r\n";
  if (i + 1 < t.size() && kEscapes.find(t[i + 1]) == std::string_view::npos) {
    return "unknown escape: a backslash in a basic string starts one of \\b \\t \\n \\f \\r \\\" \\\\ "
           "\\uXXXX \\UXXXXXXXX (or ends a line of a multi-line string)";
  }
  std::size_t j = i + 1;
  while (j < t.size() && (t[j] == ' ' || t[j] == '\t')) ++j;
  const bool line_end = j < t.size() && (t[j] == '\n' || t[j] == '\r');
  if (j > i + 1 && (!multi_line || (j < t.size() && !line_end))) {
    return "a backslash before white space may only end a line of a multi-line basic string (\"\"\"...\"\"\")";
  }
  if (!multi_line || !line_end) return {};
  while (j < t.size() && (t[j] == ' ' || t[j] == '\t' || t[j] == '\n' || t[j] == '\r')) ++j;
  if (j < t.size() && static_cast<unsigned char>(t[j]) >= 0x80) {
    return "the first character a line-ending backslash keeps is outside ASCII, which the TOML reader sagelint "
           "uses (toml++ 3.3) cannot read safely there: start the line with an ASCII character, or drop the "
           "backslash";
  }
  return {};
}

// What toml++ 3.3 takes for one bare value: everything up to one of these, whatever it holds.
bool value_terminator(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ']' || c == '}' || c == ',' || c == '#';
}

// Text toml++ 3.3 mishandles, all of it invalid TOML 1.0, refused here with its position before
// toml++ reads it:
// - a table header without a key (`[[;x]`, `[` then a line end): toml++ reads the key without
//   checking that one starts there and asserts it (an abort in the sanitizer build, an optimiser
//   assumption in a release build);
// - non-ASCII outside strings and comments: toml++ reaches an unreachable point in its Unicode
//   tables on some such bytes in a bare key or value. A bare value is what toml++ reads it as: a
//   run up to the next white space, ']', '}', ',' or '#', so "1979-05-27T07:32:00Z8[[[\"é" is one
//   value holding a quote and a non-ASCII byte, not a date, brackets and a string;
// - a quote where neither a key nor a value starts (`select =0"...`), for the same reason;
// - a backslash before white space that does not end a line of a multi-line basic string, and
//   a non-ASCII character as the first one a line-ending backslash keeps (backslash_problem).
// Strings, comments, keys, values and the brackets of arrays and inline tables are followed, so
// that `[` opening a line inside an array (of arrays, or of inline tables) is not taken for a header.
bool refuse_unsafe_structure(std::string_view t, const std::string& file, std::string& error) {
  enum class In { kValue, kBasic, kLiteral, kMultiBasic, kMultiLiteral, kComment, kBareKey, kBareValue };
  // What may start at the next character outside white space: a key, a value, or neither (after
  // a key, a value or a closing bracket, where only punctuation may follow).
  enum class Expect { kKey, kValue, kOther };
  In in = In::kValue;
  Expect expect = Expect::kKey;
  std::string open;  // the brackets of arrays ('[') and inline tables ('{') open at this point
  bool line_start = true;
  bool header_line = false;
  std::size_t line = 1;
  std::size_t column = 1;
  const auto fail = [&](const std::string& what) {
    error = file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + what;
    return true;
  };
  constexpr std::string_view kNonAscii = "a character outside ASCII may stand only in a string or a comment";
  constexpr std::string_view kQuote =
      "unexpected quote: a string starts a key or a value, at the start of a line or after '=', '[', '{', ',' or "
      "'.'";
  for (std::size_t i = 0; i < t.size(); ++i) {
    const auto c = static_cast<unsigned char>(t[i]);
    if (c == '\n') {
      ++line;
      column = 1;
      line_start = true;
      header_line = false;
      // A key or value ends at the line end; a comment or a (broken) one-line string ends there too.
      if (in == In::kBareKey || in == In::kBareValue) expect = Expect::kOther;
      if (in != In::kMultiBasic && in != In::kMultiLiteral) in = In::kValue;
      // A new line outside arrays starts a key; inside one it continues what came before.
      if (in == In::kValue && open.empty()) expect = Expect::kKey;
      continue;
    }
    std::size_t skip = 0;
    switch (in) {
      case In::kComment:
        break;
      case In::kBasic:
        if (c == '\\') {
          if (const auto problem = backslash_problem(t, i, false); !problem.empty()) return fail(std::string(problem));
          skip = escaped_length(t, i);
        } else if (c == '"') {
          in = In::kValue;
        }
        break;
      case In::kLiteral:
        if (c == '\'') in = In::kValue;
        break;
      case In::kMultiBasic:
        if (c == '\\') {
          if (const auto problem = backslash_problem(t, i, true); !problem.empty()) return fail(std::string(problem));
          skip = escaped_length(t, i);
        } else if (t.substr(i, 3) == "\"\"\"") {
          skip = 2, in = In::kValue;
        }
        break;
      case In::kMultiLiteral:
        if (t.substr(i, 3) == "'''") skip = 2, in = In::kValue;
        break;
      case In::kBareValue:
        if (!value_terminator(c)) {
          if (c >= 0x80) return fail(std::string(kNonAscii));
          if (c == '"' || c == '\'') return fail(std::string(kQuote));
          break;
        }
        in = In::kValue;
        expect = Expect::kOther;
        [[fallthrough]];
      case In::kBareKey:
        if (in == In::kBareKey) {
          if (bare_key_character(c)) break;
          in = In::kValue;
          expect = Expect::kOther;
        }
        [[fallthrough]];
      case In::kValue:
        if (c == ' ' || c == '\t' || c == '\r') break;
        if (c >= 0x80) return fail(std::string(kNonAscii));
        if (c == '#') {
          in = In::kComment;
        } else if (c == '"' || c == '\'') {
          if (expect == Expect::kOther) return fail(std::string(kQuote));
          const bool basic = c == '"';
          if (t.substr(i, 3) == (basic ? "\"\"\"" : "'''"))
            skip = 2, in = basic ? In::kMultiBasic : In::kMultiLiteral;
          else
            in = basic ? In::kBasic : In::kLiteral;
          expect = Expect::kOther;  // what follows the string, once it closes
        } else if (c == '[' && open.empty() && line_start) {
          header_line = true;
          expect = Expect::kKey;
          std::size_t j = i + 1;
          if (j < t.size() && t[j] == '[') ++j;
          while (j < t.size() && (t[j] == ' ' || t[j] == '\t')) ++j;
          if (j < t.size()) {
            const auto k = static_cast<unsigned char>(t[j]);
            if (!bare_key_character(k) && k != '"' && k != '\'' && k != ']') {
              column += j - i;
              return fail("expected a key after '[' (a bare key, or a quoted one)");
            }
          }
        } else if (c == '[' || c == '{') {
          if (header_line) {
            expect = Expect::kKey;  // the second '[' of '[['
          } else {
            open.push_back(static_cast<char>(c));
            expect = c == '[' ? Expect::kValue : Expect::kKey;
          }
        } else if (c == ']' || c == '}') {
          if (!header_line && !open.empty()) open.pop_back();
          expect = Expect::kOther;
        } else if (c == ',') {
          expect = open.empty() ? Expect::kOther : open.back() == '[' ? Expect::kValue : Expect::kKey;
        } else if (c == '=') {
          expect = Expect::kValue;
        } else if (c == '.') {
          expect = Expect::kKey;
        } else if (expect == Expect::kKey && bare_key_character(c)) {
          in = In::kBareKey;
        } else {
          in = In::kBareValue;  // a number, a date, a boolean, or what toml++ reads as one
        }
        line_start = false;
        break;
    }
    for (std::size_t n = 0; n <= skip && i < t.size(); ++n) {
      if ((static_cast<unsigned char>(t[i]) & 0xc0) != 0x80) ++column;
      if (n < skip) ++i;
    }
  }
  return false;
}

// `text` null: read the file at `path`.
bool load(const std::filesystem::path& path, const std::string_view* text, FileConfig& out, std::string& error) {
  out.path = path;
  out.lint.base_dir = std::filesystem::absolute(path).parent_path().lexically_normal();
  // A file that opens is read here, so that it is checked like a text; one that does not is
  // left to toml::parse_file, whose error says why.
  std::string read;
  std::string_view view;
  if (text == nullptr) {
    std::ifstream in(path, std::ios::binary);
    if (in) {
      read.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      if (!in.bad()) {
        view = read;
        text = &view;
      }
    }
  }
  if (text != nullptr &&
      (refuse_control_character(*text, path.string(), error) || refuse_unsafe_structure(*text, path.string(), error))) {
    return false;
  }
  toml::table root;
  try {
    root = text != nullptr ? toml::parse(*text, path.string()) : toml::parse_file(path.string());
  } catch (const toml::parse_error& e) {
    error = path.string() + ":" + std::to_string(e.source().begin.line) + ":" +
            std::to_string(e.source().begin.column) + ": " + std::string(e.description());
    return false;
  }
  Reader r(path.string(), error);
  const lint::config_keys::Section& top = lint::config_keys::top_level();
  if (!r.only_keys(root, top)) return false;
  if (const toml::table* lint = root["lint"].as_table()) {
    if (!r.only_keys(*lint, section(top, "lint"))) return false;
    if (const toml::node* n = lint->get("select"); n && !r.strings(*n, "select", out.lint.select)) return false;
    if (const toml::node* n = lint->get("ignore"); n && !r.strings(*n, "ignore", out.lint.ignore)) return false;
    if (const toml::node* n = lint->get("fail-on")) {
      std::string v;
      if (!r.string(*n, "fail-on", v)) return false;
      out.fail_on = parse_fail_on(v);
      if (!out.fail_on) return r.fail(*n, "fail-on must be error, warning, note or never");
    }
  } else if (root.contains("lint")) {
    return r.fail(*root.get("lint"), "[lint] must be a table");
  }
  if (const toml::table* files = root["files"].as_table()) {
    if (!r.only_keys(*files, section(top, "files"))) return false;
    if (const toml::node* n = files->get("include")) {
      out.include.clear();
      if (!r.strings(*n, "include", out.include)) return false;
    }
    if (const toml::node* n = files->get("exclude"); n && !r.strings(*n, "exclude", out.exclude)) return false;
  }
  if (const toml::table* severity = root["severity"].as_table()) {
    for (const auto& [key, node] : *severity) {
      std::string v;
      if (!r.string(node, "severity", v)) return false;
      auto s = lint::parse_severity(v);
      if (!s) return r.fail(node, "severity of '" + std::string(key.str()) + "' must be error, warning or note");
      out.lint.severity[std::string(key.str())] = *s;
    }
  }
  if (const toml::node* suppress = root.get("suppress")) {
    const toml::array* arr = suppress->as_array();
    if (arr == nullptr) return r.fail(*suppress, "suppress must be an array of tables ([[suppress]])");
    for (const auto& item : *arr) {
      const toml::table* t = item.as_table();
      if (t == nullptr) return r.fail(item, "each [[suppress]] entry must be a table");
      if (!r.only_keys(*t, section(top, "suppress"))) return false;
      lint::PathIgnore ignore;
      ignore.origin = path.filename().string() + ":" + std::to_string(t->source().begin.line);
      if (!t->contains("path")) return r.fail(item, "[[suppress]] needs a path glob");
      if (!r.string(*t->get("path"), "path", ignore.glob)) return false;
      if (const toml::node* n = t->get("rules"); n && !r.strings(*n, "rules", ignore.rules)) return false;
      if (const toml::node* n = t->get("sid"); n && !r.string(*n, "sid", ignore.sid)) return false;
      out.lint.ignores.push_back(std::move(ignore));
    }
  }
  if (const toml::node* kinds = root.get("kind")) {
    const toml::array* arr = kinds->as_array();
    if (arr == nullptr) return r.fail(*kinds, "kind must be an array of tables ([[kind]])");
    for (const auto& item : *arr) {
      const toml::table* t = item.as_table();
      if (t == nullptr) return r.fail(item, "each [[kind]] entry must be a table");
      if (!r.only_keys(*t, section(top, "kind"))) return false;
      if (!t->contains("path") || !t->contains("kind")) return r.fail(item, "[[kind]] needs path and kind");
      lint::KindOverride k;
      std::string kind;
      if (!r.string(*t->get("path"), "path", k.glob) || !r.string(*t->get("kind"), "kind", kind)) return false;
      if (kind == "identity")
        k.kind = input::KindHint::Identity;
      else if (kind == "trust")
        k.kind = input::KindHint::Trust;
      else if (kind == "resource")
        k.kind = input::KindHint::Resource;
      else
        return r.fail(*t->get("kind"), "kind must be identity, trust or resource");
      out.lint.kinds.push_back(std::move(k));
    }
  }
  if (const toml::node* rules = root.get("rules")) {
    const toml::table* t = rules->as_table();
    if (t == nullptr) return r.fail(*rules, "[rules] must be a table of [rules.<rule-name>] tables");
    for (const auto& [key, node] : *t) {
      const toml::table* options = node.as_table();
      if (options == nullptr) return r.fail(node, "[rules." + std::string(key.str()) + "] must be a table of options");
      out.lint.rule_options[std::string(key.str())] = lint::options_from_toml(*options);
    }
  }
  if (const toml::table* data = root["data"].as_table()) {
    if (!r.only_keys(*data, section(top, "data"))) return false;
    if (const toml::node* n = data->get("dir")) {
      if (!r.string(*n, "dir", out.data_dir)) return false;
      std::filesystem::path dir(out.data_dir);
      if (dir.is_relative()) out.data_dir = (out.lint.base_dir / dir).string();
    }
  }
  if (const toml::node* p = root.get("principal"); p && !parse_manifest(*p, path.string(), out.principals, error)) {
    return false;
  }
  if (const toml::node* g = root.get("guardrail")) {
    const toml::array* arr = g->as_array();
    if (arr == nullptr || !arr->is_array_of_tables()) {
      error = path.string() + ":" + std::to_string(g->source().begin.line) + ":" +
              std::to_string(g->source().begin.column) + ": guardrail must be an array of tables ([[guardrail]])";
      return false;
    }
    for (const auto& item : *arr) {
      lint::RuleMeta meta;
      if (!lint::parse_user_guardrail(*item.as_table(), path.string(), meta, error)) return false;
      for (const auto& other : out.guardrails) {
        if (other.id == meta.id || other.name == meta.name) {
          const toml::node& at = *item.as_table()->get(other.id == meta.id ? "id" : "name");
          error = path.string() + ":" + std::to_string(at.source().begin.line) + ":" +
                  std::to_string(at.source().begin.column) + ": [[guardrail]] " +
                  (other.id == meta.id ? "id " + meta.id : "name " + meta.name) + " is already used at " + other.origin;
          return false;
        }
      }
      out.guardrails.push_back(std::move(meta));
    }
  }
  return true;
}

}  // namespace

bool load_config(const std::filesystem::path& path, FileConfig& out, std::string& error) {
  return load(path, nullptr, out, error);
}

bool load_config_text(std::string_view text, const std::filesystem::path& path, FileConfig& out, std::string& error) {
  return load(path, &text, out, error);
}

}  // namespace sagelint::cli
