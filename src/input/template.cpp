// Every rendering is the template's own bytes with what the engine would not output blanked to
// spaces (line breaks kept) and each interpolation that stands where a JSON value goes replaced
// by a same-length string: a rendering has the template's length, so the parser's offsets are
// template offsets and findings point at the template's own bytes without any mapping.
#include "input/template.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <string>
#include <vector>

#include "input/sniff.hpp"
#include "text/text.hpp"

namespace sagelint::input {

namespace {

bool jinja_path(std::string_view path) {
  return text::ci_ends_with(path, ".j2") || text::ci_ends_with(path, ".jinja") || text::ci_ends_with(path, ".jinja2");
}

enum class TokenKind { Interp, Open, Else, End, Blank };

struct Token {
  TokenKind kind = TokenKind::Interp;
  uint32_t begin = 0;
  uint32_t end = 0;
  bool loop = false;       // Open: a for/range loop (rendered once or not at all)
  std::string expression;  // Interp: the expression, trimmed
};

struct Scan {
  std::vector<Token> tokens;
  std::vector<JsonError> errors;
};

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim_markers(std::string_view s) {
  while (!s.empty() && (space(s.front()) || s.front() == '~' || s.front() == '-')) s.remove_prefix(1);
  while (!s.empty() && (space(s.back()) || s.back() == '~' || s.back() == '-')) s.remove_suffix(1);
  return s;
}

std::string_view first_word(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && (std::isalnum(static_cast<unsigned char>(s[n])) || s[n] == '_')) ++n;
  return s.substr(0, n);
}

// "${aws:username}", "${aws:PrincipalTag/team}", "${*}": an IAM policy variable, not an
// interpolation (Terraform would reject it as one; a template author means it literally).
bool iam_variable(std::string_view inner) {
  if (inner == "*" || inner == "?" || inner == "$") return true;
  size_t colon = inner.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == inner.size()) return false;
  for (char c : inner) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == ':' || c == '/' || c == '-' || c == '_' || c == '.')) {
      return false;
    }
  }
  return true;
}

