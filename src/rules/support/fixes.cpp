#include "rules/support/fixes.hpp"

namespace sagelint::rules {

namespace {

bool plain_json_text(std::string_view text) {
  for (char c : text) {
    if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) return false;
  }
  return true;
}

std::optional<lint::Fix> rewrite_token(std::string_view source, uint32_t begin, uint32_t end, std::string_view text,
                                       std::string_view replacement, std::string description) {
  if (!plain_json_text(replacement) || end > source.size() || end < begin + 2) return std::nullopt;
  const std::string_view raw = source.substr(begin, end - begin);
  if (raw.size() != text.size() + 2 || raw.front() != '"' || raw.back() != '"' || raw.substr(1, text.size()) != text) {
    return std::nullopt;
  }
  lint::Fix fix;
  fix.description = std::move(description);
  fix.replacements.push_back({begin, end, "\"" + std::string(replacement) + "\"", {}, {}});
  return fix;
}

}  // namespace

std::optional<lint::Fix> rewrite_string(std::string_view source, const JsonNode& node, std::string_view replacement,
                                        std::string description) {
  if (!node.is_string()) return std::nullopt;
  return rewrite_token(source, node.begin, node.end, node.text, replacement, std::move(description));
}

std::optional<lint::Fix> rewrite_key(std::string_view source, const JsonMember& member, std::string_view replacement,
                                     std::string description) {
  return rewrite_token(source, member.key_begin, member.key_end, member.key, replacement, std::move(description));
}

std::vector<lint::Fix> rename_key(std::string_view source, const JsonNode& object, const JsonMember& member,
                                  std::string_view name) {
  std::vector<lint::Fix> fixes;
  if (object.find(name) != nullptr) return fixes;
  if (auto fix = rewrite_key(source, member, name, "rename to " + quote(name))) fixes.push_back(std::move(*fix));
  return fixes;
}

}  // namespace sagelint::rules
