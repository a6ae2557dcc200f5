// A recursive-descent parser over the bytes (no separate token stream: HCL's templates switch
// between literal text and expressions inside one string, which a scannerless parser follows
// naturally). Newlines end an attribute, an object item and an expression, except inside
// parentheses, tuple brackets, function arguments, for-expressions and template interpolations,
// where they are whitespace, as in the HCL native syntax specification.
//
// Errors: the first error inside a body item (attribute or block) is recorded and the item is
// abandoned; a bracket-counting scan then skips to the end of the item (the next newline outside
// brackets, strings and heredocs) and parsing resumes there, so one typo costs one item.
#include "input/hcl.hpp"

#include <array>
#include <cstdio>

namespace sagelint::input::hcl {

bool Expr::literal_string(std::string& out) const {
  if (kind != ExprKind::Template) return false;
  out.clear();
  for (const auto& part : parts) {
    if (part.kind != TemplatePart::Kind::Literal) return false;
    out += part.text;
  }
  return true;
}

const Attribute* Body::attribute(std::string_view name) const {
  for (const auto& a : attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

namespace {

// Length of the valid UTF-8 sequence at s[i] (1-4), or 0 when it is not valid UTF-8.
size_t utf8_length(std::string_view s, size_t i, uint32_t* code_point = nullptr) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    if (code_point != nullptr) *code_point = b0;
    return 1;
  }
  size_t n = 0;
  uint32_t cp = 0;
  uint32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    n = 2;
    cp = b0 & 0x1F;
    min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    n = 3;
    cp = b0 & 0x0F;
    min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    n = 4;
    cp = b0 & 0x07;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  if (code_point != nullptr) *code_point = cp;
  return n;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_id_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
bool is_id_continue(char c) { return is_id_start(c) || is_digit(c) || c == '-'; }

struct Op {
  std::string_view text;
  int precedence;
};
// Longest first, so "<=" is not read as "<".
constexpr std::array<Op, 13> kOps = {{{"||", 1},
                                      {"&&", 2},
                                      {"==", 3},
                                      {"!=", 3},
                                      {"<=", 4},
                                      {">=", 4},
                                      {"<", 4},
                                      {">", 4},
                                      {"+", 5},
                                      {"-", 5},
                                      {"*", 6},
                                      {"/", 6},
                                      {"%", 6}}};

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text), end_(static_cast<uint32_t>(text.size())) {}

  File run() {
    File file;
    if (s_.starts_with("\xEF\xBB\xBF")) p_ = 3;
    file.body.range.begin = p_;
    body(file.body, true);
    file.body.range.end = end_;
    file.errors = std::move(errors_);
    return file;
  }

 private:
  std::string_view s_;
  uint32_t p_ = 0;
  uint32_t end_;
  uint32_t depth_ = 0;
  bool newlines_ = false;  // newlines are whitespace in the current context
  bool failed_ = false;    // the current body item had an error: unwind
  std::vector<Diagnostic> errors_;

  char at(uint32_t i) const { return i < end_ ? s_[i] : '\0'; }
  char cur() const { return at(p_); }
  bool eof() const { return p_ >= end_; }
  bool looking_at(std::string_view t) const { return p_ + t.size() <= end_ && s_.substr(p_, t.size()) == t; }

  void fail(uint32_t begin, uint32_t end, std::string message) {
    if (failed_) return;
    failed_ = true;
    errors_.push_back({{begin, std::max(end, begin)}, std::move(message)});
  }
  // An error about the character at p_: "expected X, found Y".
  void expected(std::string_view what) {
    uint32_t len = 1;
    if (!eof()) {
      size_t n = utf8_length(s_, p_);
      len = n == 0 ? 1 : static_cast<uint32_t>(n);
    } else {
      len = 0;
    }
    fail(p_, std::min(p_ + len, end_),
         "expected " + std::string(what) + ", found " + describe_at(s_.substr(0, end_), p_));
  }

  struct NewlineScope {
    Parser& p;
    bool saved;
    NewlineScope(Parser& parser, bool on) : p(parser), saved(parser.newlines_) { p.newlines_ = on; }
    ~NewlineScope() { p.newlines_ = saved; }
  };
  struct DepthScope {
    Parser& p;
    bool ok;
    explicit DepthScope(Parser& parser) : p(parser), ok(++parser.depth_ <= kMaxDepth) {
      if (!ok) {
        p.fail(p.p_, std::min(p.p_ + 1, p.end_),
               "nesting deeper than " + std::to_string(kMaxDepth) + " levels; sagelint does not read further");
      }
    }
    ~DepthScope() { --p.depth_; }
  };

  // Spaces, tabs, comments; newlines too when `newlines`.
  void skip_space(bool newlines) {
    while (!eof()) {
      char c = cur();
      if (c == ' ' || c == '\t' || (c == '\r' && at(p_ + 1) != '\n')) {
        ++p_;
      } else if (c == '\n' || c == '\r') {
        if (!newlines) return;
        ++p_;
      } else if (c == '#' || (c == '/' && at(p_ + 1) == '/')) {
        while (!eof() && cur() != '\n' && !(cur() == '\r' && at(p_ + 1) == '\n')) ++p_;
      } else if (c == '/' && at(p_ + 1) == '*') {
        uint32_t start = p_;
        p_ += 2;
        while (!eof() && !looking_at("*/")) ++p_;
        if (eof()) {
          fail(start, start + 2, "unterminated comment: expected '*/' to close the comment opened here");
          return;
        }
        p_ += 2;
      } else {
        return;
      }
    }
  }
  void ws() { skip_space(newlines_); }
  bool at_newline() const { return cur() == '\n' || (cur() == '\r' && at(p_ + 1) == '\n'); }

  std::string identifier(Range& r) {
    r.begin = p_;
    while (!eof() && is_id_continue(cur())) {
      if (static_cast<unsigned char>(cur()) >= 0x80) {
        size_t n = utf8_length(s_.substr(0, end_), p_);
        if (n == 0) {
          fail(p_, p_ + 1, "invalid UTF-8 in a name");
          break;
        }
        p_ += static_cast<uint32_t>(n);
      } else {
        ++p_;
      }
    }
    r.end = p_;
    return std::string(s_.substr(r.begin, r.end - r.begin));
  }
  bool keyword_at(std::string_view word) const { return looking_at(word) && !is_id_continue(at(p_ + word.size())); }

  // ---- bodies ----

  // Reads items until '}' (nested, left unconsumed) or the end of the text (top level).
  void body(Body& out, bool top) {
    while (true) {
      skip_space(true);
      if (eof()) return;
      if (cur() == '}') {
        if (!top) return;
        fail(p_, p_ + 1, "unexpected '}': no block is open here");
        failed_ = false;
        ++p_;
        continue;
      }
      const uint32_t start = p_;
      item(out, top);
      if (failed_) {
        failed_ = false;
        // An error found at the end of the text (an unclosed block, usually after an error
        // inside it) leaves nothing to skip; rescanning the item would make nested unclosed
        // blocks quadratic.
        if (!eof()) recover(start, top);
      }
    }
  }

  void item(Body& out, bool top) {
    if (!is_id_start(cur()) ||
        (static_cast<unsigned char>(cur()) >= 0x80 && utf8_length(s_.substr(0, end_), p_) == 0)) {
      expected("an attribute name or a block type");
      return;
    }
    Range name_range;
    std::string name = identifier(name_range);
    if (failed_) return;
    skip_space(false);
    if (cur() == '=' && at(p_ + 1) != '=') {
      ++p_;
      skip_space(false);
      Attribute attr;
      attr.name = std::move(name);
      attr.name_range = name_range;
      attr.value = expression();
      if (failed_) return;
      attr.range = {name_range.begin, attr.value->range.end};
      end_of_item(top, "after the value of '" + attr.name + "'");
      if (failed_) return;
      out.attributes.push_back(std::move(attr));
      return;
    }
    Block block;
    block.type = std::move(name);
    block.type_range = name_range;
    while (true) {
      skip_space(false);
      if (cur() == '"') {
        ExprPtr label = template_expr();
        if (failed_) return;
        std::string text;
        if (!label->literal_string(text)) {
          fail(label->range.begin, label->range.end, "a block label cannot contain interpolations or directives");
          return;
        }
        block.labels.push_back(std::move(text));
        block.label_ranges.push_back(label->range);
      } else if (is_id_start(cur())) {
        Range r;
        block.labels.push_back(identifier(r));
        if (failed_) return;
        block.label_ranges.push_back(r);
      } else {
        break;
      }
    }
    if (cur() != '{') {
      expected(block.labels.empty() ? "'=' or '{' after '" + block.type + "'"
                                    : "'{' to open the '" + block.type + "' block");
      return;
    }
    DepthScope depth(*this);
    if (!depth.ok) return;
    block.open_brace = {p_, p_ + 1};
    ++p_;
    body(block.body, false);
    if (failed_) return;
    if (cur() != '}') {
      // After an error inside the block whose recovery ran to the end, that error says it.
      if (recovered_to_end_) {
        failed_ = true;
        return;
      }
      fail(block.open_brace.begin, block.open_brace.end,
           "unclosed block: expected '}' to close the '" + block.type + "' block opened here");
      return;
    }
    block.close_brace = {p_, p_ + 1};
    ++p_;
    block.range = {block.type_range.begin, p_};
    block.body.range = {block.open_brace.end, block.close_brace.begin};
    end_of_item(top, "after the '" + block.type + "' block");
    if (failed_) return;
    out.blocks.push_back(std::move(block));
  }

  void end_of_item(bool top, const std::string& where) {
    skip_space(false);
    if (eof() || at_newline()) return;
    if (!top && cur() == '}') return;  // a one-line block: name { a = 1 }
    expected("a newline " + where);
  }

  // Skips what is left of a broken item: to the next newline outside brackets, strings and
  // heredocs (or to an unmatched '}' of the enclosing block, left in place).
  void recover(uint32_t start, bool top) {
    p_ = start;
    int depth = 0;
    while (!eof()) {
      char c = cur();
      if (c == '\n') {
        // An unclosed bracket would swallow the rest of the file: a name at the start of a line
        // at the top level (how every Terraform block starts) begins the next item.
        if (depth <= 0 || (top && is_id_start(at(p_ + 1)))) return;
        ++p_;
      } else if (c == '{' || c == '[' || c == '(') {
        ++depth;
        ++p_;
      } else if (c == '}' || c == ']' || c == ')') {
        if (depth == 0 && c == '}' && !top) return;
        if (depth > 0) --depth;
        ++p_;
      } else if (c == '"') {
        ++p_;
        while (!eof() && cur() != '"' && cur() != '\n') p_ += cur() == '\\' && at(p_ + 1) != '\n' ? 2 : 1;
        if (cur() == '"') ++p_;
      } else if (c == '#' || (c == '/' && at(p_ + 1) == '/')) {
        while (!eof() && cur() != '\n') ++p_;
      } else if (c == '/' && at(p_ + 1) == '*') {
        size_t close = s_.substr(0, end_).find("*/", p_ + 2);
        p_ = close == std::string_view::npos ? end_ : static_cast<uint32_t>(close + 2);
      } else if (c == '<' && at(p_ + 1) == '<') {
        uint32_t save = p_;
        std::string marker;
        uint32_t content = 0;
        if (heredoc_opener(marker, content)) {
          uint32_t line_start = 0;
          uint32_t after = 0;
          p_ = find_heredoc_close(marker, content, line_start, after) ? after : end_;
        } else {
          p_ = save + 2;
        }
      } else {
        ++p_;
      }
    }
    recovered_to_end_ = true;
  }

  // ---- expressions ----

  ExprPtr make(ExprKind kind, uint32_t begin, uint32_t end) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->range = {begin, end};
    return e;
  }
  // Adds a child, keeping the tree's height bounded: long traversal or operator chains nest to
  // the left without recursing in the parser, but the tree is walked (and freed) recursively.
  void adopt(Expr& parent, ExprPtr child) {
    if (child && child->height + 1 > parent.height) parent.height = child->height + 1;
    if (parent.height > kMaxHeight) {
      fail(parent.range.begin, std::min(parent.range.begin + 1, end_),
           "expression nested deeper than " + std::to_string(kMaxHeight) + " levels; sagelint does not read further");
    }
    parent.items.push_back(std::move(child));
  }
  // The same for a child held elsewhere (object members, for-expression parts, templates).
  void lift(Expr& parent, uint32_t child_height) {
    if (child_height + 1 > parent.height) parent.height = child_height + 1;
    if (parent.height > kMaxHeight) {
      fail(parent.range.begin, std::min(parent.range.begin + 1, end_),
           "expression nested deeper than " + std::to_string(kMaxHeight) + " levels; sagelint does not read further");
    }
  }
  uint32_t parts_height_ = 0;
  bool recovered_to_end_ =
      false;  // an error recovery skipped to the end of the text  // tallest expression in the template being read
  ExprPtr invalid() { return make(ExprKind::Invalid, p_, p_); }

