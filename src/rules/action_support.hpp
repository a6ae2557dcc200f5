// Shared by the catalog-backed rules: splitting "service:Name", matching IAM action patterns
// against the catalog without materialising match lists, and rewriting one string token.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "lint/finding.hpp"
#include "rules/common.hpp"

namespace sagelint::rules {

struct ActionName {
  std::string_view service;  // text before ':'
  std::string_view name;     // text after ':'
};

// "service:Name" with both parts non-empty, one colon and only the characters IAM names use
// (letters, digits and '-' in the prefix; also '_' and the wildcards in the name); nothing for "*"
// and for malformed text, which malformed-action reports.
std::optional<ActionName> split_action(std::string_view text);

bool has_wildcard(std::string_view text);

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

// A fix that rewrites the JSON string `node` to hold `replacement`, or nothing when the token in
// `source` is not exactly the quoted text (JSON escapes, or a policy embedded in another string,
// whose nodes all span the containing token) or `replacement` would need escaping.
std::optional<lint::Fix> rewrite_string(std::string_view source, const JsonNode& node, std::string_view replacement,
                                        std::string description);
// The same for the key of an object member.
std::optional<lint::Fix> rewrite_key(std::string_view source, const JsonMember& member, std::string_view replacement,
                                     std::string description);

// "'a'", "'a' or 'b'", "'a', 'b' or 'c'".
std::string quote_alternatives(const std::vector<std::string>& names);

// What a statement does with an action it names, for messages: "grants", "denies", "excludes".
std::string_view statement_verb(const Statement& st);

}  // namespace sagelint::rules
