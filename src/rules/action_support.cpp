#include "rules/action_support.hpp"

#include <algorithm>

namespace sagelint::rules {

namespace {

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

// The characters malformed-action accepts; anything else is its finding, not a catalog question.
bool well_formed(std::string_view service, std::string_view name) {
  return std::all_of(service.begin(), service.end(), word_char) &&
         std::all_of(name.begin(), name.end(), [](char c) { return word_char(c) || c == '_' || c == '*' || c == '?'; });
}

}  // namespace

std::optional<ActionName> split_action(std::string_view text) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) return std::nullopt;
  if (text.find(':', colon + 1) != std::string_view::npos) return std::nullopt;
  const ActionName parts{text.substr(0, colon), text.substr(colon + 1)};
  if (!well_formed(parts.service, parts.name)) return std::nullopt;
  return parts;
}

// A plain loop: string_view::find_first_of calls memchr once per character, and this runs on
// every action and resource of every statement.
bool has_wildcard(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c == '*' || c == '?'; });
}

bool matches_any_action(const catalog::Catalog& cat, const ActionName& pattern) {
  bool found = false;
  for_each_matching_action(cat, pattern, [&](const catalog::Action&) {
    found = true;
    return false;
  });
  return found;
}

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

std::string quote_alternatives(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += (i + 1 == names.size()) ? " or " : ", ";
    out += quote(names[i]);
  }
  return out;
}

std::string_view statement_verb(const Statement& st) {
  if (st.actions_negated) return "excludes";
  return st.is_deny() ? "denies" : "grants";
}

}  // namespace sagelint::rules
