// Internal: the storage behind a Catalog, shared by the loader and the lookups.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "text/text.hpp"

namespace sagelint::catalog {

namespace detail {

// A templated condition key prepared for matching: a key can only instantiate the template if it
// starts with the template's literal head, a cheap test that rules out nearly all of them.
struct KeyTemplate {
  const ConditionKey* key = nullptr;
  std::string_view head;    // the name up to its first "${": "aws:RequestTag/"
  std::size_t literal = 0;  // template_literal_length(name), the tie-break between matches
};

// Case-insensitive hash index over the names of a table held elsewhere (services, a service's
// actions, condition keys). A lookup is one hash and usually one comparison, where a binary search
// over 400 services and then 300 actions made some twenty case-folding comparisons: lookups are
// the inner loop of most catalog rules.
class NameIndex {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  // `name_of(i)` is the i-th name, i < n. Of names that compare equal the first is kept, which
  // is what a lower_bound over the sorted table finds.
  template <typename NameOf>
  void build(std::size_t n, NameOf name_of) {
    std::size_t size = 8;
    while (size < 2 * n) size *= 2;  // at most half full: probe runs stay short
    slots_.assign(size, 0);
    mask_ = size - 1;
    for (std::size_t i = 0; i < n; ++i) {
      const std::string_view name = name_of(i);
      for (std::size_t s = text::ci_hash(name) & mask_;; s = (s + 1) & mask_) {
        if (slots_[s] == 0) {
          slots_[s] = static_cast<std::uint32_t>(i + 1);
          break;
        }
        if (text::ci_equal(name_of(slots_[s] - 1), name)) break;
      }
    }
  }

  // Position of `name` in the table, or npos.
  template <typename NameOf>
  std::size_t find(std::string_view name, NameOf name_of) const {
    const std::uint32_t* slots = borrowed_.empty() ? slots_.data() : borrowed_.data();
    if (mask_ == 0) return npos;
    for (std::size_t s = text::ci_hash(name) & mask_;; s = (s + 1) & mask_) {
      const std::uint32_t slot = slots[s];
      if (slot == 0) return npos;
      if (text::ci_equal(name_of(slot - 1), name)) return slot - 1;
    }
  }

  // The table as build() made it, for the build-time index (load.cpp), and the same table read
  // back from there without building it (nor copying it). borrow() checks what find() relies on
  // (a power-of-two size at least 2n, so an empty slot ends every probe; positions below n) and
  // returns false, leaving the index empty, when the words are not such a table.
  std::span<const std::uint32_t> slots() const { return borrowed_.empty() ? slots_ : borrowed_; }
  bool borrow(std::span<const std::uint32_t> slots, std::size_t n) {
    clear();
    const std::size_t size = slots.size();
    if (size < 8 || (size & (size - 1)) != 0 || size < 2 * n) return false;
    for (const std::uint32_t slot : slots) {
      if (slot > n) return false;
    }
    borrowed_ = slots;
    mask_ = size - 1;
    return true;
  }

  void clear() {
    slots_.clear();
    borrowed_ = {};
    mask_ = 0;
  }

 private:
  std::vector<std::uint32_t> slots_;         // table position + 1; 0 is an empty slot
  std::span<const std::uint32_t> borrowed_;  // or the same table in the build-time index
  std::size_t mask_ = 0;
};

// The part of a service that is parsed on first use: its actions and resource types.
struct ServiceBody {
  std::once_flag once;
  std::string_view prefix;
  // Raw JSON arrays inside the catalog bytes, readable up to `readable_end` (simdjson padding).
  std::string_view actions_json, resource_types_json;
  const char* readable_end = nullptr;
  // The built-in catalog: the body as the build-time index holds it (load.cpp), names as offsets
  // into `json`; read instead of parsing the JSON arrays above when not empty.
  std::span<const std::uint32_t> index;
  std::string_view json;
  // Sizes announced by the generator, so the pools are allocated once; zero when absent.
  std::size_t n_actions = 0, n_resource_types = 0, n_refs = 0, n_key_refs = 0;

  std::vector<Action> actions;
  std::vector<ResourceType> resource_types;
  std::vector<ResourceTypeRef> refs;
  std::vector<std::string_view> key_names;  // backing store of the condition_keys spans
  std::deque<std::string> unescaped;        // strings that carried JSON escapes
  std::string error;                        // why parsing failed; the body is then empty
  NameIndex action_index;                   // over `actions`, once sorted

  // Not lazy (filled with the condition keys at load): the templated keys of the service's table,
  // in table order, so a templated lookup skips the hundreds of plain keys of ec2 or s3.
  std::vector<KeyTemplate> key_templates;
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
  detail::NameIndex service_index;         // over `services`, once sorted
  std::deque<detail::ServiceBody> bodies;  // a deque: once_flag cannot move
  std::vector<ConditionKey> keys;          // every service's table, contiguous per service
  std::vector<ConditionKey> global_keys;

  // Every distinct key name (templates included), sorted case-insensitively; for each name the
  // definition chosen as documented on Catalog::condition_key().
  std::vector<const ConditionKey*> key_index;
  detail::NameIndex key_lookup;  // over key_index
  // The templated subset of key_index.
  std::vector<detail::KeyTemplate> templates;
};

namespace detail {

// Bytes readable past the embedded JSON: the .zero after the .incbin in embed.S.in.
inline constexpr std::size_t kEmbeddedPadding = 64;

// Fills `d` from a catalog JSON (`capacity` bytes readable from `json`, for simdjson's padding).
bool load_json(Catalog::Data& d, const char* json, std::size_t len, std::size_t capacity, std::string* error);
// The build-time index of a catalog JSON (see load.cpp), for read_index(). False (with the reason
// in `error`) when the JSON does not load; `index` is left empty when it loads but cannot be
// indexed (names with JSON escapes).
bool write_index(std::string_view json, std::string& index, std::string* error);
// Fills `d` from an index of exactly the JSON at `json`; false (and `d` to be discarded) when the
// index does not belong to it.
bool read_index(Catalog::Data& d, std::span<const std::uint32_t> words, const char* json, std::size_t len,
                std::size_t capacity);
// The lookup tables over a filled Data: both ways of loading end with this (the index brings
// the name indexes along: `names` false then).
void build_lookups(Catalog::Data& d, bool names = true);

}  // namespace detail

// Characters of a template outside its ${...} variables: the tie-break that prefers the most
// specific template when several match.
std::size_t template_literal_length(std::string_view templ);

inline detail::KeyTemplate make_key_template(const ConditionKey& key) {
  return {&key, key.name.substr(0, key.name.find("${")), template_literal_length(key.name)};
}

}  // namespace sagelint::catalog
