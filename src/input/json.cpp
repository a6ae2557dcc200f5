// Parsing is split in two: simdjson On-Demand builds the located tree for well-formed input
// (the common case, and fast), and a small strict scanner runs only when simdjson fails, to
// say exactly where and what was expected (simdjson reports an error code, not a position).
#include "input/json.hpp"

#include <simdjson.h>

#include <cstring>
#include <string>

#include "input/json_diagnose.hpp"

namespace sagelint::input {

std::string_view type_name(JsonType type) {
  switch (type) {
    case JsonType::Null:
      return "null";
    case JsonType::Bool:
      return "boolean";
    case JsonType::Number:
      return "number";
    case JsonType::String:
      return "string";
    case JsonType::Array:
      return "array";
    case JsonType::Object:
      return "object";
  }
  return "value";
}

const JsonMember* JsonNode::find(std::string_view key) const {
  for (const auto& m : members) {
    // Keys are short and mostly differ in length or first letter: test those before memcmp.
    if (m.key.size() == key.size() && (key.empty() || (m.key.front() == key.front() && m.key == key))) return &m;
  }
  return nullptr;
}

void append_pointer_token(std::string& out, std::string_view token) {
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
}

std::string JsonNode::pointer() const {
  std::vector<const JsonNode*> chain;
  for (const JsonNode* n = this; n->parent != nullptr; n = n->parent) chain.push_back(n);
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const JsonNode* n = *it;
    out += '/';
    if (n->parent->type == JsonType::Object) {
      append_pointer_token(out, n->parent->members[n->index_in_parent].key);
    } else {
      out += std::to_string(n->index_in_parent);
    }
  }
  return out;
}

namespace {

namespace od = simdjson::ondemand;

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Children of an array or object are built on a scratch list per depth, then moved into a
// vector of exactly their number: growing the node's own vector one push_back at a time moved
// every child up to log2(n) times (a JsonNode is over 100 bytes) and allocated as often. The
// lists keep their capacity from file to file.
struct Scratch {
  std::vector<std::vector<JsonNode>> items{kMaxJsonDepth + 1};
  std::vector<std::vector<JsonMember>> members{kMaxJsonDepth + 1};
};

// Moves `from` into `to` (empty) and empties `from`, keeping a reasonable capacity for the next.
template <typename T>
void move_children(std::vector<T>& from, std::vector<T>& to) {
  to.reserve(from.size());
  for (T& child : from) to.push_back(std::move(child));
  constexpr size_t kKeep = 4096;  // a huge Statement array should not stay allocated
  if (from.capacity() > kKeep) {
    std::vector<T>().swap(from);
  } else {
    from.clear();
  }
}

class Builder {
 public:
  Builder(const char* base, uint32_t size, Scratch& scratch) : base_(base), size_(size), scratch_(scratch) {}

  // Returns false on any problem; the caller then asks the diagnoser where it is.
  bool value(od::value v, JsonNode& out, uint32_t depth) {
    if (depth > kMaxJsonDepth) return false;
    std::string_view token = v.raw_json_token();
    out.begin = offset(token.data());
    od::json_type t;
    if (v.type().get(t)) return false;
    switch (t) {
      case od::json_type::object: {
        out.type = JsonType::Object;
        od::object obj;
        if (v.get_object().get(obj)) return false;
        uint32_t last = out.begin + 1;
        std::vector<JsonMember>& members = scratch_.members[depth];
        members.clear();
        for (auto field_result : obj) {
          od::field field;
          if (std::move(field_result).get(field)) return false;
          JsonMember& member = members.emplace_back();  // deeper levels use other lists
          const char* raw = field.key().raw();
          member.key_begin = offset(raw) - 1;
          std::string_view key;
          if (field.unescaped_key().get(key)) return false;
          member.key.assign(key);
          member.key_end = string_end(member.key_begin);
          if (member.key_end == 0) return false;
          if (!value(field.value(), member.value, depth + 1)) return false;
          last = member.value.end;
        }
        move_children(members, out.members);
        out.end = close_after(last, '}');
        return out.end != 0;
      }
      case od::json_type::array: {
        out.type = JsonType::Array;
        od::array arr;
        if (v.get_array().get(arr)) return false;
        uint32_t last = out.begin + 1;
        std::vector<JsonNode>& items = scratch_.items[depth];
        items.clear();
        for (auto item_result : arr) {
          od::value item;
          if (item_result.get(item)) return false;
          JsonNode& child = items.emplace_back();  // deeper levels use other lists
          if (!value(item, child, depth + 1)) return false;
          last = child.end;
        }
        move_children(items, out.items);
        out.end = close_after(last, ']');
        return out.end != 0;
      }
      case od::json_type::string: {
        out.type = JsonType::String;
        std::string_view s;
        if (v.get_string().get(s)) return false;
        out.text.assign(s);
        out.end = string_end(out.begin);
        return out.end != 0 && no_control_chars(out.begin + 1, out.end - 1);
      }
      case od::json_type::number: {
        out.type = JsonType::Number;
        out.text.assign(trim(token));
        out.end = out.begin + static_cast<uint32_t>(out.text.size());
        return valid_number(out.text);
      }
      case od::json_type::boolean: {
        out.type = JsonType::Bool;
        if (v.get_bool().get(out.boolean)) return false;
        out.end = out.begin + (out.boolean ? 4 : 5);
        return true;
      }
      case od::json_type::null: {
        out.type = JsonType::Null;
        // is_null() yields a simdjson_result: converting it to bool throws on "nul" or "nulx".
        bool null = false;
        if (v.is_null().get(null) || !null) return false;
        out.end = out.begin + 4;
        return true;
      }
    }
    return false;
  }