  ExprPtr expression() {
    DepthScope depth(*this);
    if (!depth.ok) return invalid();
    ExprPtr cond = binary(1);
    if (failed_) return cond;
    uint32_t save = p_;
    ws();
    if (cur() != '?') {
      p_ = save;
      return cond;
    }
    ++p_;
    ws();
    ExprPtr yes = expression();
    if (failed_) return yes;
    ws();
    if (cur() != ':') {
      expected("':' of the conditional expression");
      return invalid();
    }
    ++p_;
    ws();
    ExprPtr no = expression();
    if (failed_) return no;
    auto e = make(ExprKind::Conditional, cond->range.begin, no->range.end);
    adopt(*e, std::move(cond));
    adopt(*e, std::move(yes));
    adopt(*e, std::move(no));
    return e;
  }

  const Op* peek_op() const {
    for (const auto& op : kOps) {
      if (!looking_at(op.text)) continue;
      // "=>" of a for-expression and "..." are not operators; "<<" starts no operand here.
      if (op.text == "<" && at(p_ + 1) == '<') return nullptr;
      return &op;
    }
    return nullptr;
  }

  ExprPtr binary(int min_precedence) {
    ExprPtr left = unary();
    while (!failed_) {
      uint32_t save = p_;
      ws();
      const Op* op = peek_op();
      if (op == nullptr || op->precedence < min_precedence) {
        p_ = save;
        break;
      }
      p_ += static_cast<uint32_t>(op->text.size());
      ws();
      ExprPtr right = binary(op->precedence + 1);
      if (failed_) return right;
      auto e = make(ExprKind::Binary, left->range.begin, right->range.end);
      e->name = std::string(op->text);
      adopt(*e, std::move(left));
      adopt(*e, std::move(right));
      left = std::move(e);
    }
    return left;
  }

