// HCL native syntax (HCL2, the language of Terraform's .tf files): a parser of its own that
// keeps the byte range of every block, attribute and expression, so a policy written in HCL can
// be linted with positions in the .tf file. It reads the whole language (comments, blocks,
// templates with interpolations and directives, heredocs, collections, function calls,
// traversals and splats, for-expressions, operators) and reports a syntax error as one
// diagnostic saying what was expected, then goes on with the next attribute or block.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sagelint::input::hcl {

struct Range {
  uint32_t begin = 0;  // first byte
  uint32_t end = 0;    // one past the last byte
};

enum class ExprKind : uint8_t {
  Null,
  Bool,
  Number,
  Template,     // quoted string or heredoc: `parts`
  Tuple,        // [a, b]: `items`
  Object,       // {k = v}: `members`
  Call,         // name(args): `name`, `items` = args, `expand_final` for a trailing "..."
  Variable,     // a root name: `name`
  GetAttr,      // items[0].name (also the legacy index items[0].0: name "0")
  Index,        // items[0][items[1]]
  Splat,        // items[0].* or items[0][*], then the traversal applied to each element: items[1]
  SplatItem,    // the element inside a splat's traversal (items[1] starts from it)
  For,          // [for k, v in items[0] : items[2] if items[3]] / {for ... : items[1] => items[2]}
  Conditional,  // items[0] ? items[1] : items[2]
  Binary,       // items[0] op items[1]: `name` = op
  Unary,        // op items[0]: `name` = "-" or "!"
  Parens,       // (items[0])
  Invalid,      // what a syntax error left
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct TemplatePart {
  enum class Kind : uint8_t { Literal, Interpolation, If, For };
  Kind kind = Kind::Literal;
  Range range;
  // Literal: the text it stands for (escapes decoded, "$${" as "${", heredoc indentation of
  // "<<-" removed). A literal's range may hold more bytes than its text.
  std::string text;
  ExprPtr expr;                         // Interpolation; If: the condition; For: the collection
  std::vector<TemplatePart> body;       // If: the true branch; For: the repeated body
  std::vector<TemplatePart> else_body;  // If
  std::string key_var;                  // For: "k" of %{ for k, v in ... }, may be empty
  std::string value_var;                // For
};

struct ObjectItem {
  ExprPtr key;  // a bare identifier key is a Variable expression with `bare_key` set
  ExprPtr value;
};

struct Expr {
  ExprKind kind = ExprKind::Invalid;
  Range range;
  bool boolean = false;
  bool heredoc = false;             // Template: written as <<EOT / <<-EOT
  bool expand_final = false;        // Call: f(a, b...)
  bool bare_key = false;            // an object key written as a plain identifier
  bool object_for = false;          // For: {for ...}
  bool grouping = false;            // For: value followed by "..."
  uint32_t height = 0;              // of the tree under items (bounded by kMaxHeight)
  std::string name;                 // Number: as written; Variable/GetAttr/Call name; operator
  std::string key_var;              // For
  std::string value_var;            // For
  std::vector<TemplatePart> parts;  // Template
  std::vector<ExprPtr> items;       // see ExprKind; absent optional parts are null
  std::vector<ObjectItem> members;  // Object

  // A template of literal parts only (quoted string or heredoc): its text.
  bool literal_string(std::string& out) const;
};

struct Block;

struct Attribute {
  std::string name;
  Range name_range;
  Range range;  // name through end of value
  ExprPtr value;
};

struct Body {
  std::vector<Attribute> attributes;  // source order
  std::vector<Block> blocks;          // source order
  Range range;

  const Attribute* attribute(std::string_view name) const;  // the first with this name
};

struct Block {
  std::string type;
  Range type_range;
  std::vector<std::string> labels;
  std::vector<Range> label_ranges;  // with the quotes of a quoted label
  Range open_brace;
  Range close_brace;
  Range range;  // type through closing brace
  Body body;
};

struct Diagnostic {
  Range range;
  std::string message;  // what was found and what was expected
};

struct File {
  Body body;
  std::vector<Diagnostic> errors;  // in source order; empty for a valid file
};

// Nesting deeper than this (brackets, calls, templates inside templates...) is reported as an
// error instead of being followed: the parser recurses, and hostile input must not overflow the
// stack.
inline constexpr uint32_t kMaxDepth = 200;
inline constexpr uint32_t kMaxHeight = 2000;

// `text` must stay alive while the result is used (ranges index into it).
File parse(std::string_view text);

// A short, printable rendering of the bytes at `offset` for a message: `'x'`, `end of file`,
// `newline`, or a code point such as `U+0007` (never a raw control character).
std::string describe_at(std::string_view text, uint32_t offset);

}  // namespace sagelint::input::hcl
