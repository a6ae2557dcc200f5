// The HCL native-syntax parser: every construct of the language, the exact byte range of each
// block, attribute and expression, and errors that say where and what was expected.
#include <doctest/doctest.h>

#include <string>

#include "input/hcl.hpp"
#include "input/source.hpp"

using namespace sagelint::input;
using namespace sagelint::input::hcl;

namespace {

std::string_view slice(std::string_view text, Range r) { return text.substr(r.begin, r.end - r.begin); }

const Expr& value_of(const Body& body, std::string_view name) {
  const Attribute* a = body.attribute(name);
  REQUIRE_MESSAGE(a != nullptr, name);
  return *a->value;
}

std::string literal(const Expr& e) {
  std::string out;
  REQUIRE(e.literal_string(out));
  return out;
}

File parse_ok(std::string_view text) {
  File f = parse(text);
  for (const auto& e : f.errors) FAIL_CHECK("unexpected error at ", e.range.begin, ": ", e.message);
  return f;
}

Position where(std::string_view text, uint32_t offset) {
  SourceFile src("x.tf", std::string(text));
  return src.position(offset);
}

}  // namespace

TEST_CASE("blocks with labels, attributes and the three comment forms keep their ranges") {
  const std::string text =
      "# a comment\n"
      "// another\n"
      "/* and a\n block comment */\n"
      "resource \"aws_iam_role\" sagemaker_execution {\n"
      "  name = \"sagemaker-exec\" # trailing\n"
      "  tags = { team = \"ml\" }\n"
      "  lifecycle { create_before_destroy = true }\n"
      "}\n";
  File f = parse_ok(text);
  REQUIRE(f.body.blocks.size() == 1);
  const Block& b = f.body.blocks[0];
  CHECK(b.type == "resource");
  REQUIRE(b.labels.size() == 2);
  CHECK(b.labels[0] == "aws_iam_role");
  CHECK(b.labels[1] == "sagemaker_execution");
  CHECK(slice(text, b.label_ranges[0]) == "\"aws_iam_role\"");
  CHECK(slice(text, b.label_ranges[1]) == "sagemaker_execution");
  CHECK(slice(text, b.range).starts_with("resource \"aws_iam_role\""));
  CHECK(slice(text, b.range).ends_with("true }\n}"));
  const Attribute* name = b.body.attribute("name");
  REQUIRE(name != nullptr);
  CHECK(slice(text, name->name_range) == "name");
  CHECK(slice(text, name->range) == "name = \"sagemaker-exec\"");
  CHECK(literal(*name->value) == "sagemaker-exec");
  const Expr& tags = value_of(b.body, "tags");
  REQUIRE(tags.kind == ExprKind::Object);
  REQUIRE(tags.members.size() == 1);
  CHECK(tags.members[0].key->bare_key);
  CHECK(tags.members[0].key->name == "team");
  REQUIRE(b.body.blocks.size() == 1);
  CHECK(b.body.blocks[0].type == "lifecycle");
  CHECK(value_of(b.body.blocks[0].body, "create_before_destroy").boolean);
}

TEST_CASE("literals, collections with = or :, commas or newlines") {
  const std::string text =
      "n = 1.5e3\n"
      "i = 42\n"
      "t = true\n"
      "z = null\n"
      "tup = [1, \"a\",\n  false,\n]\n"
      "obj = {\n  a = 1\n  \"b\": 2, c = [3]\n}\n";
  File f = parse_ok(text);
  CHECK(value_of(f.body, "n").kind == ExprKind::Number);
  CHECK(value_of(f.body, "n").name == "1.5e3");
  CHECK(value_of(f.body, "i").name == "42");
  CHECK(value_of(f.body, "t").kind == ExprKind::Bool);
  CHECK(value_of(f.body, "z").kind == ExprKind::Null);
  const Expr& tup = value_of(f.body, "tup");
  REQUIRE(tup.kind == ExprKind::Tuple);
  CHECK(tup.items.size() == 3);
  CHECK(slice(text, tup.range) == "[1, \"a\",\n  false,\n]");
  const Expr& obj = value_of(f.body, "obj");
  REQUIRE(obj.members.size() == 3);
  CHECK(literal(*obj.members[1].key) == "b");
  CHECK(slice(text, obj.members[2].value->range) == "[3]");
}