// End (one past) of a `${`/`%{` body starting at `from`, with nested braces and quoted strings;
// npos when unterminated.
size_t close_brace(std::string_view text, size_t from) {
  int depth = 1;
  for (size_t i = from; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
    } else if (c == '{') {
      ++depth;
    } else if (c == '}' && --depth == 0) {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

Scan scan(std::string_view text, bool go_templates, bool jinja) {
  Scan out;
  auto error = [&](size_t at, size_t end, std::string message) {
    out.errors.push_back(
        JsonError{static_cast<uint32_t>(at), static_cast<uint32_t>(end), std::move(message), JsonRepair::None});
  };
  for (size_t i = 0; i + 1 < text.size() && out.errors.empty(); ++i) {
    const char c = text[i];
    const char d = text[i + 1];
    if ((c == '$' || c == '%') && d == c && i + 2 < text.size() && text[i + 2] == '{') {
      i += 2;  // "$${" and "%%{": the literal "${" and "%{"
      continue;
    }
    Token t;
    t.begin = static_cast<uint32_t>(i);
    std::string_view inner;
    if ((c == '$' || c == '%') && d == '{') {
      size_t end = close_brace(text, i + 2);
      if (end == std::string_view::npos) {
        error(i, i + 2,
              std::string("unterminated template ") + (c == '$' ? "interpolation" : "directive") + " '" + c +
                  "{': expected '}'");
        break;
      }
      inner = text.substr(i + 2, end - 1 - (i + 2));
      t.end = static_cast<uint32_t>(end);
      if (c == '$') {
        if (iam_variable(inner)) {
          i = end - 1;
          continue;
        }
        t.kind = TokenKind::Interp;
      } else {
        std::string_view word = first_word(trim_markers(inner));
        if (word == "if" || word == "for") {
          t.kind = TokenKind::Open;
          t.loop = word == "for";
        } else if (word == "else") {
          t.kind = TokenKind::Else;
        } else if (word == "endif" || word == "endfor") {
          t.kind = TokenKind::End;
        } else {
          error(i, end,
                "unknown template directive '%{ " + std::string(word) + " }': expected if, else, endif, for or endfor");
          break;
        }
      }
    } else if (go_templates && c == '{' && d == '{') {
      size_t end = text.find("}}", i + 2);
      if (end == std::string_view::npos) {
        error(i, i + 2, "unterminated template expression '{{': expected '}}'");
        break;
      }
      inner = text.substr(i + 2, end - (i + 2));
      t.end = static_cast<uint32_t>(end + 2);
      std::string_view body = trim_markers(inner);
      std::string_view word = first_word(body);
      if (body.starts_with("/*")) {
        t.kind = TokenKind::Blank;  // a Go template comment
      } else if (!jinja && (word == "if" || word == "range" || word == "with" || word == "define" || word == "block")) {
        t.kind = TokenKind::Open;
        t.loop = word == "range";
      } else if (!jinja && word == "else") {
        t.kind = TokenKind::Else;
      } else if (!jinja && word == "end") {
        t.kind = TokenKind::End;
      } else {
        t.kind = TokenKind::Interp;
      }
    } else if (jinja && c == '{' && (d == '%' || d == '#')) {
      const char closer[] = {d, '}', '\0'};
      size_t end = text.find(closer, i + 2);
      if (end == std::string_view::npos) {
        error(i, i + 2,
              std::string("unterminated template ") +
                  (d == '%' ? "statement '{%': expected '%}'" : "comment '{#': expected '#}'"));
        break;
      }
      inner = text.substr(i + 2, end - (i + 2));
      t.end = static_cast<uint32_t>(end + 2);
      std::string_view word = d == '%' ? first_word(trim_markers(inner)) : std::string_view();
      if (word == "if" || word == "for") {
        t.kind = TokenKind::Open;
        t.loop = word == "for";
      } else if (word == "elif" || word == "else") {
        t.kind = TokenKind::Else;
      } else if (word == "endif" || word == "endfor") {
        t.kind = TokenKind::End;
      } else {
        t.kind = TokenKind::Blank;  // {% set %}, {% include %}, a comment: no JSON output
      }
    } else {
      continue;
    }
    if (t.kind == TokenKind::Interp) t.expression = std::string(trim_markers(inner));
    out.tokens.push_back(std::move(t));
    i = out.tokens.back().end - 1;
  }
  return out;
}

// An if/for block: its branches are the text between its directives.
struct Block {
  size_t open = 0;                                  // token index
  std::vector<std::pair<uint32_t, uint32_t>> arms;  // byte ranges of the branches
  bool has_else = false;
  bool loop = false;
  size_t choices() const { return arms.size() + (has_else && !loop ? 0 : 1); }  // + "no branch"
};

// The display text of a computed value, as CloudFormation's are shown: "${name}" for a plain
// reference (it can never read as an IAM policy variable), "${...}" otherwise.
std::string display(std::string_view expression) {
  bool plain = !expression.empty();
  for (char c : expression) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '[' || c == ']')) plain = false;
  }
  return plain ? "${" + std::string(expression) + "}" : std::string("${...}");
}

// Rewrites a string's text: interpolations in display form, "$${"/"%%{" as "${"/"%{".
std::string string_text(std::string_view t, bool go_templates) {
  std::string out;
  for (size_t i = 0; i < t.size();) {
    if ((t[i] == '$' || t[i] == '%') && i + 2 < t.size() && t[i + 1] == t[i] && t[i + 2] == '{') {
      out += t[i];
      out += '{';
      i += 3;
    } else if (t[i] == '$' && i + 1 < t.size() && t[i + 1] == '{') {
      size_t close = close_brace(t, i + 2);
      if (close == std::string_view::npos) close = t.size() + 1;
      std::string_view inner = t.substr(i + 2, std::min(close, t.size()) - 1 - (i + 2));
      out += iam_variable(inner) ? "${" + std::string(inner) + "}" : display(trim_markers(inner));
      i = std::min(close, t.size());
    } else if (go_templates && t[i] == '{' && i + 1 < t.size() && t[i + 1] == '{') {
      size_t close = t.find("}}", i + 2);
      std::string_view inner =
          t.substr(i + 2, close == std::string_view::npos ? std::string_view::npos : close - i - 2);
      out += display(trim_markers(inner));
      i = close == std::string_view::npos ? t.size() : close + 2;
    } else {
      out += t[i++];
    }
  }
  return out;
}