  ExprPtr unary() {
    if (cur() == '-' || cur() == '!') {
      DepthScope depth(*this);
      if (!depth.ok) return invalid();
      uint32_t begin = p_;
      char op = cur();
      ++p_;
      ws();
      ExprPtr operand = unary();
      if (failed_) return operand;
      auto e = make(ExprKind::Unary, begin, operand->range.end);
      e->name = std::string(1, op);
      adopt(*e, std::move(operand));
      return e;
    }
    ExprPtr t = term();
    if (failed_) return t;
    return postfix(std::move(t));
  }

  // Traversals after a term: .name, .0, [index], and the splats .* and [*].
  ExprPtr postfix(ExprPtr e) {
    while (!failed_) {
      uint32_t save = p_;
      ws();
      if (cur() == '.' && at(p_ + 1) == '*') {
        p_ += 2;
        e = splat(std::move(e), true);
      } else if (cur() == '[' && looking_at("[*]")) {
        p_ += 3;
        e = splat(std::move(e), false);
      } else if (!traverse_one(e, true)) {
        p_ = save;
        break;
      }
    }
    return e;
  }

  // One .name / .0 / [index] step (indexes only when `brackets`); false when none is here.
  bool traverse_one(ExprPtr& e, bool brackets) {
    if (cur() == '.' && at(p_ + 1) != '.') {
      uint32_t dot = p_;
      ++p_;
      if (is_digit(cur())) {
        uint32_t b = p_;
        while (is_digit(cur())) ++p_;
        auto key = make(ExprKind::Number, b, p_);
        key->name = std::string(s_.substr(b, p_ - b));
        auto idx = make(ExprKind::Index, e->range.begin, p_);
        adopt(*idx, std::move(e));
        adopt(*idx, std::move(key));
        e = std::move(idx);
        return true;
      }
      if (!is_id_start(cur())) {
        p_ = dot;
        ++p_;
        expected("an attribute name after '.'");
        return true;
      }
      Range r;
      std::string name = identifier(r);
      auto ga = make(ExprKind::GetAttr, e->range.begin, r.end);
      ga->name = std::move(name);
      adopt(*ga, std::move(e));
      e = std::move(ga);
      return true;
    }
    if (brackets && cur() == '[' && !looking_at("[*]")) {
      NewlineScope nl(*this, true);
      ++p_;
      ws();
      ExprPtr key = expression();
      if (failed_) return true;
      ws();
      if (cur() != ']') {
        expected("']' to close the index");
        return true;
      }
      ++p_;
      auto idx = make(ExprKind::Index, e->range.begin, p_);
      adopt(*idx, std::move(e));
      adopt(*idx, std::move(key));
      e = std::move(idx);
      return true;
    }
    return false;
  }

