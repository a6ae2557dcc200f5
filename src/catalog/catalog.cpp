#include "catalog/catalog.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "catalog/data.hpp"
#include "text/text.hpp"

namespace sagelint::catalog {

namespace {

constexpr std::array<std::pair<KeyType, std::string_view>, 14> kKeyTypeNames{{
    {KeyType::String, "String"},
    {KeyType::ArrayOfString, "ArrayOfString"},
    {KeyType::Numeric, "Numeric"},
    {KeyType::ArrayOfNumeric, "ArrayOfNumeric"},
    {KeyType::Date, "Date"},
    {KeyType::ArrayOfDate, "ArrayOfDate"},
    {KeyType::Bool, "Bool"},
    {KeyType::ArrayOfBool, "ArrayOfBool"},
    {KeyType::IPAddress, "IPAddress"},
    {KeyType::ArrayOfIPAddress, "ArrayOfIPAddress"},
    {KeyType::ARN, "ARN"},
    {KeyType::ArrayOfARN, "ArrayOfARN"},
    {KeyType::Binary, "Binary"},
    {KeyType::ArrayOfBinary, "ArrayOfBinary"},
}};

constexpr std::array<std::pair<AccessLevel, std::string_view>, 5> kLevelNames{{
    {AccessLevel::List, "List"},
    {AccessLevel::Read, "Read"},
    {AccessLevel::Write, "Write"},
    {AccessLevel::PermissionsManagement, "Permissions management"},
    {AccessLevel::Tagging, "Tagging"},
}};

template <typename T>
const T* find_by_name(std::span<const T> sorted, std::string_view name) {
  const auto it = std::lower_bound(sorted.begin(), sorted.end(), name,
                                   [](const T& item, std::string_view n) { return text::ci_less(item.name, n); });
  return it != sorted.end() && text::ci_equal(it->name, name) ? &*it : nullptr;
}

bool key_name_matches(std::string_view listed, std::string_view key) {
  return text::ci_equal(listed, key) ||
         (listed.find("${") != std::string_view::npos && key_matches_template(listed, key));
}

bool any_key_matches(std::span<const std::string_view> listed, std::string_view key) {
  return std::any_of(listed.begin(), listed.end(), [&](std::string_view l) { return key_name_matches(l, key); });
}

// Keeps the template with the most literal characters among those `key` instantiates (the
// first of them on a tie).
const ConditionKey* best_template(std::span<const detail::KeyTemplate> templates, std::string_view key) {
  const ConditionKey* best = nullptr;
  std::size_t best_literal = 0;
  for (const detail::KeyTemplate& t : templates) {
    if (!text::ci_starts_with(key, t.head) || !key_matches_template(t.key->name, key)) continue;
    if (!best || t.literal > best_literal) {
      best = t.key;
      best_literal = t.literal;
    }
  }
  return best;
}

}  // namespace

bool is_multivalued(KeyType type) {
  switch (type) {
    case KeyType::ArrayOfString:
    case KeyType::ArrayOfNumeric:
    case KeyType::ArrayOfDate:
    case KeyType::ArrayOfBool:
    case KeyType::ArrayOfIPAddress:
    case KeyType::ArrayOfARN:
    case KeyType::ArrayOfBinary:
      return true;
    default:
      return false;
  }
}

KeyType scalar_type(KeyType type) {
  switch (type) {
    case KeyType::ArrayOfString:
      return KeyType::String;
    case KeyType::ArrayOfNumeric:
      return KeyType::Numeric;
    case KeyType::ArrayOfDate:
      return KeyType::Date;
    case KeyType::ArrayOfBool:
      return KeyType::Bool;
    case KeyType::ArrayOfIPAddress:
      return KeyType::IPAddress;
    case KeyType::ArrayOfARN:
      return KeyType::ARN;
    case KeyType::ArrayOfBinary:
      return KeyType::Binary;
    default:
      return type;
  }
}

std::string_view to_string(AccessLevel level) {
  for (const auto& [value, name] : kLevelNames) {
    if (value == level) return name;
  }
  return "Unknown";
}

std::string_view to_string(KeyType type) {
  for (const auto& [value, name] : kKeyTypeNames) {
    if (value == type) return name;
  }
  return "Unknown";
}

AccessLevel parse_access_level(std::string_view textv) {
  for (const auto& [value, name] : kLevelNames) {
    if (name == textv) return value;  // the generator's spelling: the common, cheap case
  }
  for (const auto& [value, name] : kLevelNames) {
    if (text::ci_equal(name, textv)) return value;
  }
  return AccessLevel::Unknown;
}

KeyType parse_key_type(std::string_view textv) {
  for (const auto& [value, name] : kKeyTypeNames) {
    if (name == textv) return value;
  }
  for (const auto& [value, name] : kKeyTypeNames) {
    if (text::ci_equal(name, textv)) return value;
  }
  return KeyType::Unknown;
}

std::size_t template_literal_length(std::string_view templ) {
  std::size_t literal = 0;
  for (std::size_t i = 0; i < templ.size();) {
    if (templ.compare(i, 2, "${") == 0) {
      const std::size_t close = templ.find('}', i + 2);
      if (close != std::string_view::npos) {
        i = close + 1;
        continue;
      }
    }
    ++literal;
    ++i;
  }
  return literal;
}

// --- Service --------------------------------------------------------------------------------

std::span<const Action> Service::actions() const {
  return detail::materialise(*detail::ServiceAccess::body(*this)).actions;
}

std::span<const ResourceType> Service::resource_types() const {
  return detail::materialise(*detail::ServiceAccess::body(*this)).resource_types;
}

std::span<const Action> Service::actions_with_prefix(std::string_view head) const {
  const std::span<const Action> all = actions();
  if (head.empty()) return all;
  const auto first = std::lower_bound(all.begin(), all.end(), head,
                                      [](const Action& a, std::string_view h) { return text::ci_less(a.name, h); });
  auto last = first;
  while (last != all.end() && text::ci_starts_with(last->name, head)) ++last;
  return {first, last};
}

const Action* Service::action(std::string_view name) const {
  const detail::ServiceBody& body = detail::materialise(*detail::ServiceAccess::body(*this));
  const std::size_t i = body.action_index.find(name, [&](std::size_t k) { return body.actions[k].name; });
  return i == detail::NameIndex::npos ? nullptr : &body.actions[i];
}

const ResourceType* Service::resource_type(std::string_view name) const { return find_by_name(resource_types(), name); }

const ConditionKey* Service::condition_key(std::string_view key) const {
  if (const ConditionKey* exact = find_by_name(condition_keys, key)) return exact;
  return best_template(detail::ServiceAccess::body(*this)->key_templates, key);
}

// --- Catalog --------------------------------------------------------------------------------

bool Catalog::verify(std::string* error) const {
  for (const Service& svc : d_->services) {
    const detail::ServiceBody& body = detail::materialise(*detail::ServiceAccess::body(svc));
    if (!body.error.empty()) {
      if (error) *error = body.error + " (in service \"" + std::string(svc.prefix) + "\")";
      return false;
    }
  }
  return true;
}

std::string_view Catalog::data_date() const { return d_->date; }
std::string_view Catalog::source() const { return d_->source; }
std::string_view Catalog::version() const { return d_->version; }
std::string_view Catalog::license() const { return d_->license; }
std::span<const Service> Catalog::services() const { return d_->services; }
std::span<const ConditionKey> Catalog::global_condition_keys() const { return d_->global_keys; }

const Service* Catalog::service(std::string_view prefix) const {
  const auto& services = d_->services;
  const std::size_t i = d_->service_index.find(prefix, [&](std::size_t k) { return services[k].prefix; });
  return i == detail::NameIndex::npos ? nullptr : &services[i];
}

const Action* Catalog::action(std::string_view prefix, std::string_view name) const {
  const Service* svc = service(prefix);
  return svc ? svc->action(name) : nullptr;
}

const Action* Catalog::action(std::string_view qualified) const {
  const std::size_t colon = qualified.find(':');
  if (colon == std::string_view::npos) return nullptr;
  return action(qualified.substr(0, colon), qualified.substr(colon + 1));
}

std::vector<const Action*> Catalog::match_actions(std::string_view pattern) const {
  std::vector<const Action*> out;
  const std::size_t colon = pattern.find(':');
  if (colon == std::string_view::npos) {
    if (pattern != "*") return out;
    for (const Service& svc : d_->services) {
      for (const Action& a : svc.actions()) out.push_back(&a);
    }
    return out;
  }
  const std::string_view service_pattern = pattern.substr(0, colon);
  const std::string_view name_pattern = pattern.substr(colon + 1);
  // Actions are sorted case-insensitively, so only the run starting with the pattern's literal
  // head can match: an exact name is one binary search, "Describe*" one short range, instead of
  // a wildcard match against every action of the service (the hottest loop of a corpus run).
  // (A plain loop: find_first_of("*?") calls memchr once per character.)
  std::size_t literal = 0;
  while (literal < name_pattern.size() && name_pattern[literal] != '*' && name_pattern[literal] != '?') ++literal;
  const std::string_view head = name_pattern.substr(0, literal);
  const auto scan = [&](const Service& svc) {
    if (head.size() == name_pattern.size()) {
      if (const Action* a = svc.action(name_pattern)) out.push_back(a);
      return;
    }
    for (const Action& a : svc.actions_with_prefix(head)) {
      if (wildcard_match(name_pattern, a.name)) out.push_back(&a);
    }
  };
  if (std::none_of(service_pattern.begin(), service_pattern.end(), [](char c) { return c == '*' || c == '?'; })) {
    if (const Service* svc = service(service_pattern)) scan(*svc);
    return out;
  }
  for (const Service& svc : d_->services) {
    if (wildcard_match(service_pattern, svc.prefix)) scan(svc);
  }
  return out;
}

std::vector<const Action*> Catalog::actions_of(std::string_view prefix) const {
  std::vector<const Action*> out;
  if (const Service* svc = service(prefix)) {
    const auto actions = svc->actions();
    out.reserve(actions.size());
    for (const Action& a : actions) out.push_back(&a);
  }
  return out;
}

const ResourceType* Catalog::resource_type(std::string_view prefix, std::string_view name) const {
  const Service* svc = service(prefix);
  return svc ? svc->resource_type(name) : nullptr;
}

const ConditionKey* Catalog::condition_key(std::string_view key) const {
  const auto& index = d_->key_index;
  const std::size_t i = d_->key_lookup.find(key, [&](std::size_t k) { return index[k]->name; });
  if (i != detail::NameIndex::npos) return index[i];
  return best_template(d_->templates, key);
}

const ConditionKey* Catalog::condition_key_for(const Action& act, std::string_view key) const {
  if (const Service* svc = service(act.service)) {
    if (const ConditionKey* own = svc->condition_key(key)) return own;
  }
  return condition_key(key);
}

bool Catalog::action_lists_key(const Action& act, std::string_view key) const {
  if (any_key_matches(act.condition_keys, key)) return true;
  for (const ResourceTypeRef& ref : act.resource_types) {
    if (any_key_matches(ref.condition_keys, key)) return true;
    if (ref.type && any_key_matches(ref.type->condition_keys, key)) return true;
  }
  return false;
}

bool Catalog::action_supports_key(const Action& act, std::string_view key) const {
  if (action_lists_key(act, key)) return true;
  const auto& globals = d_->global_keys;
  return std::any_of(globals.begin(), globals.end(),
                     [&](const ConditionKey& g) { return key_name_matches(g.name, key); });
}

namespace {

// Matches key[k..] against templ[t..]; each ${...} consumes one or more characters. Templates hold
// at most one variable in practice, so the backtracking stays cheap.
bool match_template_from(std::string_view templ, std::size_t t, std::string_view key, std::size_t k) {
  while (t < templ.size()) {
    if (templ.compare(t, 2, "${") == 0) {
      const std::size_t close = templ.find('}', t + 2);
      if (close != std::string_view::npos) {
        const std::size_t next = close + 1;
        if (next == templ.size()) return key.size() > k;
        for (std::size_t end = k + 1; end < key.size(); ++end) {
          if (match_template_from(templ, next, key, end)) return true;
        }
        return false;
      }
      // An unclosed "${" is not a variable: compare it literally.
    }
    if (k >= key.size() || text::lower(templ[t]) != text::lower(key[k])) return false;
    ++t;
    ++k;
  }
  return k == key.size();
}

}  // namespace

bool key_matches_template(std::string_view templ, std::string_view key) {
  return match_template_from(templ, 0, key, 0);
}

}  // namespace sagelint::catalog
