// libyaml's event parser, not yaml-cpp: every event carries a start and an end mark, scalars say
// whether they were quoted (a quoted "true" is a string), and tags come with the node, so the
// tree can keep exact token ranges without a second pass. libyaml counts marks in characters;
// they are mapped back to byte offsets here.
#include "input/yaml.hpp"

#include <yaml.h>

#include <cstring>
#include <string>
#include <vector>

namespace sagelint::input {

void relink(JsonNode& node, const JsonNode* parent, uint32_t index) {
  node.parent = parent;
  node.index_in_parent = index;
  for (uint32_t i = 0; i < node.items.size(); ++i) relink(node.items[i], &node, i);
  for (uint32_t i = 0; i < node.members.size(); ++i) relink(node.members[i].value, &node, i);
}

namespace {

class Event {
 public:
  Event() { std::memset(&event_, 0, sizeof event_); }
  ~Event() { clear(); }
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;
  yaml_event_t* get() { return &event_; }
  const yaml_event_t& operator*() const { return event_; }
  const yaml_event_t* operator->() const { return &event_; }
  void clear() {
    if (live_) yaml_event_delete(&event_);
    live_ = false;
  }
  void set_live() { live_ = true; }

 private:
  yaml_event_t event_;
  bool live_ = false;
};

bool json_number(std::string_view s) {
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
    size_t digits = ++i;
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

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {
    uint32_t start = 0;
    if (text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0) start = 3;
    // libyaml's mark.index counts characters after the BOM.
    for (uint32_t i = start; i < text.size(); ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) char_to_byte_.push_back(i);
    }
    char_to_byte_.push_back(static_cast<uint32_t>(text.size()));
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  }
  ~Reader() { yaml_parser_delete(&parser_); }
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  JsonParseResult parse() {
    JsonParseResult result;
    result.has_bom = text_.size() >= 3 && std::memcmp(text_.data(), "\xEF\xBB\xBF", 3) == 0;
    auto root = std::make_unique<JsonNode>();
    if (!document(*root)) {
      result.error = error_;
      return result;
    }
    relink(*root, nullptr, 0);
    result.root = std::move(root);
    return result;
  }

 private:
  std::string_view text_;
  std::vector<uint32_t> char_to_byte_;
  yaml_parser_t parser_;
  JsonError error_;

  uint32_t byte(size_t char_index) const {
    return char_index < char_to_byte_.size() ? char_to_byte_[char_index] : char_to_byte_.back();
  }

  bool fail(uint32_t offset, uint32_t end, std::string message) {
    error_ = JsonError{offset, std::max(offset, end), std::move(message)};
    return false;
  }

  bool next(Event& ev) {
    ev.clear();
    if (!yaml_parser_parse(&parser_, ev.get())) {
      uint32_t at = byte(parser_.problem_mark.index);
      std::string message = "invalid YAML: ";
      message += parser_.problem != nullptr ? parser_.problem : "syntax error";
      if (parser_.context != nullptr) {
        message += std::string(" (") + parser_.context + ")";
      }
      uint32_t end = at < text_.size() ? at + 1 : at;
      while (end < text_.size() && (static_cast<unsigned char>(text_[end]) & 0xC0) == 0x80) ++end;
      return fail(at, end, std::move(message));
    }
    ev.set_live();
    return true;
  }

  bool document(JsonNode& root) {
    Event ev;
    if (!next(ev)) return false;  // STREAM_START
    if (!next(ev)) return false;
    if (ev->type == YAML_STREAM_END_EVENT) {
      return fail(0, 0, "empty YAML file: expected a CloudFormation template (a mapping with Resources)");
    }
    if (!next(ev)) return false;  // the root node's first event
    if (!node(ev, root, 1)) return false;
    if (!next(ev)) return false;  // DOCUMENT_END
    if (!next(ev)) return false;
    if (ev->type == YAML_DOCUMENT_START_EVENT) {
      uint32_t at = byte(ev->start_mark.index);
      return fail(at, byte(ev->end_mark.index),
                  "a second YAML document starts here; a CloudFormation template is one document");
    }
    return true;
  }

  // The tag token as written ("!Sub") and where the value proper starts, skipping an anchor.
  void split_tag(uint32_t begin, uint32_t end, uint32_t& tag_begin, uint32_t& tag_end, uint32_t& value_begin) const {
    uint32_t i = begin;
    tag_begin = tag_end = begin;
    while (i < end && (text_[i] == '!' || text_[i] == '&')) {
      uint32_t token = i;
      while (i < end && !is_space(text_[i]) && !(i > token && (text_[i] == '[' || text_[i] == '{'))) ++i;
      if (text_[token] == '!') {
        tag_begin = token;
        tag_end = i;
      }
      while (i < end && is_space(text_[i])) ++i;
    }
    value_begin = i;
  }

  static void resolve_plain(JsonNode& out, std::string_view value) {
    if (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL") {
      out.type = JsonType::Null;
    } else if (value == "true" || value == "True" || value == "TRUE") {
      out.type = JsonType::Bool;
      out.boolean = true;
    } else if (value == "false" || value == "False" || value == "FALSE") {
      out.type = JsonType::Bool;
    } else if (json_number(value)) {
      out.type = JsonType::Number;
      out.text.assign(value);
    } else {
      out.type = JsonType::String;
      out.text.assign(value);
    }
  }