  ExprPtr splat(ExprPtr source, bool attr_only) {
    auto s = make(ExprKind::Splat, source->range.begin, p_);
    adopt(*s, std::move(source));
    ExprPtr each = make(ExprKind::SplatItem, p_, p_);
    bool any = false;
    while (!failed_) {
      uint32_t save = p_;
      ws();
      if (!traverse_one(each, !attr_only)) {
        p_ = save;
        break;
      }
      any = true;
    }
    if (any) {
      s->range.end = each->range.end;
      adopt(*s, std::move(each));
    } else {
      s->items.push_back(nullptr);
    }
    return s;
  }

  ExprPtr term() {
    const uint32_t begin = p_;
    char c = cur();
    if (is_digit(c)) return number();
    if (c == '"') return template_expr();
    if (c == '<' && at(p_ + 1) == '<') return heredoc();
    if (c == '[') return tuple();
    if (c == '{') return object();
    if (c == '(') {
      NewlineScope nl(*this, true);
      ++p_;
      ws();
      ExprPtr inner = expression();
      if (failed_) return inner;
      ws();
      if (cur() != ')') {
        expected("')' to close the parenthesis");
        return invalid();
      }
      ++p_;
      auto e = make(ExprKind::Parens, begin, p_);
      adopt(*e, std::move(inner));
      return e;
    }
    if (is_id_start(c) && (static_cast<unsigned char>(c) < 0x80 || utf8_length(s_.substr(0, end_), p_) != 0)) {
      Range r;
      std::string name = identifier(r);
      if (failed_) return invalid();
      if (name == "true" || name == "false") {
        auto e = make(ExprKind::Bool, r.begin, r.end);
        e->boolean = name == "true";
        return e;
      }
      if (name == "null") return make(ExprKind::Null, r.begin, r.end);
      // Provider-defined functions: provider::aws::arn_parse(...).
      while (looking_at("::") && is_id_start(at(p_ + 2))) {
        p_ += 2;
        Range more;
        identifier(more);
        name = std::string(s_.substr(r.begin, more.end - r.begin));
        r.end = more.end;
      }
      uint32_t save = p_;
      skip_space(false);
      if (cur() == '(') return call(std::move(name), r);
      p_ = save;
      if (name.find("::") != std::string::npos) {
        expected("'(' after the function name");
        return invalid();
      }
      auto e = make(ExprKind::Variable, r.begin, r.end);
      e->name = std::move(name);
      return e;
    }
    expected("an expression");
    return invalid();
  }

