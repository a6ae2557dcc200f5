// A block's JSON is parsed from the Markdown file's own bytes (block quote markers blanked to
// spaces, comments blanked outside strings), so every offset is a Markdown file offset after one
// shift. Which blocks are policies:
// - the info string's first word is json, jsonc or json5 (any case), or there is no info string;
//   other languages (yaml, hcl, bash ...) are never read;
// - a block that is valid JSON is linted when it has a policy shape (has_policy_shape);
// - documentation elides: a block with "..." or "…" outside strings is a snippet and skipped;
//   `//` and `/* */` comments are read as whitespace (JSONC, JSON5);
// - a block that is not valid JSON is reported (invalid-json) only when it starts like JSON and
//   reads as a policy (broken_json_looks_like_policy): an unquoted <placeholder> or a trailing
//   comma in a policy is a mistake a reader will copy;
// - a block holding one statement (Effect or Action, no Statement) is linted as that statement;
//   a block whose root is neither a policy nor a statement (a template, a plan) is not read.
#include "input/markdown.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "input/containers.hpp"
#include "input/sniff.hpp"
#include "text/text.hpp"

namespace sagelint::input {

namespace {

struct Line {
  uint32_t begin = 0;
  uint32_t end = 0;   // before "\r\n" or "\n"
  uint32_t next = 0;  // after the line break
};

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  uint32_t at = 0;
  const auto n = static_cast<uint32_t>(text.size());
  while (at < n) {
    size_t nl = text.find('\n', at);
    Line l;
    l.begin = at;
    l.next = nl == std::string_view::npos ? n : static_cast<uint32_t>(nl + 1);
    l.end = nl == std::string_view::npos ? n : static_cast<uint32_t>(nl);
    if (l.end > l.begin && text[l.end - 1] == '\r') --l.end;
    lines.push_back(l);
    at = l.next;
  }
  return lines;
}

// Block quote markers at the start of a line, at most `max` of them (0: any number).
struct Quotes {
  int depth = 0;
  uint32_t rest = 0;
  std::vector<uint32_t> markers;
};

Quotes quotes(std::string_view text, const Line& line, int max) {
  Quotes q;
  uint32_t p = line.begin;
  while (max == 0 || q.depth < max) {
    uint32_t s = p;
    int spaces = 0;
    while (s < line.end && text[s] == ' ' && spaces < 3) ++s, ++spaces;
    if (s >= line.end || text[s] != '>') break;
    q.markers.push_back(s);
    ++s;
    if (s < line.end && (text[s] == ' ' || text[s] == '\t')) ++s;
    p = s;
    ++q.depth;
  }
  q.rest = p;
  return q;
}

// Columns of leading whitespace from `p` (a tab advances to the next multiple of 4), and the
// first byte after it.
uint32_t indent(std::string_view text, uint32_t p, uint32_t end, uint32_t& first) {
  uint32_t col = 0;
  while (p < end && (text[p] == ' ' || text[p] == '\t')) {
    col = text[p] == '\t' ? (col / 4 + 1) * 4 : col + 1;
    ++p;
  }
  first = p;
  return col;
}

// Skips up to `cols` columns of whitespace from `p`.
uint32_t skip_columns(std::string_view text, uint32_t p, uint32_t end, uint32_t cols) {
  uint32_t col = 0;
  while (p < end && col < cols && (text[p] == ' ' || text[p] == '\t')) {
    col = text[p] == '\t' ? (col / 4 + 1) * 4 : col + 1;
    ++p;
  }
  return p;
}

bool blank_from(std::string_view text, uint32_t p, uint32_t end) {
  for (; p < end; ++p) {
    if (text[p] != ' ' && text[p] != '\t') return false;
  }
  return true;
}

// A list marker at `p` ("-", "+", "*", "1." or "1)", then a space, a tab or the line's end):
// its length, or 0.
uint32_t list_marker(std::string_view text, uint32_t p, uint32_t end) {
  uint32_t m = 0;
  if (p < end && (text[p] == '-' || text[p] == '+' || text[p] == '*')) {
    m = 1;
  } else {
    uint32_t d = p;
    while (d < end && d - p < 9 && std::isdigit(static_cast<unsigned char>(text[d]))) ++d;
    if (d == p || d >= end || (text[d] != '.' && text[d] != ')')) return 0;
    m = d + 1 - p;
  }
  if (p + m < end && text[p + m] != ' ' && text[p + m] != '\t') return 0;
  return m;
}

struct Open {
  char mark = '`';
  uint32_t length = 0;
  uint32_t fence_indent = 0;  // columns before the fence, inside its container
  uint32_t container = 0;     // the list item's content column (0: none)
  int depth = 0;              // block quote depth
  FencedBlock block;
  std::vector<uint32_t> markers;
  bool any_content = false;
};

void finish(std::string_view text, Open& o, std::vector<FencedBlock>& out) {
  FencedBlock& b = o.block;
  if (!o.any_content) b.content_begin = b.content_end;
  b.masked = std::string(text.substr(b.content_begin, b.content_end - b.content_begin));
  for (uint32_t m : o.markers) {
    if (m >= b.content_begin && m < b.content_end) b.masked[m - b.content_begin] = ' ';
  }
  b.in_block_quote = o.depth > 0;
  out.push_back(std::move(b));
}

}  // namespace

