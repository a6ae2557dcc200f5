#include "rules/service_principal_support.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

namespace sagelint::rules {

namespace {

constexpr std::string_view kManagedPolicyPrincipals[] = {
#include "rules/service_principals.inc"
};

char lower_char(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower_copy(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower_char(c);
  return out;
}

size_t distance(std::string_view a, std::string_view b, size_t cap) {
  const size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > cap) return cap + 1;
  std::vector<std::vector<size_t>> d(n + 1, std::vector<size_t>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

}  // namespace

bool like_match(std::string_view p, std::string_view t) {
  size_t pi = 0, ti = 0, star = std::string_view::npos, mark = 0;
  while (ti < t.size()) {
    if (pi < p.size() && (p[pi] == '?' || p[pi] == t[ti])) {
      ++pi;
      ++ti;
    } else if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = ti;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

const ServicePrincipals& ServicePrincipals::of(const catalog::Catalog& catalog) {
  static std::mutex mutex;
  static std::map<const catalog::Catalog*, std::unique_ptr<ServicePrincipals>> built;
  std::lock_guard lock(mutex);
  auto& slot = built[&catalog];
  if (!slot) slot = std::make_unique<ServicePrincipals>(catalog);
  return *slot;
}

ServicePrincipals::ServicePrincipals(const catalog::Catalog& catalog) {
  for (const auto& s : catalog.services()) names_.push_back(lower_copy(s.prefix) + ".amazonaws.com");
  for (std::string_view p : kManagedPolicyPrincipals) names_.emplace_back(p);
  std::sort(names_.begin(), names_.end());
  names_.erase(std::unique(names_.begin(), names_.end()), names_.end());
}

bool ServicePrincipals::contains(std::string_view name) const {
  return std::binary_search(names_.begin(), names_.end(), name, std::less<>());
}

const std::string* ServicePrincipals::other_case(std::string_view name) const {
  if (contains(name)) return nullptr;
  const std::string low = lower_copy(name);
  auto it = std::lower_bound(names_.begin(), names_.end(), low);
  return it != names_.end() && *it == low ? &*it : nullptr;
}

std::vector<std::string_view> ServicePrincipals::near(std::string_view name) const {
  std::vector<std::string_view> out;
  if (contains(name)) return out;
  const std::string low = lower_copy(name);
  size_t best = 3;
  for (const auto& n : names_) {
    const size_t d = distance(low, n, 2);
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
      std::count_if(names_.begin(), names_.end(), [&](const std::string& n) { return like_match(pattern, n); }));
}

}  // namespace sagelint::rules
