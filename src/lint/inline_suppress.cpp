#include "lint/inline_suppress.hpp"

#include <string.h>  // memmem (GNU)

#include <algorithm>

namespace sagelint::lint {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool consume(std::string_view& s, std::string_view word) {
  s = trim(s);
  if (!s.starts_with(word)) return false;
  s.remove_prefix(word.size());
  return true;
}

const input::JsonNode* child(const input::JsonNode* node, std::string_view key) {
  if (node == nullptr || !node->is_object()) return nullptr;
  const input::JsonMember* m = node->find(key);
  return m != nullptr ? &m->value : nullptr;
}

// Metadata: {sagelint: {ignore: [...] | "..."}} under `owner`.
std::vector<std::string> metadata_ignores(const input::JsonNode* owner) {
  std::vector<std::string> out;
  const input::JsonNode* ignore = child(child(child(owner, "Metadata"), "sagelint"), "ignore");
  if (ignore == nullptr) return out;
  if (ignore->is_string()) out.push_back(ignore->text);
  if (ignore->is_array()) {
    for (const auto& item : ignore->items) {
      if (item.is_string()) out.push_back(item.text);
    }
  }
  return out;
}

// The logical id of the resource a file-level pointer is inside ("/Resources/<id>/..."),
// unescaped; empty when it is not inside one.
std::string resource_of(std::string_view pointer) {
  constexpr std::string_view kPrefix = "/Resources/";
  if (!pointer.starts_with(kPrefix)) return {};
  pointer.remove_prefix(kPrefix.size());
  std::string_view token = pointer.substr(0, pointer.find('/'));
  std::string id;
  for (size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size()) {
      id += token[i + 1] == '1' ? '/' : '~';
      ++i;
    } else {
      id += token[i];
    }
  }
  return id;
}

bool any_matches(const Registry& registry, const std::vector<std::string>& selectors, const RuleMeta& meta) {
  return std::any_of(selectors.begin(), selectors.end(),
                     [&](const std::string& s) { return registry.selector_matches(s, meta); });
}

}  // namespace

bool InlineSuppressions::parse_comment(std::string_view line, std::vector<std::string>& selectors) {
  // YAML starts a comment with '#' at the start of a line or after white space; a '#' inside
  // a scalar such as an ARN is not one.
  for (size_t hash = line.find('#'); hash != std::string_view::npos; hash = line.find('#', hash + 1)) {
    if (hash > 0 && line[hash - 1] != ' ' && line[hash - 1] != '\t') continue;
    std::string_view rest = line.substr(hash + 1);
    if (!consume(rest, "sagelint:") || !consume(rest, "ignore") || !consume(rest, "[")) continue;
    size_t close = rest.find(']');
    if (close == std::string_view::npos) continue;
    std::string_view list = rest.substr(0, close);
    size_t start = 0;
    while (start <= list.size()) {
      size_t comma = std::min(list.find(',', start), list.size());
      std::string_view item = trim(list.substr(start, comma - start));
      if (!item.empty()) selectors.emplace_back(item);
      start = comma + 1;
    }
    return true;
  }
  return false;
}

InlineSuppressions::InlineSuppressions(const input::SourceFile& source, const input::JsonNode* root)
    : source_(&source), root_(root) {
  std::string_view text = source.text();
  // memmem, not string_view::find: that one stops at every 's' of the file (hundreds per policy).
  active_ = ::memmem(text.data(), text.size(), "sagelint", 8) != nullptr;
  size_t first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  yaml_ = first != std::string_view::npos && text[first] != '{' && text[first] != '[';
}

InlineSuppressions::InlineSuppressions(const input::SourceFile& source) : InlineSuppressions(source, nullptr) {
  if (!active_) return;
  owned_ = std::make_unique<input::LoadedFile>(
      input::load_source(std::make_unique<input::SourceFile>(source.path(), std::string(source.text()))));
  root_ = owned_->json.root.get();
}

void InlineSuppressions::apply(const Registry& registry, Finding& finding) const {
  if (!active_ || finding.suppressed || finding.rule == nullptr) return;
  auto suppress = [&](std::string why) {
    finding.suppressed = true;
    finding.suppressed_in_source = true;
    finding.suppression = std::move(why);
  };
  if (yaml_) {
    const uint32_t line = finding.start.line;
    std::vector<std::string> selectors;
    if (parse_comment(source_->line_text(line), selectors) && any_matches(registry, selectors, *finding.rule)) {
      return suppress("ignored by comment on line " + std::to_string(line));
    }
    selectors.clear();
    if (line > 1) {
      std::string_view above = trim(source_->line_text(line - 1));
      if (above.starts_with('#') && parse_comment(above, selectors) &&
          any_matches(registry, selectors, *finding.rule)) {
        return suppress("ignored by comment on line " + std::to_string(line - 1));
      }
    }
  }
  if (root_ == nullptr || !root_->is_object()) return;
  if (std::string id = resource_of(finding.pointer); !id.empty()) {
    if (any_matches(registry, metadata_ignores(child(child(root_, "Resources"), id)), *finding.rule)) {
      return suppress("ignored by Metadata of resource " + id);
    }
  }
  if (child(root_, "Resources") != nullptr && any_matches(registry, metadata_ignores(root_), *finding.rule)) {
    suppress("ignored by the template's Metadata");
  }
}

}  // namespace sagelint::lint
