// The located JSON layer: byte ranges, JSON pointers, positions, and every parse error message.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "input/json.hpp"
#include "input/source.hpp"

using namespace sagelint::input;

namespace {

std::string_view slice(std::string_view text, uint32_t begin, uint32_t end) { return text.substr(begin, end - begin); }

// Parses text that must fail; returns the error with its line:column computed like the CLI does.
struct Failure {
  JsonError error;
  Position at;
};
Failure fail(const std::string& text) {
  JsonParseResult r = parse_json(text);
  REQUIRE_MESSAGE(!r.errors.empty(), text);
  CHECK(r.errors.front().message == r.error.message);
  SourceFile file("t.json", text);
  return {r.error, file.position(r.error.offset)};
}

}  // namespace

TEST_CASE("json: byte ranges of keys and values") {
  const std::string text =
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", 12, true, null]}]})";
  JsonParseResult r = parse_json(text);
  REQUIRE(r.root);
  const JsonNode& root = *r.root;
  CHECK(root.begin == 0);
  CHECK(root.end == text.size());
  const JsonMember* version = root.find("Version");
  REQUIRE(version != nullptr);
  CHECK(slice(text, version->key_begin, version->key_end) == "\"Version\"");
  CHECK(slice(text, version->value.begin, version->value.end) == "\"2012-10-17\"");
  const JsonNode& st = root.find("Statement")->value;
  CHECK(slice(text, st.begin, st.end).front() == '[');
  CHECK(slice(text, st.begin, st.end).back() == ']');
  const JsonNode& action = st.items[0].find("Action")->value;
  REQUIRE(action.items.size() == 4);
  CHECK(slice(text, action.items[0].begin, action.items[0].end) == "\"s3:GetObject\"");
  CHECK(action.items[0].text == "s3:GetObject");
  CHECK(slice(text, action.items[1].begin, action.items[1].end) == "12");
  CHECK(action.items[1].type == JsonType::Number);
  CHECK(action.items[1].text == "12");
  CHECK(slice(text, action.items[2].begin, action.items[2].end) == "true");
  CHECK(action.items[2].boolean);
  CHECK(slice(text, action.items[3].begin, action.items[3].end) == "null");
  CHECK(action.items[3].type == JsonType::Null);
}

TEST_CASE("json: escaped keys and values are unescaped, ranges cover the escapes") {
  const std::string text = R"({"a\"b": "x\u00e9\ud83d\ude00\n"})";
  JsonParseResult r = parse_json(text);
  REQUIRE(r.root);
  const JsonMember& m = r.root->members[0];
  CHECK(m.key == "a\"b");
  CHECK(slice(text, m.key_begin, m.key_end) == R"("a\"b")");
  CHECK(m.value.text == "x\xC3\xA9\xF0\x9F\x98\x80\n");
  CHECK(slice(text, m.value.begin, m.value.end) == R"("x\u00e9\ud83d\ude00\n")");
}

TEST_CASE("json: numbers keep their text, whitespace around values is not part of them") {
  const std::string text = "{ \"a\" :\t-0.5e+10 ,\n\"b\": [ 1 , 2 ] }";
  JsonParseResult r = parse_json(text);
  REQUIRE(r.root);
  const JsonNode& a = r.root->members[0].value;
  CHECK(a.text == "-0.5e+10");
  CHECK(slice(text, a.begin, a.end) == "-0.5e+10");
  const JsonNode& b = r.root->members[1].value;
  CHECK(slice(text, b.begin, b.end) == "[ 1 , 2 ]");
  CHECK(slice(text, b.items[1].begin, b.items[1].end) == "2");
}

TEST_CASE("json: pointers escape ~ and / (RFC 6901)") {
  const std::string text = R"({"Statement": [{"Condition": {"StringLike": {"aws:ResourceTag/team~x": ["a", "b"]}}}]})";
  JsonParseResult r = parse_json(text);
  REQUIRE(r.root);
  const JsonNode& values =
      r.root->find("Statement")->value.items[0].find("Condition")->value.find("StringLike")->value.members[0].value;
  CHECK(values.pointer() == "/Statement/0/Condition/StringLike/aws:ResourceTag~1team~0x");
  CHECK(values.items[1].pointer() == "/Statement/0/Condition/StringLike/aws:ResourceTag~1team~0x/1");
  CHECK(r.root->pointer().empty());

  std::string out;
  append_pointer_token(out, "a/b~c~/");
  CHECK(out == "a~1b~0c~0~1");
  out.clear();
  append_pointer_token(out, "~1");
  CHECK(out == "~01");
}

