// Located JSON tree: every key and value keeps its byte range in the source buffer, so a
// finding can point at the exact token long after parsing. The tree is immutable once built.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sagelint::input {

enum class JsonType : uint8_t { Null, Bool, Number, String, Array, Object };

std::string_view type_name(JsonType type);  // "string", "array", ... as users read them

struct JsonMember;

struct JsonNode {
  JsonType type = JsonType::Null;
  bool boolean = false;
  // A value CloudFormation computes at deploy time (an intrinsic function such as Fn::Sub or
  // Ref inside a policy document): `text` shows it in Fn::Sub syntax ("${Bucket}"), so rules
  // must not judge it as the value IAM will see.
  bool opaque = false;
  uint32_t begin = 0;               // first byte of the token (quote, bracket, digit ...)
  uint32_t end = 0;                 // one past the last byte
  std::string text;                 // unescaped string, or the number exactly as written
  std::vector<JsonNode> items;      // Array
  std::vector<JsonMember> members;  // Object, source order, duplicates kept
  const JsonNode* parent = nullptr;
  uint32_t index_in_parent = 0;  // array index, or member index in parent->members

  bool is_string() const { return type == JsonType::String; }
  bool is_array() const { return type == JsonType::Array; }
  bool is_object() const { return type == JsonType::Object; }
  // First member with this exact key (IAM element names are case-sensitive).
  const JsonMember* find(std::string_view key) const;
  // RFC 6901 pointer of this node, e.g. "/Statement/1/Action/3".
  std::string pointer() const;
};

struct JsonMember {
  std::string key;  // unescaped
  uint32_t key_begin = 0;
  uint32_t key_end = 0;
  // The key is computed by a template engine ("${principal_type}", "${oidc_host}:sub" in a
  // policy template): rules must not judge it as the key IAM will see.
  bool key_opaque = false;
  JsonNode value;
};

// Escape one reference token for a JSON pointer ("~" -> "~0", "/" -> "~1").
void append_pointer_token(std::string& out, std::string_view token);

// Two mistakes are so common in policies copied from documentation that the parser repairs
// them in place (same length, so every offset stays right) to lint the rest of the file:
// an unquoted <placeholder> becomes a string, a trailing comma becomes a space.
enum class JsonRepair { None, UnquotedPlaceholder, TrailingComma };

struct JsonError {
  uint32_t offset = 0;                   // where the problem is
  uint32_t end = 0;                      // end of the offending token, >= offset
  std::string message;                   // what was found and what was expected
  JsonRepair repair = JsonRepair::None;  // how the parser can step over it
};

struct JsonParseResult {
  // Null when the text could not be parsed, even with repairs. Non-null with `errors` set
  // when repairs made it parseable: the tree is then what the author evidently meant.
  std::unique_ptr<JsonNode> root;
  JsonError error;                // the first error, if any
  std::vector<JsonError> errors;  // every error found, in order (the first is `error`)
  bool has_bom = false;
};

inline constexpr uint32_t kMaxJsonDepth = 256;

// `text` must stay alive while the tree is used; offsets index into it. A UTF-8 byte order
// mark is skipped (offsets stay file offsets). Any error is reported, never thrown.
JsonParseResult parse_json(std::string_view text);

// Parse a JSON text that lives inside another file (e.g. a policy URL-encoded in a string):
// every node of the result gets the range [begin, end) of the containing token.
JsonParseResult parse_embedded_json(std::string_view text, uint32_t begin, uint32_t end);

}  // namespace sagelint::input