bool is_markdown_path(std::string_view path) {
  return text::ci_ends_with(path, ".md") || text::ci_ends_with(path, ".mdx") || text::ci_ends_with(path, ".markdown");
}

std::vector<FencedBlock> fenced_blocks(std::string_view text) {
  std::vector<FencedBlock> out;
  const std::vector<Line> lines = split_lines(text);
  uint32_t list_col = 0;  // content column of the list item the text is in (0: none)
  int list_depth = 0;     // at this block quote depth
  std::optional<Open> open;
  for (size_t li = 0; li < lines.size();) {
    const Line& line = lines[li];
    if (open) {
      Quotes q = quotes(text, line, open->depth);
      uint32_t first = 0;
      const bool blank = blank_from(text, q.rest, line.end);
      if (q.depth < open->depth ||
          (!blank && open->container > 0 && indent(text, q.rest, line.end, first) < open->container)) {
        finish(text, *open, out);  // the container ends, and the block with it
        open.reset();
        continue;  // the line is read again outside the block
      }
      uint32_t p = skip_columns(text, q.rest, line.end, open->container);
      uint32_t ind = indent(text, p, line.end, first);
      uint32_t run = first;
      while (run < line.end && text[run] == open->mark) ++run;
      if (ind <= 3 && run - first >= open->length && blank_from(text, run, line.end)) {
        open->block.closed = true;
        finish(text, *open, out);
        open.reset();
        ++li;
        continue;
      }
      if (!open->any_content) open->block.content_begin = line.begin;
      open->any_content = true;
      open->block.content_end = line.next;
      open->markers.insert(open->markers.end(), q.markers.begin(), q.markers.end());
      p = skip_columns(text, p, line.end, open->fence_indent);
      open->block.content.append(text.substr(p, line.end - p));
      open->block.content += '\n';
      ++li;
      continue;
    }
    Quotes q = quotes(text, line, 0);
    if (q.depth != list_depth) {
      list_col = 0;
      list_depth = q.depth;
    }
    ++li;
    if (blank_from(text, q.rest, line.end)) continue;
    uint32_t first = 0;
    uint32_t col = indent(text, q.rest, line.end, first);
    if (list_col > 0 && col < list_col) list_col = 0;
    if (col - list_col <= 3) {
      if (uint32_t m = list_marker(text, first, line.end); m > 0) {
        uint32_t after = 0;
        uint32_t spaces = indent(text, first + m, line.end, after);
        if (after >= line.end) {
          list_col = col + m + 1;
          continue;
        }
        if (spaces > 4) {
          list_col = col + m + 1;
          continue;  // an indented code block inside the item
        }
        list_col = col + m + spaces;
        first = after;
        col = list_col;
      }
    }
    if (col < list_col || col - list_col > 3) continue;
    const char mark = text[first];
    if (mark != '`' && mark != '~') continue;
    uint32_t run = first;
    while (run < line.end && text[run] == mark) ++run;
    if (run - first < 3) continue;
    std::string_view info = text.substr(run, line.end - run);
    if (mark == '`' && info.find('`') != std::string_view::npos) continue;
    while (!info.empty() && (info.front() == ' ' || info.front() == '\t')) info.remove_prefix(1);
    while (!info.empty() && (info.back() == ' ' || info.back() == '\t')) info.remove_suffix(1);
    Open o;
    o.mark = mark;
    o.length = run - first;
    o.fence_indent = col - list_col;
    o.container = list_col;
    o.depth = q.depth;
    o.block.info = std::string(info);
    o.block.fence_line = static_cast<uint32_t>(li);  // li was advanced: 1-based
    o.block.content_begin = line.next;
    o.block.content_end = line.next;
    open = std::move(o);
  }
  if (open) finish(text, *open, out);
  return out;
}