  ExprPtr number() {
    uint32_t b = p_;
    while (is_digit(cur())) ++p_;
    if (cur() == '.' && is_digit(at(p_ + 1))) {
      ++p_;
      while (is_digit(cur())) ++p_;
    }
    if (cur() == 'e' || cur() == 'E') {
      uint32_t save = p_;
      ++p_;
      if (cur() == '+' || cur() == '-') ++p_;
      if (!is_digit(cur())) {
        p_ = save;
      } else {
        while (is_digit(cur())) ++p_;
      }
    }
    auto e = make(ExprKind::Number, b, p_);
    e->name = std::string(s_.substr(b, p_ - b));
    return e;
  }

  ExprPtr call(std::string name, Range name_range) {
    NewlineScope nl(*this, true);
    auto e = make(ExprKind::Call, name_range.begin, name_range.end);
    e->name = std::move(name);
    ++p_;  // (
    ws();
    while (!failed_ && cur() != ')') {
      ExprPtr arg = expression();
      if (failed_) return invalid();
      adopt(*e, std::move(arg));
      ws();
      if (looking_at("...")) {
        p_ += 3;
        e->expand_final = true;
        ws();
        if (cur() != ')') {
          expected("')' after the expanded last argument");
          return invalid();
        }
        break;
      }
      if (cur() == ',') {
        ++p_;
        ws();
        continue;
      }
      if (cur() != ')') {
        expected("',' or ')' in the arguments of " + e->name + "()");
        return invalid();
      }
    }
    if (failed_) return invalid();
    ++p_;
    e->range.end = p_;
    return e;
  }

  ExprPtr tuple() {
    NewlineScope nl(*this, true);
    uint32_t begin = p_;
    ++p_;
    ws();
    if (keyword_at("for")) return for_expr(begin, false);
    auto e = make(ExprKind::Tuple, begin, begin);
    while (!failed_ && cur() != ']') {
      ExprPtr item = expression();
      if (failed_) return invalid();
      adopt(*e, std::move(item));
      ws();
      if (cur() == ',') {
        ++p_;
        ws();
        continue;
      }
      if (cur() != ']') {
        expected("',' or ']' after a tuple element");
        return invalid();
      }
    }
    if (failed_) return invalid();
    ++p_;
    e->range.end = p_;
    return e;
  }

  ExprPtr object() {
    uint32_t begin = p_;
    ++p_;
    {
      NewlineScope nl(*this, true);
      uint32_t save = p_;
      ws();
      if (keyword_at("for")) return for_expr(begin, true);
      p_ = save;
    }
    NewlineScope nl(*this, false);
    auto e = make(ExprKind::Object, begin, begin);
    while (!failed_) {
      skip_space(true);
      if (cur() == '}') break;
      ObjectItem item;
      {
        NewlineScope key_nl(*this, false);
        item.key = expression();
      }
      if (failed_) return invalid();
      if (item.key->kind == ExprKind::Variable) item.key->bare_key = true;
      ws();
      if ((cur() == '=' && at(p_ + 1) != '=' && at(p_ + 1) != '>') || cur() == ':') {
        ++p_;
      } else {
        expected("'=' or ':' after the object key");
        return invalid();
      }
      ws();
      item.value = expression();
      if (failed_) return invalid();
      lift(*e, item.key->height);
      lift(*e, item.value->height);
      if (failed_) return invalid();
      e->members.push_back(std::move(item));
      ws();
      if (cur() == ',') {
        ++p_;
        continue;
      }
      if (at_newline() || cur() == '}') continue;
      expected("',', a newline or '}' after an object item");
      return invalid();
    }
    if (failed_) return invalid();
    ++p_;
    e->range.end = p_;
    return e;
  }

  ExprPtr for_expr(uint32_t begin, bool object) {
    NewlineScope nl(*this, true);
    auto e = make(ExprKind::For, begin, begin);
    e->object_for = object;
    p_ += 3;  // for
    ws();
    if (!is_id_start(cur())) {
      expected("a variable name after 'for'");
      return invalid();
    }
    Range r;
    std::string first = identifier(r);
    ws();
    if (cur() == ',') {
      ++p_;
      ws();
      if (!is_id_start(cur())) {
        expected("a value variable name after ','");
        return invalid();
      }
      e->key_var = std::move(first);
      e->value_var = identifier(r);
      ws();
    } else {
      e->value_var = std::move(first);
    }
    if (!keyword_at("in")) {
      expected("'in' in the for expression");
      return invalid();
    }
    p_ += 2;
    ws();
    e->items.resize(4);
    e->items[0] = expression();
    if (failed_) return invalid();
    ws();
    if (cur() != ':') {
      expected("':' after the for expression's collection");
      return invalid();
    }
    ++p_;
    ws();
    if (object) {
      e->items[1] = expression();
      if (failed_) return invalid();
      ws();
      if (!looking_at("=>")) {
        expected("'=>' between the key and the value of the for expression");
        return invalid();
      }
      p_ += 2;
      ws();
    }
    e->items[2] = expression();
    if (failed_) return invalid();
    ws();
    if (object && looking_at("...")) {
      e->grouping = true;
      p_ += 3;
      ws();
    }
    if (keyword_at("if")) {
      p_ += 2;
      ws();
      e->items[3] = expression();
      if (failed_) return invalid();
      ws();
    }
    for (const auto& item : e->items) {
      if (item) lift(*e, item->height);
    }
    if (failed_) return invalid();
    char close = object ? '}' : ']';
    if (cur() != close) {
      expected(object ? "'}' to end the for expression" : "']' to end the for expression");
      return invalid();
    }
    ++p_;
    e->range.end = p_;
    return e;
  }

