#include "rules/support/actions.hpp"

#include <algorithm>

namespace sagelint::rules {

namespace {

// The characters malformed-action accepts; anything else is its finding, not a catalog question.
bool well_formed(std::string_view service, std::string_view name) {
  return std::all_of(service.begin(), service.end(), is_service_char) &&
         std::all_of(name.begin(), name.end(), is_action_char);
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

bool matches_any_action(const catalog::Catalog& cat, const ActionName& pattern) {
  bool found = false;
  for_each_matching_action(cat, pattern, [&](const catalog::Action&) {
    found = true;
    return false;
  });
  return found;
}

}  // namespace sagelint::rules
