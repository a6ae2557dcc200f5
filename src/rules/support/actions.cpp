#include "rules/support/actions.hpp"

#include <array>

namespace sagelint::rules {

namespace {

// Per byte: 1 if it may stand in a service prefix, 2 if in an action name (malformed-action
// reports anything else), so that split_action reads each character once with one lookup.
constexpr std::array<unsigned char, 256> kActionChars = [] {
  std::array<unsigned char, 256> t{};
  for (int c = 0; c < 256; ++c) {
    const char ch = static_cast<char>(c);
    t[c] = static_cast<unsigned char>((is_service_char(ch) ? 1 : 0) | (is_action_char(ch) ? 2 : 0));
  }
  return t;
}();

}  // namespace

std::optional<ActionName> split_action(std::string_view text) {
  // One pass: the prefix up to the only colon in service characters, the rest in action ones.
  size_t colon = std::string_view::npos;
  unsigned char need = 1;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == ':') {
      if (colon != std::string_view::npos) return std::nullopt;
      colon = i;
      need = 2;
    } else if ((kActionChars[c] & need) == 0) {
      return std::nullopt;
    }
  }
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) return std::nullopt;
  return ActionName{text.substr(0, colon), text.substr(colon + 1)};
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