  // ---- templates ----

  struct TemplateMode {
    bool quoted = true;
    uint32_t strip_indent = 0;  // <<- heredoc: leading spaces/tabs removed from each line
  };

  ExprPtr template_expr() {
    DepthScope depth(*this);
    if (!depth.ok) return invalid();
    uint32_t open = p_;
    ++p_;
    auto e = make(ExprKind::Template, open, open);
    TemplateMode mode;
    const uint32_t saved_height = parts_height_;
    parts_height_ = 0;
    std::string stop = parts(e->parts, mode, open, false);
    lift(*e, parts_height_);
    parts_height_ = std::max(saved_height, parts_height_);
    if (failed_) return invalid();
    if (!stop.empty()) {
      fail(directive_begin_, p_, "'%{ " + stop + " }' without a matching opening directive");
      return invalid();
    }
    ++p_;  // closing quote
    e->range.end = p_;
    return e;
  }

  // "<<EOT" or "<<-EOT" followed by a newline: the marker and where the content starts.
  bool heredoc_opener(std::string& marker, uint32_t& content) {
    uint32_t q = p_ + 2;
    if (at(q) == '-') ++q;
    if (!is_id_start(at(q))) return false;
    uint32_t b = q;
    while (q < end_ && is_id_continue(s_[q])) ++q;
    marker = std::string(s_.substr(b, q - b));
    if (at(q) == '\r' && at(q + 1) == '\n') ++q;
    if (at(q) != '\n') return false;
    content = q + 1;
    return true;
  }

  // The line holding only the marker (after optional indentation): its start, and the offset
  // just past the marker.
  bool find_heredoc_close(const std::string& marker, uint32_t content, uint32_t& line_start, uint32_t& after) const {
    uint32_t q = content;
    while (q < end_) {
      uint32_t line = q;
      while (q < end_ && (s_[q] == ' ' || s_[q] == '\t')) ++q;
      if (s_.substr(q).starts_with(marker)) {
        uint32_t m = q + static_cast<uint32_t>(marker.size());
        uint32_t t = m;
        if (t < end_ && s_[t] == '\r') ++t;
        if (t >= end_ || s_[t] == '\n') {
          line_start = line;
          after = m;
          return true;
        }
      }
      while (q < end_ && s_[q] != '\n') ++q;
      if (q < end_) ++q;
    }
    return false;
  }

  ExprPtr heredoc() {
    DepthScope depth(*this);
    if (!depth.ok) return invalid();
    uint32_t open = p_;
    std::string marker;
    uint32_t content = 0;
    if (!heredoc_opener(marker, content)) {
      p_ += 2;
      if (cur() == '-') ++p_;
      expected(is_id_start(cur()) ? "a newline right after the heredoc marker"
                                  : "a heredoc marker such as EOT after '<<'");
      return invalid();
    }
    const bool indented = at(open + 2) == '-';
    uint32_t marker_end = open + 2 + (indented ? 1 : 0) + static_cast<uint32_t>(marker.size());
    uint32_t close_line = 0;
    uint32_t after = 0;
    if (!find_heredoc_close(marker, content, close_line, after)) {
      fail(open, marker_end, "unterminated heredoc: expected a line with only '" + marker + "' to close it");
      return invalid();
    }
    TemplateMode mode;
    mode.quoted = false;
    if (indented) mode.strip_indent = min_indent(content, close_line);
    auto e = make(ExprKind::Template, open, after);
    e->heredoc = true;
    const uint32_t saved_end = end_;
    end_ = close_line;
    p_ = content;
    const uint32_t saved_height = parts_height_;
    parts_height_ = 0;
    std::string stop = parts(e->parts, mode, open, true);
    lift(*e, parts_height_);
    parts_height_ = std::max(saved_height, parts_height_);
    end_ = saved_end;
    if (failed_) return invalid();
    if (!stop.empty()) {
      fail(directive_begin_, p_, "'%{ " + stop + " }' without a matching opening directive");
      return invalid();
    }
    p_ = after;
    return e;
  }