struct Rendering {
  std::string text;
  std::vector<std::pair<uint32_t, uint32_t>> values;  // interpolations where a JSON value goes
  std::vector<std::pair<uint32_t, uint32_t>> inside;  // tokens kept inside strings
};

void blank(std::string& s, uint32_t begin, uint32_t end) {
  for (uint32_t k = begin; k < end && k < s.size(); ++k) {
    if (s[k] != '\n' && s[k] != '\r') s[k] = ' ';
  }
}

Rendering render(std::string_view text, const std::vector<Token>& tokens, const std::vector<Block>& blocks,
                 const std::vector<size_t>& choice) {
  Rendering r;
  r.text = std::string(text);
  for (size_t b = 0; b < blocks.size(); ++b) {
    for (size_t a = 0; a < blocks[b].arms.size(); ++a) {
      if (a != choice[b]) blank(r.text, blocks[b].arms[a].first, blocks[b].arms[a].second);
    }
  }
  std::vector<const Token*> kept;
  for (const auto& t : tokens) {
    if (t.kind != TokenKind::Interp) {
      // A directive inside a string is recorded so that the string reads as computed.
      kept.push_back(&t);
      continue;
    }
    if (r.text[t.begin] == text[t.begin]) kept.push_back(&t);  // not in a branch left out
  }
  bool in_string = false;
  size_t next = 0;
  for (size_t i = 0; i < r.text.size(); ++i) {
    while (next < kept.size() && kept[next]->end <= i) ++next;
    if (next < kept.size() && kept[next]->begin == i) {
      const Token& t = *kept[next];
      if (t.kind != TokenKind::Interp) {
        if (in_string) r.inside.emplace_back(t.begin, t.end);
        blank(r.text, t.begin, t.end);
      } else if (in_string) {
        for (uint32_t k = t.begin; k < t.end; ++k) {
          char& ch = r.text[k];
          if (ch == '"' || ch == '\\' || static_cast<unsigned char>(ch) < 0x20) ch = '_';
        }
        r.inside.emplace_back(t.begin, t.end);
      } else {
        for (uint32_t k = t.begin; k < t.end; ++k) {
          char& ch = r.text[k];
          ch = k == t.begin || k + 1 == t.end ? '"' : (ch == '\n' || ch == '\r' ? ch : '_');
        }
        r.values.emplace_back(t.begin, t.end);
      }
      i = t.end - 1;
      continue;
    }
    const char ch = r.text[i];
    if (ch == '\\' && in_string) {
      ++i;
    } else if (ch == '"') {
      in_string = !in_string;
    }
  }
  return r;
}

void mark_computed(JsonNode& n, const Rendering& r, const std::vector<Token>& tokens, bool go_templates) {
  if (n.is_string()) {
    for (const auto& [b, e] : r.values) {
      if (b == n.begin && e == n.end) {
        for (const auto& t : tokens) {
          if (t.begin == b) n.text = display(t.expression);
        }
        n.opaque = true;
        return;
      }
    }
    bool computed = false;
    for (const auto& [b, e] : r.inside) computed = computed || (b >= n.begin && e <= n.end);
    if (computed || n.text.find("{{") != std::string::npos || n.text.find("${") != std::string::npos ||
        n.text.find("%{") != std::string::npos) {
      n.text = string_text(n.text, go_templates);
      n.opaque = n.opaque || computed;
    }
    return;
  }
  for (auto& item : n.items) mark_computed(item, r, tokens, go_templates);
  for (auto& m : n.members) {
    if (m.key.find("${") != std::string::npos || m.key.find("{{") != std::string::npos) {
      const bool computed = std::any_of(r.inside.begin(), r.inside.end(), [&](const auto& range) {
        return range.first >= m.key_begin && range.second <= m.key_end;
      });
      m.key = string_text(m.key, go_templates);
      m.key_opaque = m.key_opaque || computed;
    }
    mark_computed(m.value, r, tokens, go_templates);
  }
}