TEST_CASE("json: duplicate keys are kept in source order, find returns the first") {
  const std::string text = R"({"Effect": "Allow", "Action": "a:B", "Effect": "Deny", "Action": "c:D"})";
  JsonParseResult r = parse_json(text);
  REQUIRE(r.root);
  REQUIRE(r.root->members.size() == 4);
  CHECK(r.root->members[0].key == "Effect");
  CHECK(r.root->members[2].key == "Effect");
  CHECK(r.root->members[2].value.text == "Deny");
  CHECK(r.root->members[3].value.text == "c:D");
  CHECK(r.root->find("Effect") == &r.root->members[0]);
  CHECK(r.root->members[2].value.pointer() == "/Effect");
  CHECK(r.root->members[2].value.index_in_parent == 2);
}

TEST_CASE("json: a BOM is skipped, offsets stay file offsets, columns start after it") {
  const std::string text = "\xEF\xBB\xBF{\"Effect\": \"Allow\"}";
  JsonParseResult r = parse_json(text);
  REQUIRE(r.root);
  CHECK(r.has_bom);
  CHECK(r.root->begin == 3);
  SourceFile file("t.json", text);
  CHECK(file.position(r.root->begin).line == 1);
  CHECK(file.position(r.root->begin).column == 1);
  const JsonNode& v = r.root->members[0].value;
  CHECK(file.position(v.begin).column == 12);

  Failure f = fail("\xEF\xBB\xBF{\"a\": 1,}");
  CHECK(f.at.line == 1);
  CHECK(f.at.column == 8);
  CHECK(f.error.message.find("trailing comma before '}'") != std::string::npos);
}

TEST_CASE("json: columns count characters, not bytes (Japanese text)") {
  const std::string text = "{\n  \"Sid\": \"日本語の説明\", \"Effect\": \"Allow\"\n}";
  JsonParseResult r = parse_json(text);
  REQUIRE(r.root);
  SourceFile file("t.json", text);
  const JsonMember& effect = r.root->members[1];
  Position p = file.position(effect.key_begin);
  CHECK(p.line == 2);
  // `  "Sid": "日本語の説明", ` is 19 characters (but 29 bytes).
  CHECK(p.column == 20);
  CHECK(file.position(effect.value.begin).column == 30);

  Failure f = fail("{\"対象\": \"バケット\",}");
  CHECK(f.at.column == 14);
}

TEST_CASE("json: line numbers and line text with CRLF") {
  const std::string text = "{\r\n  \"a\": 1,\r\n  \"b\": 2\r\n}";
  JsonParseResult r = parse_json(text);
  REQUIRE(r.root);
  SourceFile file("t.json", text);
  Position p = file.position(r.root->members[1].key_begin);
  CHECK(p.line == 3);
  CHECK(p.column == 3);
  CHECK(file.line_text(2) == "  \"a\": 1,");
}