namespace {

// A block is a policy or one statement when its root says so. A CloudFormation template or a
// Terraform plan shown in a block holds policies deeper down; those are not read from Markdown
// (lint the template itself), rather than linted as a policy without Statement.
bool policy_or_statement_root(const JsonNode& root) {
  if (!root.is_object()) return false;
  static constexpr std::string_view keys[] = {"version",      "id",       "statement",   "sid",
                                              "effect",       "action",   "notaction",   "principal",
                                              "notprincipal", "resource", "notresource", "condition"};
  for (const auto& m : root.members) {
    std::string key = text::lower(m.key);
    if (std::find(std::begin(keys), std::end(keys), key) != std::end(keys)) return true;
  }
  return false;
}

// Documentation shows one statement at least as often as a whole policy ({"Effect": "Allow",
// "Action": ...} to paste into a Statement list). Such a block is linted as that statement: it
// becomes {"Version": "2012-10-17", "Statement": {...}} in place, the added members spanning no
// text (never reported, never fixed), instead of a policy without Statement.
void wrap_statement(JsonNode& root) {
  if (!root.is_object()) return;
  bool statement_key = false;
  for (const auto& m : root.members) {
    std::string key = text::lower(m.key);
    if (key == "statement" || key == "version") return;
    if (key == "effect" || key == "action" || key == "notaction") statement_key = true;
  }
  if (!statement_key) return;
  wrap_in_policy(root);
}

// Blanks // and /* */ comments outside strings (same length, line breaks kept); true when the
// text elides ("..." or "…" outside strings).
bool strip_comments(std::string& s) {
  bool in_string = false;
  bool elided = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"' || c == '\n') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '/') {
      while (i < s.size() && s[i] != '\n') s[i++] = ' ';
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      size_t close = s.find("*/", i + 2);
      size_t stop = close == std::string::npos ? s.size() : close + 2;
      for (; i < stop; ++i) {
        if (s[i] != '\n') s[i] = ' ';
      }
      --i;
    } else if (c == '.' && s.compare(i, 3, "...") == 0) {
      elided = true;
    } else if (c == '\xE2' && s.compare(i, 3, "\xE2\x80\xA6") == 0) {
      elided = true;
    }
  }
  return elided;
}

bool json_label(std::string_view info) {
  size_t n = 0;
  while (n < info.size() && info[n] != ' ' && info[n] != '\t' && info[n] != '{' && info[n] != ',') ++n;
  const std::string_view word = info.substr(0, n);
  return text::ci_equal(word, "json") || text::ci_equal(word, "jsonc") || text::ci_equal(word, "json5");
}

}  // namespace

void extract_markdown(LoadedFile& file) {
  file.format = Format::Markdown;
  const std::string_view text = file.source->text();
  size_t fenced = 0;
  for (FencedBlock& block : fenced_blocks(text)) {
    if (!block.info.empty() && !json_label(block.info)) continue;
    ++fenced;
    auto policy = std::make_unique<EmbeddedPolicy>();
    policy->text = std::move(block.masked);
    if (!may_hold_iam(policy->text)) continue;
    if (strip_comments(policy->text)) continue;
    size_t start = policy->text.find_first_not_of(" \t\r\n");
    if (start == std::string::npos || (policy->text[start] != '{' && policy->text[start] != '[')) continue;
    policy->json = parse_json(policy->text);
    JsonParseResult& json = policy->json;
    if (json.root ? !has_policy_shape(*json.root) || !policy_or_statement_root(*json.root)
                  : !broken_json_looks_like_policy(policy->text)) {
      continue;
    }
    if (json.root) {
      shift_ranges(*json.root, block.content_begin);
      wrap_statement(*json.root);
    }
    for (auto& e : json.errors) {
      e.offset += block.content_begin;
      e.end += block.content_begin;
    }
    json.error.offset += block.content_begin;
    json.error.end += block.content_begin;
    Document doc;
    doc.source = file.source.get();
    // A fix edits tokens inside the block and never adds a line break; a block quote's
    // markers could still be caught in a deleted range.
    doc.fixable = !block.in_block_quote;
    if (json.root) {
      doc.root = json.root.get();
    } else {
      doc.error = &json.error;
    }
    if (!json.errors.empty()) doc.syntax_errors = &json.errors;
    file.embedded.push_back(std::move(policy));
    file.documents.push_back(std::move(doc));
  }
  if (file.documents.empty()) {
    file.format = Format::Skipped;
    file.skip_reason = fenced == 0 ? "Markdown without a json or unlabelled fenced code block"
                                   : "Markdown: no fenced code block holds a JSON policy (" + std::to_string(fenced) +
                                         " json or unlabelled block" + (fenced == 1 ? "" : "s") + " read)";
  }
}

}  // namespace sagelint::input