TEST_CASE("templates: interpolation, directives and the $${ and %%{ escapes") {
  const std::string text =
      "a = \"arn:aws:s3:::${var.bucket}/*\"\n"
      "b = \"home/$${aws:username}/%%{x}\"\n"
      "c = \"%{ if var.x }yes%{ else }no%{ endif }\"\n"
      "d = \"%{ for k, v in var.m }${k}=${v},%{ endfor }\"\n"
      "e = \"tab\\there \\u00e9 \\\"q\\\"\"\n"
      "f = \"${~ var.x ~}\"\n";
  File f = parse_ok(text);
  const Expr& a = value_of(f.body, "a");
  REQUIRE(a.parts.size() == 3);
  CHECK(a.parts[0].text == "arn:aws:s3:::");
  CHECK(a.parts[1].kind == TemplatePart::Kind::Interpolation);
  CHECK(slice(text, a.parts[1].range) == "${var.bucket}");
  CHECK(slice(text, a.parts[1].expr->range) == "var.bucket");
  CHECK(a.parts[1].expr->kind == ExprKind::GetAttr);
  CHECK(a.parts[2].text == "/*");
  CHECK(literal(value_of(f.body, "b")) == "home/${aws:username}/%{x}");
  const Expr& c = value_of(f.body, "c");
  REQUIRE(c.parts.size() == 1);
  CHECK(c.parts[0].kind == TemplatePart::Kind::If);
  CHECK(c.parts[0].body[0].text == "yes");
  CHECK(c.parts[0].else_body[0].text == "no");
  const Expr& d = value_of(f.body, "d");
  REQUIRE(d.parts.size() == 1);
  CHECK(d.parts[0].kind == TemplatePart::Kind::For);
  CHECK(d.parts[0].key_var == "k");
  CHECK(d.parts[0].value_var == "v");
  CHECK(d.parts[0].body.size() == 4);
  CHECK(literal(value_of(f.body, "e")) == "tab\there \xC3\xA9 \"q\"");
  CHECK(value_of(f.body, "f").parts.size() == 1);
}

TEST_CASE("heredocs: <<EOT keeps indentation, <<-EOT removes the smallest") {
  const std::string text =
      "a = <<EOT\n"
      "  {\n"
      "    \"x\": \"${var.y}\"\n"
      "  }\n"
      "  EOT\n"
      "b = <<-EOT\n"
      "    one\n"
      "\n"
      "      two $${aws:userid}\n"
      "    EOT\n"
      "c = 1\n";
  File f = parse_ok(text);
  const Expr& a = value_of(f.body, "a");
  CHECK(a.heredoc);
  CHECK(slice(text, a.range) == "<<EOT\n  {\n    \"x\": \"${var.y}\"\n  }\n  EOT");
  REQUIRE(a.parts.size() == 3);
  CHECK(a.parts[0].text == "  {\n    \"x\": \"");
  CHECK(a.parts[2].text == "\"\n  }\n");
  CHECK(literal(value_of(f.body, "b")) == "one\n\n  two ${aws:userid}\n");
  CHECK(value_of(f.body, "c").name == "1");
}

TEST_CASE("calls, references, index and splat traversals, for-expressions, conditionals, operators") {
  const std::string text =
      "a = jsonencode({ Version = \"2012-10-17\" })\n"
      "b = data.aws_iam_policy_document.x.json\n"
      "c = aws_s3_bucket.b[0].arn\n"
      "d = aws_s3_bucket.b[*].arn\n"
      "e = var.list.*.id\n"
      "f = [for s in var.buckets : \"arn:aws:s3:::${s}/*\" if s != \"\"]\n"
      "g = {for k, v in var.m : k => v...}\n"
      "h = var.a ? 1 + 2 * 3 : -4\n"
      "i = !(var.x || var.y && var.z) == false\n"
      "j = concat(var.a, var.b...)\n"
      "k = provider::aws::arn_parse(var.arn)\n"
      "l = (\n  var.a\n  ? 1\n  : 2\n)\n"
      "m = var.x.0\n";
  File f = parse_ok(text);
  const Expr& a = value_of(f.body, "a");
  REQUIRE(a.kind == ExprKind::Call);
  CHECK(a.name == "jsonencode");
  REQUIRE(a.items.size() == 1);
  CHECK(a.items[0]->kind == ExprKind::Object);
  CHECK(slice(text, a.range) == "jsonencode({ Version = \"2012-10-17\" })");
  const Expr& b = value_of(f.body, "b");
  CHECK(b.kind == ExprKind::GetAttr);
  CHECK(b.name == "json");
  CHECK(slice(text, b.range) == "data.aws_iam_policy_document.x.json");
  const Expr& c = value_of(f.body, "c");
  CHECK(c.kind == ExprKind::GetAttr);
  CHECK(c.items[0]->kind == ExprKind::Index);
  const Expr& d = value_of(f.body, "d");
  REQUIRE(d.kind == ExprKind::Splat);
  REQUIRE(d.items[1] != nullptr);
  CHECK(d.items[1]->name == "arn");
  CHECK(slice(text, d.range) == "aws_s3_bucket.b[*].arn");
  CHECK(value_of(f.body, "e").kind == ExprKind::Splat);
  const Expr& fe = value_of(f.body, "f");
  REQUIRE(fe.kind == ExprKind::For);
  CHECK(fe.value_var == "s");
  CHECK(fe.items[3] != nullptr);
  const Expr& g = value_of(f.body, "g");
  CHECK(g.object_for);
  CHECK(g.grouping);
  const Expr& h = value_of(f.body, "h");
  REQUIRE(h.kind == ExprKind::Conditional);
  REQUIRE(h.items[1]->kind == ExprKind::Binary);
  CHECK(h.items[1]->name == "+");
  CHECK(h.items[1]->items[1]->name == "*");
  CHECK(h.items[2]->kind == ExprKind::Unary);
  const Expr& i = value_of(f.body, "i");
  CHECK(i.kind == ExprKind::Binary);
  CHECK(i.name == "==");
  CHECK(value_of(f.body, "j").expand_final);
  CHECK(value_of(f.body, "k").name == "provider::aws::arn_parse");
  CHECK(value_of(f.body, "l").kind == ExprKind::Parens);
  CHECK(value_of(f.body, "m").kind == ExprKind::Index);
}

