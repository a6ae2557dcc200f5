#include "rules/support/service_principals.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

namespace sagelint::rules {

namespace {

constexpr std::string_view kManagedPolicyPrincipals[] = {
#include "rules/support/service_principals.inc"
#include "text/text.hpp"
};

}  // namespace

const ServicePrincipals& ServicePrincipals::of(const catalog::Catalog& catalog) {
  static std::mutex mutex;
  static std::map<const catalog::Catalog*, std::unique_ptr<ServicePrincipals>> built;
  std::lock_guard lock(mutex);
  auto& slot = built[&catalog];
  if (!slot) slot = std::make_unique<ServicePrincipals>(catalog);
  return *slot;
}

ServicePrincipals::ServicePrincipals(const catalog::Catalog& catalog) {
  for (const auto& s : catalog.services()) names_.push_back(text::lower(s.prefix) + ".amazonaws.com");
  for (std::string_view p : kManagedPolicyPrincipals) names_.emplace_back(p);
  std::sort(names_.begin(), names_.end());
  names_.erase(std::unique(names_.begin(), names_.end()), names_.end());
}

bool ServicePrincipals::contains(std::string_view name) const {
  return std::binary_search(names_.begin(), names_.end(), name, std::less<>());
}

const std::string* ServicePrincipals::other_case(std::string_view name) const {
  if (contains(name)) return nullptr;
  const std::string low = text::lower(name);
  auto it = std::lower_bound(names_.begin(), names_.end(), low);
  return it != names_.end() && *it == low ? &*it : nullptr;
}

std::vector<std::string_view> ServicePrincipals::near(std::string_view name) const {
  std::vector<std::string_view> out;
  if (contains(name)) return out;
  const std::string low = text::lower(name);
  size_t best = 3;
  for (const auto& n : names_) {
    const size_t d = text::edit_distance_within(low, n, 2);
    if (d > 2) continue;
    if (d < best) {
      best = d;
      out.clear();
    }
    if (d == best) out.push_back(n);
  }
  return out;
}

size_t ServicePrincipals::count_matching(std::string_view pattern) const {
  return static_cast<size_t>(
      std::count_if(names_.begin(), names_.end(), [&](const std::string& n) { return text::like_match(pattern, n); }));
}

}  // namespace sagelint::rules
