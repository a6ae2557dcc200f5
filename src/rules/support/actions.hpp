// IAM action names: splitting "service:Name" and matching action patterns against the catalog
// without materialising match lists.
#pragma once

#include <optional>
#include <string_view>

#include "catalog/catalog.hpp"
#include "text/text.hpp"

namespace sagelint::rules {

// The characters IAM uses in a service prefix (letters, digits, '-') and in an action name (also
// '_' and the wildcards '*' and '?').
// Inline: split_action runs them over every action of every statement, for several rules.
constexpr bool is_service_char(char c) { return text::is_alpha(c) || text::is_digit(c) || c == '-'; }
constexpr bool is_action_char(char c) { return is_service_char(c) || c == '_' || c == '*' || c == '?'; }

struct ActionName {
  std::string_view service;  // text before ':'
  std::string_view name;     // text after ':'
};

// "service:Name" with both parts non-empty, one colon and only the characters IAM names use
// (letters, digits and '-' in the prefix; also '_' and the wildcards in the name); nothing for "*"
// and for malformed text, which malformed-action reports.
std::optional<ActionName> split_action(std::string_view text);

// Calls `visit(const catalog::Action&)` for each catalog action the pattern's name matches in its
// service, until `visit` returns false. Returns false if it was stopped. The service is scanned in
// place: no list of hundreds of pointers is built for "sagemaker:*"; and only the run of actions
// starting with the pattern's literal head ("Get" of "Get*") can match.
template <typename Visit>
bool for_each_matching_action(const catalog::Catalog& cat, const ActionName& pattern, Visit&& visit) {
  const catalog::Service* svc = cat.service(pattern.service);
  if (svc == nullptr) return true;
  const bool all = pattern.name == "*";
  const std::string_view head = pattern.name.substr(0, pattern.name.find_first_of("*?"));
  for (const catalog::Action& a : svc->actions_with_prefix(head)) {
    if ((all || catalog::wildcard_match(pattern.name, a.name)) && !visit(a)) return false;
  }
  return true;
}

bool matches_any_action(const catalog::Catalog& cat, const ActionName& pattern);

}  // namespace sagelint::rules