TEST_CASE("a syntax error is one diagnostic at its place, and the rest of the file is read") {
  const std::string text =
      "a = [1, 2\n"
      "resource \"x\" \"y\" {\n"
      "  p = \"unterminated\n"
      "  q = 3\n"
      "}\n"
      "b = \"${aws:username}\"\n"
      "c = 4\n";
  File f = parse(text);
  REQUIRE(f.errors.size() == 3);
  Position p0 = where(text, f.errors[0].range.begin);
  CHECK(p0.line == 2);
  CHECK(p0.column == 1);
  CHECK(f.errors[0].message == "expected ',' or ']' after a tuple element, found 'resource'");
  Position p1 = where(text, f.errors[1].range.begin);
  CHECK(p1.line == 3);
  CHECK(p1.column == 7);
  CHECK(f.errors[1].message == "unterminated string: expected '\"' before the end of the line");
  Position p2 = where(text, f.errors[2].range.begin);
  CHECK(p2.line == 6);
  CHECK(p2.column == 11);
  CHECK(f.errors[2].message.find("$${") != std::string::npos);
  REQUIRE(f.body.blocks.size() == 1);
  CHECK(f.body.blocks[0].body.attribute("q") != nullptr);
  CHECK(f.body.attribute("c") != nullptr);
}

TEST_CASE("unterminated heredocs, strings, comments and blocks are reported, not crashed on") {
  for (std::string_view text : {"a = <<EOT\nno end\n", "a = \"abc", "/* open", "x {\n a = 1\n", "a = [", "a = {",
                                "a = <<EOT", "a = \"${", "a = \"%{ if x }", "}", "a = \"\\q\"", "= 1", "a = 1 b = 2"}) {
    File f = parse(text);
    CHECK_MESSAGE(!f.errors.empty(), text);
    for (const auto& e : f.errors) {
      CHECK(e.range.begin <= text.size());
      CHECK(e.range.end <= text.size());
      for (char c : e.message) CHECK(static_cast<unsigned char>(c) >= 0x20);
    }
  }
}

TEST_CASE("deep nesting gives a message, not a stack overflow") {
  for (std::string open : {"[", "{a=", "(", "-", "!", "f(", "\"${", "x[", "a ? b : "}) {
    std::string text = "a = ";
    for (int i = 0; i < 100000; ++i) text += open;
    File f = parse(text);
    REQUIRE_MESSAGE(!f.errors.empty(), open);
    CHECK(f.errors[0].message.find("nesting deeper than") != std::string::npos);
  }
  std::string chain = "a = x";
  for (int i = 0; i < 100000; ++i) chain += ".y";
  File f = parse(chain);
  REQUIRE(!f.errors.empty());
  CHECK(f.errors[0].message.find("nested deeper than") != std::string::npos);
  std::string blocks;
  for (int i = 0; i < 100000; ++i) blocks += "b {\n";
  CHECK(!parse(blocks).errors.empty());
}

TEST_CASE("invalid UTF-8 and control characters are reported printably") {
  const std::string text = "a = \"\xFF\"\nb = \x01\nc = 1\n";
  File f = parse(text);
  REQUIRE(f.errors.size() == 2);
  CHECK(f.errors[0].message == "invalid UTF-8 in a string");
  CHECK(f.errors[1].message == "expected an expression, found U+0001");
  CHECK(f.body.attribute("c") != nullptr);
  CHECK(describe_at("\xE2\x80\xAE", 0) == "U+202E");
  CHECK(describe_at("\xC3\xA9", 0) == "'\xC3\xA9'");
}