  void scalar(const yaml_event_t& e, JsonNode& out, bool cfn_tagged, uint32_t begin, uint32_t end) {
    std::string_view value(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
    const char* tag = reinterpret_cast<const char*>(e.data.scalar.tag);
    bool plain = e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    if (e.data.scalar.style == YAML_LITERAL_SCALAR_STYLE || e.data.scalar.style == YAML_FOLDED_SCALAR_STYLE) {
      // A block scalar's end mark lies past its trailing line breaks.
      while (end > begin && is_space(text_[end - 1])) --end;
    }
    out.begin = begin;
    out.end = end;
    if (tag != nullptr && std::strcmp(tag, YAML_STR_TAG) == 0) {
      out.type = JsonType::String;
      out.text.assign(value);
    } else if (!cfn_tagged && (plain || (tag != nullptr && std::strncmp(tag, "tag:yaml.org,2002:", 18) == 0))) {
      resolve_plain(out, value);
    } else {
      out.type = JsonType::String;
      out.text.assign(value);
    }
  }

  static std::string intrinsic_key(std::string_view tag) {
    std::string_view name = tag.substr(1);
    if (name == "Ref" || name == "Condition") return std::string(name);
    return "Fn::" + std::string(name);
  }

  bool node(Event& ev, JsonNode& out, uint32_t depth) {
    if (depth > kMaxJsonDepth) {
      uint32_t at = byte(ev->start_mark.index);
      return fail(at, at + 1, "YAML nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    }
    const yaml_event_t& e = *ev;
    uint32_t begin = byte(e.start_mark.index);
    uint32_t end = byte(e.end_mark.index);
    const char* raw_tag = nullptr;
    if (e.type == YAML_SCALAR_EVENT) raw_tag = reinterpret_cast<const char*>(e.data.scalar.tag);
    if (e.type == YAML_SEQUENCE_START_EVENT) raw_tag = reinterpret_cast<const char*>(e.data.sequence_start.tag);
    if (e.type == YAML_MAPPING_START_EVENT) raw_tag = reinterpret_cast<const char*>(e.data.mapping_start.tag);
    // "!Sub" is a local tag; "!!str" arrives resolved as "tag:yaml.org,2002:str".
    bool cfn_tag = raw_tag != nullptr && raw_tag[0] == '!' && raw_tag[1] != '\0' && raw_tag[1] != '!';
    std::string tag = cfn_tag ? raw_tag : "";
    uint32_t tag_begin = begin, tag_end = begin, value_begin = begin;
    if (begin < text_.size() && (text_[begin] == '!' || text_[begin] == '&')) {
      split_tag(begin, std::max(end, begin), tag_begin, tag_end, value_begin);
    }
    JsonNode* target = &out;
    if (cfn_tag) {
      out.type = JsonType::Object;
      out.begin = tag_begin;
      out.members.emplace_back();
      out.members.back().key = intrinsic_key(tag);
      out.members.back().key_begin = tag_begin;
      out.members.back().key_end = tag_end;
      target = &out.members.back().value;
    }
    switch (e.type) {
      case YAML_SCALAR_EVENT:
        scalar(e, *target, cfn_tag, value_begin, std::max(end, value_begin));
        break;
      case YAML_ALIAS_EVENT:
        return fail(begin, end, "YAML alias: CloudFormation does not allow aliases in templates");
      case YAML_SEQUENCE_START_EVENT: {
        bool flow = e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
        target->type = JsonType::Array;
        target->begin = value_begin;
        uint32_t last = value_begin;
        while (true) {
          if (!next(ev)) return false;
          if (ev->type == YAML_SEQUENCE_END_EVENT) break;
          target->items.emplace_back();
          if (!node(ev, target->items.back(), depth + 1)) return false;
          last = target->items.back().end;
        }
        target->end = flow ? byte(ev->end_mark.index) : last;
        break;
      }
      case YAML_MAPPING_START_EVENT: {
        bool flow = e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
        target->type = JsonType::Object;
        target->begin = value_begin;
        uint32_t last = value_begin;
        while (true) {
          if (!next(ev)) return false;
          if (ev->type == YAML_MAPPING_END_EVENT) break;
          if (ev->type != YAML_SCALAR_EVENT) {
            uint32_t at = byte(ev->start_mark.index);
            return fail(at, byte(ev->end_mark.index),
                        "mapping key is not a plain string (CloudFormation keys are strings)");
          }
          JsonMember member;
          member.key.assign(reinterpret_cast<const char*>(ev->data.scalar.value), ev->data.scalar.length);
          member.key_begin = byte(ev->start_mark.index);
          member.key_end = byte(ev->end_mark.index);
          if (!next(ev)) return false;
          if (!node(ev, member.value, depth + 1)) return false;
          last = member.value.end;
          target->members.push_back(std::move(member));
        }
        target->end = flow ? byte(ev->end_mark.index) : last;
        break;
      }
      default:
        return fail(begin, end, "unexpected YAML event");
    }
    if (cfn_tag) out.end = std::max(out.begin, target->end);
    return true;
  }
};

}  // namespace

JsonParseResult parse_yaml(std::string_view text) {
  if (text.size() >= 0xFFFFFF00u) {
    JsonParseResult result;
    result.error = {0, 0, "file too large for a template (over 4 GiB)"};
    return result;
  }
  Reader reader(text);
  return reader.parse();
}

}  // namespace sagelint::input
