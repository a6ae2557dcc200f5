// AWS service principals ("sagemaker.amazonaws.com"): which names sagelint knows, and what a
// pattern of them (an iam:PassedToService StringLike value) matches. AWS publishes no complete
// list, so the known set is "<prefix>.amazonaws.com" for every service prefix of the IAM catalog
// plus the principals AWS's own managed policies name (src/rules/support/service_principals.inc): enough to
// judge how much a pattern covers and to recognise a wrong case or a near miss, not to call every
// other name unknown.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"

namespace sagelint::rules {

class ServicePrincipals {
 public:
  // Built once per catalog (the built-in one for the rules).
  static const ServicePrincipals& of(const catalog::Catalog& catalog);
  explicit ServicePrincipals(const catalog::Catalog& catalog);

  const std::vector<std::string>& all() const { return names_; }  // sorted, lower case
  bool contains(std::string_view name) const;                     // exact, case-sensitive
  // The known principal equal to `name` ignoring case, when `name` itself is not one.
  const std::string* other_case(std::string_view name) const;
  // Known principals within Damerau-Levenshtein distance 2 of `name` (none when it is known).
  std::vector<std::string_view> near(std::string_view name) const;
  // How many known principals the IAM pattern ('*', '?') matches, case-sensitively as StringLike.
  size_t count_matching(std::string_view pattern) const;

 private:
  std::vector<std::string> names_;
};

// A pattern that matches so many service principals that it restricts nothing
// ("*.amazonaws.com", "?*", "*"): at least this many known ones.
constexpr size_t kBroadServicePattern = 20;

}  // namespace sagelint::rules