  uint32_t min_indent(uint32_t begin, uint32_t end) const {
    uint32_t best = UINT32_MAX;
    uint32_t q = begin;
    while (q < end) {
      uint32_t n = 0;
      while (q < end && (s_[q] == ' ' || s_[q] == '\t')) {
        ++q;
        ++n;
      }
      bool blank = q >= end || s_[q] == '\n' || (s_[q] == '\r' && q + 1 < end && s_[q + 1] == '\n');
      if (!blank && n < best) best = n;
      while (q < end && s_[q] != '\n') ++q;
      if (q < end) ++q;
    }
    return best == UINT32_MAX ? 0 : best;
  }

  uint32_t directive_begin_ = 0;

  // Reads template parts until the closing quote (quoted; left unconsumed), the end of the
  // heredoc content, or a %{ else } / %{ endif } / %{ endfor } directive, whose keyword is
  // returned (p_ after its closing brace). `open`: where the template starts, for messages.
  std::string parts(std::vector<TemplatePart>& out, const TemplateMode& mode, uint32_t open, bool heredoc) {
    TemplatePart lit;
    lit.range.begin = p_;
    bool strip_next = false;  // a "~}" strips the whitespace at the start of the next literal
    auto flush = [&](uint32_t end, bool strip_trailing) {
      if (strip_trailing) {
        while (!lit.text.empty() && (lit.text.back() == ' ' || lit.text.back() == '\t' || lit.text.back() == '\n' ||
                                     lit.text.back() == '\r')) {
          lit.text.pop_back();
        }
      }
      lit.range.end = end;
      if (lit.range.end > lit.range.begin || !lit.text.empty()) out.push_back(std::move(lit));
      lit = TemplatePart();
    };
    bool line_start = heredoc;
    while (true) {
      if (failed_) return {};
      if (strip_next) {
        while (!eof() && (cur() == ' ' || cur() == '\t' || cur() == '\n' || cur() == '\r')) ++p_;
        strip_next = false;
        line_start = false;
      }
      if (line_start && mode.strip_indent > 0) {
        uint32_t n = 0;
        while (n < mode.strip_indent && (cur() == ' ' || cur() == '\t')) {
          ++p_;
          ++n;
        }
      }
      line_start = false;
      if (eof()) {
        if (mode.quoted) {
          fail(open, open + 1, "unterminated string: expected '\"' to close the string opened here");
          return {};
        }
        flush(p_, false);
        return {};
      }
      char c = cur();
      if (mode.quoted && c == '"') {
        flush(p_, false);
        return {};
      }
      if (mode.quoted && (c == '\n' || c == '\r')) {
        fail(open, open + 1, "unterminated string: expected '\"' before the end of the line");
        return {};
      }
      if (mode.quoted && c == '\\') {
        escape(lit.text);
        continue;
      }
      if ((c == '$' || c == '%') && at(p_ + 1) == c && at(p_ + 2) == '{') {
        lit.text += c;
        lit.text += '{';
        p_ += 3;
        continue;
      }
      if (c == '$' && at(p_ + 1) == '{') {
        uint32_t b = p_;
        p_ += 2;
        bool strip_before = cur() == '~';
        if (strip_before) ++p_;
        flush(b, strip_before);
        TemplatePart interp;
        interp.kind = TemplatePart::Kind::Interpolation;
        NewlineScope nl(*this, true);
        ws();
        interp.expr = expression();
        if (failed_) return {};
        parts_height_ = std::max(parts_height_, interp.expr->height + 1);
        ws();
        if (cur() == '~') {
          ++p_;
          strip_next = true;
        }
        if (cur() != '}') {
          if (cur() == ':') {
            expected("'}' to end the interpolation (an IAM policy variable is written $${...} in Terraform)");
          } else {
            expected("'}' to end the interpolation");
          }
          return {};
        }
        ++p_;
        interp.range = {b, p_};
        out.push_back(std::move(interp));
        lit.range.begin = p_;
        continue;
      }
      if (c == '%' && at(p_ + 1) == '{') {
        uint32_t b = p_;
        p_ += 2;
        bool strip_before = cur() == '~';
        if (strip_before) ++p_;
        flush(b, strip_before);
        NewlineScope nl(*this, true);
        ws();
        if (keyword_at("else") || keyword_at("endif") || keyword_at("endfor")) {
          directive_begin_ = b;
          Range r;
          std::string kw = identifier(r);
          if (!directive_close()) return {};
          return kw;
        }
        DepthScope depth(*this);
        if (!depth.ok) return {};
        TemplatePart d;
        d.range.begin = b;
        if (keyword_at("if")) {
          d.kind = TemplatePart::Kind::If;
          p_ += 2;
          ws();
          d.expr = expression();
          if (failed_ || !directive_close()) return {};
          parts_height_ = std::max(parts_height_, d.expr->height + depth_);
          std::string stop = parts(d.body, mode, open, heredoc);
          if (failed_) return {};
          if (stop == "else") {
            stop = parts(d.else_body, mode, open, heredoc);
            if (failed_) return {};
          }
          if (stop != "endif") {
            fail(b, b + 2, "'%{ if }' without '%{ endif }'");
            return {};
          }
        } else if (keyword_at("for")) {
          d.kind = TemplatePart::Kind::For;
          p_ += 3;
          ws();
          Range r;
          if (!is_id_start(cur())) {
            expected("a variable name after 'for'");
            return {};
          }
          std::string first = identifier(r);
          ws();
          if (cur() == ',') {
            ++p_;
            ws();
            d.key_var = std::move(first);
            if (!is_id_start(cur())) {
              expected("a value variable name after ','");
              return {};
            }
            d.value_var = identifier(r);
            ws();
          } else {
            d.value_var = std::move(first);
          }
          if (!keyword_at("in")) {
            expected("'in' in the for directive");
            return {};
          }
          p_ += 2;
          ws();
          d.expr = expression();
          if (failed_ || !directive_close()) return {};
          parts_height_ = std::max(parts_height_, d.expr->height + depth_);
          std::string stop = parts(d.body, mode, open, heredoc);
          if (failed_) return {};
          if (stop != "endfor") {
            fail(b, b + 2, "'%{ for }' without '%{ endfor }'");
            return {};
          }
        } else {
          expected("'if', 'for', 'else', 'endif' or 'endfor' in a template directive");
          return {};
        }
        d.range.end = p_;
        out.push_back(std::move(d));
        lit.range.begin = p_;
        continue;
      }
      if (static_cast<unsigned char>(c) >= 0x80) {
        size_t n = utf8_length(s_.substr(0, end_), p_);
        if (n == 0) {
          fail(p_, p_ + 1, "invalid UTF-8 in a string");
          return {};
        }
        lit.text.append(s_.substr(p_, n));
        p_ += static_cast<uint32_t>(n);
        continue;
      }
      lit.text += c;
      ++p_;
      if (c == '\n') line_start = true;
    }
  }