  uint32_t offset(const char* p) const { return static_cast<uint32_t>(p - base_); }

  // Offset one past the closing quote of the string starting at `open` (0 if none). A quote
  // closes the string when an even number of backslashes precedes it; memchr finds the candidates
  // (every key and string value passes here, most of them long ARNs and action names).
  uint32_t string_end(uint32_t open) const {
    const char* first = base_ + open + 1;
    const char* end = base_ + size_;
    for (const char* p = first; p < end; ++p) {
      p = static_cast<const char*>(std::memchr(p, '"', static_cast<size_t>(end - p)));
      if (p == nullptr) return 0;
      size_t backslashes = 0;
      while (p - backslashes > first && p[-1 - static_cast<std::ptrdiff_t>(backslashes)] == '\\') ++backslashes;
      if (backslashes % 2 == 0) return static_cast<uint32_t>(p - base_) + 1;
    }
    return 0;
  }

  uint32_t close_after(uint32_t from, char bracket) const {
    uint32_t i = from;
    while (i < size_ && is_ws(base_[i])) ++i;
    return (i < size_ && base_[i] == bracket) ? i + 1 : 0;
  }

  bool no_control_chars(uint32_t from, uint32_t to) const {
    for (uint32_t i = from; i < to; ++i) {
      if (static_cast<unsigned char>(base_[i]) < 0x20) return false;
    }
    return true;
  }

  static std::string_view trim(std::string_view s) {
    while (!s.empty() && is_ws(s.back())) s.remove_suffix(1);
    return s;
  }

  static bool valid_number(std::string_view s) {
    size_t i = 0;
    if (i < s.size() && s[i] == '-') ++i;
    if (i >= s.size()) return false;
    if (s[i] == '0') {
      ++i;
    } else if (s[i] >= '1' && s[i] <= '9') {
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    } else {
      return false;
    }
    if (i < s.size() && s[i] == '.') {
      ++i;
      size_t digits = i;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
      if (i == digits) return false;
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
      ++i;
      if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
      size_t digits = i;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
      if (i == digits) return false;
    }
    return i == s.size();
  }

 private:
  const char* base_;
  uint32_t size_;
  Scratch& scratch_;
};

void finalize(JsonNode& node, const JsonNode* parent, uint32_t index) {
  node.parent = parent;
  node.index_in_parent = index;
  for (uint32_t i = 0; i < node.items.size(); ++i) finalize(node.items[i], &node, i);
  for (uint32_t i = 0; i < node.members.size(); ++i) finalize(node.members[i].value, &node, i);
}

void set_range(JsonNode& node, uint32_t begin, uint32_t end) {
  node.begin = begin;
  node.end = end;
  for (auto& item : node.items) set_range(item, begin, end);
  for (auto& m : node.members) {
    m.key_begin = begin;
    m.key_end = end;
    set_range(m.value, begin, end);
  }
}

struct ThreadState {
  od::parser parser;
  std::string buffer;
  Scratch scratch;
};

}  // namespace