TEST_CASE("json: parse error messages and positions") {
  struct Case {
    std::string text;
    uint32_t line;
    uint32_t column;
    std::string_view message;  // a part of the message
  };
  const Case cases[] = {
      {"{\"Action\": [\"a:B\",\n]}", 1, 18, "trailing comma before ']'"},
      {"{\"a\": 1,\n}", 1, 8, "trailing comma before '}'"},
      {"{\"Resource\": <execution-role-arn>}", 1, 14, "unquoted placeholder <execution-role-arn>"},
      {"{'Effect': 'Allow'}", 1, 2, "member names must be in double quotes, found a single quote"},
      {"{\"Effect\": 'Allow'}", 1, 12, "strings must be in double quotes, found a single quote"},
      {"{Effect: \"Allow\"}", 1, 2, "member names must be in double quotes, found 'Effect'"},
      {"{\"Effect\": Allow}", 1, 12, "unquoted text 'Allow'"},
      {"{\"Effect\": True}", 1, 12, "true, false and null are lowercase"},
      {"{\"a\": 1 // note\n}", 1, 9, "comments are not allowed"},
      {"/* policy */ {}", 1, 1, "comments are not allowed"},
      {"{\"a\": 1\n \"b\": 2}", 2, 2, "expected ',' or '}' after an object member, found '\"' (missing comma?)"},
      {"[\"a\" \"b\"]", 1, 6, "expected ',' or ']' after an array element, found '\"' (missing comma?)"},
      {"{\"a\": \"abc}", 1, 7, "unterminated string: no closing double quote"},
      {"{\"a\": \"ab\nc\"}", 1, 7, "a line break inside a string must be written \\n"},
      {"{\"a\": \"C:\\Users\"}", 1, 10, "invalid escape \\U in string"},
      {"{\"a\": \"\\u12G4\"}", 1, 8, "invalid \\u escape: expected four hexadecimal digits"},
      {"{\"a\": \"\\ud800x\"}", 1, 8, "high surrogate \\ud800 must be followed by a low surrogate"},
      {"{\"a\": \"\\udc00\"}", 1, 8, "low surrogate \\udc00 without a high surrogate"},
      {"{\"a\": \"x\ty\"}", 1, 9, "control character U+0009 inside a string must be escaped"},
      {"{\"a\": \"x\xFFy\"}", 1, 9, "invalid UTF-8 byte 0xFF in string"},
      {"{\"a\": \"\xC3\x28\"}", 1, 8, "invalid UTF-8 byte 0xC3 in string"},
      {"{\"a\": \"\xED\xA0\x80\"}", 1, 8, "invalid UTF-8 byte 0xED in string"},
      {"{\"a\": 1}\xFF", 1, 9, "unexpected invalid UTF-8 byte 0xFF after the end"},
      {"{\"a\": 0123}", 1, 7, "leading zeros are not allowed"},
      {"{\"a\": 1.}", 1, 7, "expected digits after '.'"},
      {"{\"a\": 1e+}", 1, 7, "expected digits in the exponent"},
      {"{\"a\": -}", 1, 7, "invalid number '-'"},
      {"{\"a\": .5}", 1, 7, "invalid number '.5': a JSON number starts with a digit or '-'"},
      {"{\"a\": +1}", 1, 7, "invalid number '+1'"},
      {"{\"Version\": 2012-10-17}", 1, 13,
       "invalid number '2012-10-17': text such as dates and ARNs must be in double quotes"},
      {std::string("{\"a\": 1}\0", 9), 1, 9, "NUL byte (is this a binary file?)"},
      {std::string("{\"a\": \0}", 8), 1, 7, "found NUL byte"},
      {"", 1, 1, "empty file"},
      {"\xEF\xBB\xBF", 1, 1, "empty file"},
      {"  \n\t \r\n", 1, 1, "file holds only whitespace"},
      {"{\"a\": 1} x", 1, 10, "unexpected 'x' after the end of the JSON document"},
      {"{\"Effect\": \"Allow\"} {\"Effect\": \"Deny\"}", 1, 21, "a JSON file holds one value"},
      {"{\"a\": 1", 1, 8, "unexpected end of file: expected ',' or '}'"},
      {"{\"a\": [1", 1, 9, "unexpected end of file: expected ',' or ']'"},
      {"{\"a\" 1}", 1, 6, "expected ':' after the member name, found '1'"},
      {"{\"a\":}", 1, 6, "expected a value"},
      {"{,}", 1, 2, "expected a member name in double quotes, found ','"},
      {"{\n\xC2\xA0\xC2\xA0\"a\": 1}", 2, 1, "found the Unicode space U+00A0"},
      {"{\"a\":\xE3\x80\x80"
       "1}",
       1, 6, "found the Unicode space U+3000"},
      {"{\"a\": \xE3}", 1, 7, "found invalid UTF-8 byte 0xE3"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    Failure f = fail(c.text);
    CHECK(f.at.line == c.line);
    CHECK(f.at.column == c.column);
    CHECK_MESSAGE(f.error.message.find(c.message) != std::string::npos, f.error.message);
    CHECK(f.error.end >= f.error.offset);
  }
}

TEST_CASE("json: messages never echo invalid UTF-8") {
  for (std::string text : {"{\"a\": x\xFF}", "{\xFF: 1}", "{\"a\": 1}\xC3", "[abc\xE3\x81]"}) {
    CAPTURE(text);
    Failure f = fail(text);
    JsonParseResult again = parse_json("\"" + f.error.message + "\"");
    CHECK(again.root != nullptr);
  }
}

TEST_CASE("json: nesting up to 256 levels parses, deeper is an error at the 257th bracket") {
  std::string ok = std::string(256, '[') + std::string(256, ']');
  CHECK(parse_json(ok).root != nullptr);
  std::string deep = std::string(257, '[') + std::string(257, ']');
  Failure f = fail(deep);
  CHECK(f.error.message == "nesting deeper than 256 levels");
  CHECK(f.error.offset == 256);
  CHECK(f.at.column == 257);

  std::string objects;
  for (int i = 0; i < 257; ++i) objects += "{\"a\":";
  objects += "1" + std::string(257, '}');
  Failure g = fail(objects);
  CHECK(g.error.message == "nesting deeper than 256 levels");
  CHECK(g.error.offset == 256 * 5);
}

TEST_CASE("json: scalar roots parse (the rules say they are not policies)") {
  JsonParseResult s = parse_json("  \"policy\"  ");
  REQUIRE(s.root);
  CHECK(s.root->type == JsonType::String);
  CHECK(s.root->begin == 2);
  CHECK(s.root->end == 10);
  CHECK(parse_json("42").root->text == "42");
  CHECK(parse_json("null").root->type == JsonType::Null);
  Failure f = fail("\"a\tb\"");
  CHECK(f.error.message.find("control character U+0009") != std::string::npos);
}

TEST_CASE("json: embedded documents take the range of the containing token") {
  JsonParseResult r = parse_embedded_json(R"({"Statement": [{"Effect": "Allow"}]})", 100, 180);
  REQUIRE(r.root);
  CHECK(r.root->begin == 100);
  const JsonMember& effect = r.root->members[0].value.items[0].members[0];
  CHECK(effect.key_begin == 100);
  CHECK(effect.value.end == 180);
  CHECK(effect.value.pointer() == "/Statement/0/Effect");
  JsonParseResult bad = parse_embedded_json("{\"a\": 1 2}", 7, 20);
  CHECK(bad.root == nullptr);
  CHECK(bad.error.offset == 7);
  CHECK(bad.error.end == 20);
  JsonParseResult repaired = parse_embedded_json("{\"a\": 1,}", 7, 20);
  REQUIRE(repaired.root);
  REQUIRE(repaired.errors.size() == 1);
  CHECK(repaired.errors[0].offset == 7);
}

TEST_CASE("json: unquoted placeholders and trailing commas are repaired in place, every error kept") {
  // Seed 001's EKS admin policy shape: both mistakes in one document.
  const std::string text = "{\"Statement\": [{\"Resource\": <execution-role-arn>, \"Action\": [\"a:B\",]}]}";
  JsonParseResult r = parse_json(text);
  REQUIRE(r.root);
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].repair == JsonRepair::UnquotedPlaceholder);
  CHECK(slice(text, r.errors[0].offset, r.errors[0].end) == "<execution-role-arn>");
  CHECK(r.errors[1].repair == JsonRepair::TrailingComma);
  CHECK(slice(text, r.errors[1].offset, r.errors[1].end) == ",");
  const JsonNode& st = r.root->members[0].value.items[0];
  const JsonNode& resource = st.members[0].value;
  CHECK(resource.is_string());
  CHECK(resource.text == "<execution-role-arn>");  // the author's text, not the repair's
  CHECK(slice(text, resource.begin, resource.end) == "<execution-role-arn>");
  CHECK(st.members[1].value.items.size() == 1);
}

TEST_CASE("json: a repair chain stops at an error it cannot repair, reporting all it saw") {
  JsonParseResult r = parse_json("{\"a\": [1,], \"b\": 1 2}");
  CHECK(r.root == nullptr);
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].repair == JsonRepair::TrailingComma);
  CHECK(r.errors[1].repair == JsonRepair::None);
  // A placeholder holding a quote cannot be quoted in place.
  JsonParseResult q = parse_json("{\"a\": <say \"hi\">}");
  CHECK(q.root == nullptr);
  CHECK(q.errors.size() == 1);
}