LoadNote note(uint32_t offset, std::string message) { return LoadNote{offset, std::move(message)}; }

}  // namespace

bool is_template_path(std::string_view path) {
  return text::ci_ends_with(path, ".tpl") || text::ci_ends_with(path, ".tmpl") || jinja_path(path);
}

bool has_template_directives(std::string_view text) {
  for (size_t at = text.find("%{"); at != std::string_view::npos; at = text.find("%{", at + 2)) {
    if (at > 0 && text[at - 1] == '%') continue;
    std::string_view word = first_word(trim_markers(text.substr(at + 2, 16)));
    if (word == "if" || word == "for" || word == "else" || word == "endif" || word == "endfor") return true;
  }
  return false;
}

void extract_template(LoadedFile& file) {
  file.format = Format::Template;
  const std::string_view text = file.source->text();
  const bool named = is_template_path(file.source->path());
  const bool go_templates = named;
  if (!may_hold_iam(text)) {
    file.format = Format::Skipped;
    file.skip_reason = "not IAM: no policy or statement shape (no Version, Statement, Effect or Action)";
    return;
  }
  Scan scanned = scan(text, go_templates, jinja_path(file.source->path()));
  auto syntax_error = [&](std::vector<JsonError> errors) {
    auto list = std::make_unique<std::vector<JsonError>>(std::move(errors));
    file.errors.push_back(std::make_unique<JsonError>(list->front()));
    Document doc;
    doc.source = file.source.get();
    doc.fixable = false;
    doc.syntax_errors = list.get();
    doc.error = file.errors.back().get();
    file.syntax_errors.push_back(std::move(list));
    file.documents.push_back(std::move(doc));
  };
  if (!scanned.errors.empty()) return syntax_error(std::move(scanned.errors));

  // Directives into blocks, innermost first closed.
  std::vector<Block> blocks;
  std::vector<size_t> open;  // indexes into blocks
  std::vector<uint32_t> arm_begin;
  for (size_t i = 0; i < scanned.tokens.size(); ++i) {
    const Token& t = scanned.tokens[i];
    if (t.kind == TokenKind::Open) {
      Block b;
      b.open = i;
      b.loop = t.loop;
      open.push_back(blocks.size());
      arm_begin.push_back(t.end);
      blocks.push_back(std::move(b));
    } else if (t.kind == TokenKind::Else || t.kind == TokenKind::End) {
      if (open.empty()) {
        return syntax_error(
            {JsonError{t.begin, t.end,
                       std::string("template directive '") + std::string(text.substr(t.begin, t.end - t.begin)) +
                           "' without an opening if or for",
                       JsonRepair::None}});
      }
      Block& b = blocks[open.back()];
      b.arms.emplace_back(arm_begin.back(), t.begin);
      if (t.kind == TokenKind::Else) {
        b.has_else = true;
        arm_begin.back() = t.end;
      } else {
        open.pop_back();
        arm_begin.pop_back();
      }
    }
  }
  if (!open.empty()) {
    const Token& t = scanned.tokens[blocks[open.back()].open];
    return syntax_error({JsonError{t.begin, t.end,
                                   "template directive '" + std::string(text.substr(t.begin, t.end - t.begin)) +
                                       "' is never closed: expected an end directive",
                                   JsonRepair::None}});
  }
  size_t total = 1;
  for (const auto& b : blocks) {
    total *= b.choices();
    if (total > kMaxTemplateRenderings) break;
  }
  if (total > kMaxTemplateRenderings) {
    file.notes.push_back(note(scanned.tokens[blocks.front().open].begin,
                              "template not linted: its if/for directives have more than " +
                                  std::to_string(kMaxTemplateRenderings) + " combinations of branches"));
    return;
  }

  // Every combination: the first takes every first branch (loops rendered once).
  std::vector<std::unique_ptr<EmbeddedPolicy>> clean;
  std::unique_ptr<EmbeddedPolicy> first_broken;
  size_t broken = 0;
  std::vector<size_t> seen;
  for (size_t v = 0; v < total; ++v) {
    std::vector<size_t> choice(blocks.size());
    size_t rest = v;
    for (size_t b = 0; b < blocks.size(); ++b) {
      choice[b] = rest % blocks[b].choices();
      rest /= blocks[b].choices();
    }
    Rendering r = render(text, scanned.tokens, blocks, choice);
    if (v == 0) {
      size_t at = r.text.find_first_not_of(" \t\r\n");
      if (at != std::string::npos && r.text.compare(at, 3, "\xEF\xBB\xBF") == 0)
        at = r.text.find_first_not_of(" \t\r\n", at + 3);
      if (at == std::string::npos || (r.text[at] != '{' && r.text[at] != '[')) {
        file.format = Format::Skipped;
        file.skip_reason = "a template that does not hold JSON (sagelint reads JSON policy templates)";
        return;
      }
    }
    const size_t hash = std::hash<std::string>{}(r.text);
    if (std::find(seen.begin(), seen.end(), hash) != seen.end()) continue;
    seen.push_back(hash);
    auto parsed = std::make_unique<EmbeddedPolicy>();
    parsed->json = parse_json(r.text);
    if (parsed->json.root) mark_computed(*parsed->json.root, r, scanned.tokens, go_templates);
    if (parsed->json.root && parsed->json.errors.empty()) {
      clean.push_back(std::move(parsed));
    } else {
      ++broken;
      if (!first_broken) first_broken = std::move(parsed);
    }
  }
  if (clean.empty()) {
    // Broken in every rendering: the template is broken (or not JSON at all).
    if (!first_broken->json.root ? !broken_json_looks_like_policy(text) : !has_policy_shape(*first_broken->json.root)) {
      file.format = Format::Skipped;
      file.skip_reason = "not IAM: a template without the shape of a JSON policy";
      return;
    }
    file.json = std::move(first_broken->json);
    Document doc;
    doc.source = file.source.get();
    doc.fixable = false;
    file.syntax_errors.push_back(std::make_unique<std::vector<JsonError>>(file.json.errors));
    doc.syntax_errors = file.syntax_errors.back().get();
    if (file.json.root) {
      doc.root = file.json.root.get();
    } else {
      file.errors.push_back(std::make_unique<JsonError>(file.json.error));
      doc.error = file.errors.back().get();
    }
    file.documents.push_back(std::move(doc));
    return;
  }
  if (std::none_of(clean.begin(), clean.end(), [](const auto& p) { return has_policy_shape(*p->json.root); })) {
    file.format = Format::Skipped;
    file.skip_reason = "not IAM: no policy or statement shape (no Version, Statement, Effect or Action)";
    return;
  }
  // A rendering that leaves out every statement (each "if" false) is most often one the
  // conditions never allow together ("%{ if read_only }" and "%{ if !read_only }"): linted only
  // when every rendering is empty.
  const size_t rendered = broken + clean.size();
  auto empty_statement = [](const std::unique_ptr<EmbeddedPolicy>& p) {
    const JsonMember* st = p->json.root->is_object() ? p->json.root->find("Statement") : nullptr;
    return st != nullptr && st->value.is_array() && st->value.items.empty();
  };
  if (!std::all_of(clean.begin(), clean.end(), empty_statement)) {
    clean.erase(std::remove_if(clean.begin(), clean.end(), empty_statement), clean.end());
  }
  if (broken > 0) {
    file.notes.push_back(note(first_broken->json.error.offset,
                              std::to_string(broken) + " of " + std::to_string(rendered) +
                                  " renderings of the template's if/for directives are not valid JSON (" +
                                  first_broken->json.error.message + "); the others are linted"));
  }
  file.json = std::move(clean.front()->json);
  Document first;
  first.source = file.source.get();
  first.fixable = false;
  first.root = file.json.root.get();
  file.documents.push_back(std::move(first));
  for (size_t i = 1; i < clean.size(); ++i) {
    Document doc;
    doc.source = file.source.get();
    doc.fixable = false;
    doc.root = clean[i]->json.root.get();
    file.embedded.push_back(std::move(clean[i]));
    file.documents.push_back(std::move(doc));
  }
}

}  // namespace sagelint::input