static JsonParseResult parse_strict(std::string_view text) {
  JsonParseResult result;
  if (text.size() >= 0xFFFFFF00u) {
    result.error = {0, 0, "file too large for a policy document (over 4 GiB)"};
    return result;
  }
  uint32_t start = 0;
  if (text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0) {
    start = 3;
    result.has_bom = true;
  }
  const auto size = static_cast<uint32_t>(text.size());

  // simdjson reads up to SIMDJSON_PADDING bytes past the end: parse from a padded copy whose
  // offsets are the same as the original text's.
  thread_local ThreadState state;
  state.buffer.reserve(text.size() + simdjson::SIMDJSON_PADDING);
  state.buffer.assign(text.data(), text.size());
  state.buffer.append(simdjson::SIMDJSON_PADDING, ' ');
  state.buffer.resize(text.size());
  const char* base = state.buffer.data();

  auto diagnose = [&]() {
    result.root.reset();
    result.error = diagnose_json(text, start);
    return std::move(result);
  };

  bool only_ws = true;
  for (uint32_t i = start; i < size; ++i) {
    if (!is_ws(text[i])) {
      only_ws = false;
      break;
    }
  }
  if (only_ws) return diagnose();

  simdjson::padded_string_view view(base + start, size - start, size - start + simdjson::SIMDJSON_PADDING);
  od::document doc;
  if (state.parser.iterate(view).get(doc)) return diagnose();

  auto root = std::make_unique<JsonNode>();
  Builder builder(base, size, state.scratch);
  bool scalar = false;
  if (doc.is_scalar().get(scalar)) return diagnose();
  if (scalar) {
    // The root is a lone scalar; documents cannot be turned into values, read it directly.
    std::string_view token;
    if (doc.raw_json_token().get(token)) return diagnose();
    root->begin = builder.offset(token.data());
    od::json_type t;
    if (doc.type().get(t)) return diagnose();
    std::string_view trimmed = Builder::trim(token);
    root->end = root->begin + static_cast<uint32_t>(trimmed.size());
    switch (t) {
      case od::json_type::string: {
        std::string_view s;
        if (doc.get_string().get(s)) return diagnose();
        root->type = JsonType::String;
        root->text.assign(s);
        // simdjson does not reject raw control characters inside strings; the strict scanner does.
        if (!builder.no_control_chars(root->begin + 1, root->end - 1)) return diagnose();
        break;
      }
      case od::json_type::number:
        root->type = JsonType::Number;
        root->text.assign(trimmed);
        if (!Builder::valid_number(root->text)) return diagnose();
        break;
      case od::json_type::boolean:
        root->type = JsonType::Bool;
        if (doc.get_bool().get(root->boolean)) return diagnose();
        break;
      default:
        root->type = JsonType::Null;
        bool null = false;
        if (doc.is_null().get(null) || !null) return diagnose();
        break;
    }
  } else {
    od::value value;
    if (doc.get_value().get(value)) return diagnose();
    if (!builder.value(value, *root, 1)) return diagnose();
  }
  // The tree is only as trustworthy as the text after the root: only whitespace may follow.
  for (uint32_t i = root->end; i < size; ++i) {
    if (!is_ws(text[i])) return diagnose();
  }
  finalize(*root, nullptr, 0);
  result.root = std::move(root);
  return result;
}

namespace {

// Puts the placeholder's text back on the string node the repair turned it into.
void restore_placeholder(JsonNode& node, uint32_t begin, const std::string& original) {
  if (node.type == JsonType::String && node.begin == begin) {
    node.text = original;
    return;
  }
  for (auto& item : node.items) restore_placeholder(item, begin, original);
  for (auto& m : node.members) restore_placeholder(m.value, begin, original);
}

constexpr int kMaxRepairs = 64;

}  // namespace

JsonParseResult parse_json(std::string_view text) {
  JsonParseResult result = parse_strict(text);
  if (result.root) return result;
  result.errors.push_back(result.error);
  if (result.error.repair == JsonRepair::None) return result;
  // Repair in place, same length, and parse again: each round either parses or finds the
  // next error, which is real too (positions are unchanged).
  std::string patched(text);
  std::vector<std::pair<uint32_t, std::string>> placeholders;
  for (int round = 0; round < kMaxRepairs; ++round) {
    const JsonError& e = result.errors.back();
    if (e.repair == JsonRepair::UnquotedPlaceholder && e.end >= e.offset + 2) {
      placeholders.emplace_back(e.offset, patched.substr(e.offset, e.end - e.offset));
      patched[e.offset] = '"';
      patched[e.end - 1] = '"';
    } else if (e.repair == JsonRepair::TrailingComma) {
      patched[e.offset] = ' ';
    } else {
      return result;
    }
    JsonParseResult next = parse_strict(patched);
    if (next.root) {
      for (const auto& [begin, original] : placeholders) restore_placeholder(*next.root, begin, original);
      result.root = std::move(next.root);
      return result;
    }
    result.errors.push_back(next.error);
  }
  return result;
}

JsonParseResult parse_embedded_json(std::string_view text, uint32_t begin, uint32_t end) {
  std::string copy(text);
  JsonParseResult result = parse_json(copy);
  if (result.root) set_range(*result.root, begin, end);
  // Offsets inside the decoded text mean nothing in the file: point at the whole token.
  if (!result.errors.empty()) {
    result.error.offset = begin;
    result.error.end = end;
    for (auto& e : result.errors) {
      e.offset = begin;
      e.end = end;
    }
  }
  return result;
}

}  // namespace sagelint::input
