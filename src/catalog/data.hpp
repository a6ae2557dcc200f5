// Internal: the storage behind a Catalog, shared by the loader and the lookups.
#pragma once

#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"

namespace sagelint::catalog {

namespace detail {

// The part of a service that is parsed on first use: its actions and resource types.
struct ServiceBody {
  std::once_flag once;
  std::string_view prefix;
  // Raw JSON arrays inside the catalog bytes, readable up to `readable_end` (simdjson padding).
  std::string_view actions_json, resource_types_json;
  const char* readable_end = nullptr;
  // Sizes announced by the generator, so the pools are allocated once; zero when absent.
  std::size_t n_actions = 0, n_resource_types = 0, n_refs = 0, n_key_refs = 0;

  std::vector<Action> actions;
  std::vector<ResourceType> resource_types;
  std::vector<ResourceTypeRef> refs;
  std::vector<std::string_view> key_names;  // backing store of the condition_keys spans
  std::deque<std::string> unescaped;        // strings that carried JSON escapes
  std::string error;                        // why parsing failed; the body is then empty
};

struct ServiceAccess {
  static void bind(Service& service, ServiceBody* body) { service.body_ = body; }
  static ServiceBody* body(const Service& service) { return service.body_; }
};

// Parses the body on first call; later calls return at once. Never throws.
const ServiceBody& materialise(ServiceBody& body);

}  // namespace detail

struct Catalog::Data {
  // Owned bytes (plus simdjson padding) for catalogs read at run time; the built-in one points
  // into the embedded data.
  std::string owned;
  // Strings that carried JSON escapes and so could not be viewed in place (hand-edited files).
  std::deque<std::string> unescaped;

  std::string_view date, source, version, license;

  std::vector<Service> services;
  std::deque<detail::ServiceBody> bodies;  // a deque: once_flag cannot move
  std::vector<ConditionKey> keys;          // every service's table, contiguous per service
  std::vector<ConditionKey> global_keys;

  // Every distinct key name (templates included), sorted case-insensitively; for each name the
  // definition chosen as documented on Catalog::condition_key().
  std::vector<const ConditionKey*> key_index;
  // The templated subset of key_index.
  std::vector<const ConditionKey*> templates;
};

// Characters of a template outside its ${...} variables: the tie-break that prefers the most
// specific template when several match.
std::size_t template_literal_length(std::string_view templ);

}  // namespace sagelint::catalog