  // After a directive's keyword and arguments: optional "~", then "}".
  bool directive_close() {
    ws();
    bool strip = cur() == '~';
    if (strip) ++p_;
    if (cur() != '}') {
      expected("'}' to end the template directive");
      return false;
    }
    ++p_;
    if (strip) {
      while (!eof() && (cur() == ' ' || cur() == '\t' || cur() == '\n' || cur() == '\r')) ++p_;
    }
    return true;
  }

  void escape(std::string& out) {
    uint32_t b = p_;
    char e = at(p_ + 1);
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case 'u':
      case 'U': {
        uint32_t digits = e == 'u' ? 4 : 8;
        uint32_t cp = 0;
        for (uint32_t k = 0; k < digits; ++k) {
          char h = at(p_ + 2 + k);
          int v = is_digit(h)              ? h - '0'
                  : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                  : (h >= 'A' && h <= 'F') ? h - 'A' + 10
                                           : -1;
          if (v < 0) {
            fail(b, p_ + 2 + k, std::string("expected ") + std::to_string(digits) + " hex digits after '\\" + e + "'");
            return;
          }
          cp = cp * 16 + static_cast<uint32_t>(v);
        }
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
          fail(b, p_ + 2 + digits, "the escape does not name a Unicode character");
          return;
        }
        append_utf8(out, cp);
        p_ += 2 + digits;
        return;
      }
      default:
        fail(b, std::min(b + 2, end_),
             "invalid escape sequence: expected \\n, \\r, \\t, \\\", \\\\, \\uNNNN or \\UNNNNNNNN after '\\'");
        return;
    }
    p_ += 2;
  }
};

}  // namespace

File parse(std::string_view text) {
  if (text.size() > UINT32_MAX - 16) {
    File f;
    f.errors.push_back({{0, 0}, "file too large for the HCL reader"});
    return f;
  }
  return Parser(text).run();
}

namespace {
// (Not "'" + std::string(...): g++ 12 warns falsely about that with -Wrestrict.)
std::string quoted(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '\'';
  out.append(s);
  out += '\'';
  return out;
}
}  // namespace

std::string describe_at(std::string_view text, uint32_t offset) {
  if (offset >= text.size()) return "end of file";
  char c = text[offset];
  if (c == '\n' || (c == '\r' && offset + 1 < text.size() && text[offset + 1] == '\n')) return "a newline";
  if (static_cast<unsigned char>(c) < 0x80 && is_id_start(c)) {
    size_t n = 1;
    while (offset + n < text.size() && n < 32 && static_cast<unsigned char>(text[offset + n]) < 0x80 &&
           is_id_continue(text[offset + n])) {
      ++n;
    }
    return quoted(text.substr(offset, n));
  }
  uint32_t cp = 0;
  size_t n = utf8_length(text, offset, &cp);
  if (n == 0) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "byte 0x%02X (invalid UTF-8)", static_cast<unsigned char>(c));
    return buf;
  }
  if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || (cp >= 0x200B && cp <= 0x200F) ||
      (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", cp);
    return buf;
  }
  return quoted(text.substr(offset, n));
}

}  // namespace sagelint::input::hcl
