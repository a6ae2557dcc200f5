// Parses a generated catalog (format 1, see data/README.md) into Catalog::Data.
//
// Start-up cost matters (every sagelint run loads the catalog), so:
//  - strings are not copied: the generator never writes JSON escapes, and each name is a view into
//    the catalog bytes, which live in .rodata (builtin) or in Data::owned. Escaped strings (a
//    hand-edited file) still load, by copy;
//  - the built-in catalog reads the header, the condition keys and where each service's actions
//    and resource types are from an index written at build time (below), without parsing JSON;
//    actions and resource types are parsed per service on first use. A file given at run time is
//    parsed completely at once, so that any error in it is reported at load.

#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <type_traits>

#include "catalog/data.hpp"
#include "text/text.hpp"

namespace sagelint::catalog {
namespace {

namespace od = simdjson::ondemand;

constexpr std::int64_t kFormat = 1;
static_assert(simdjson::SIMDJSON_PADDING <= detail::kEmbeddedPadding);

struct LoadError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string_view read_string(od::value value, std::deque<std::string>& unescaped) {
  const std::string_view token = value.raw_json_token();
  if (token.empty() || token.front() != '"') throw LoadError("expected a string");
  for (std::size_t i = 1; i < token.size(); ++i) {
    if (token[i] == '"') return token.substr(1, i - 1);
    if (token[i] == '\\') break;
  }
  const std::string_view text = value.get_string();
  return unescaped.emplace_back(text);
}

template <typename T, typename Name>
void sort_by_name(std::vector<T>& items, Name name) {
  const auto less = [&](const T& a, const T& b) { return text::ci_less(name(a), name(b)); };
  // The generator sorts; only a hand-edited catalog pays for sorting here.
  if (!std::is_sorted(items.begin(), items.end(), less)) std::stable_sort(items.begin(), items.end(), less);
}

// Index ranges into a pool, turned into spans once the pool stops growing.
struct Range {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

template <typename T>
std::span<const T> span_of(const std::vector<T>& pool, Range r) {
  return {pool.data() + r.begin, pool.data() + r.end};
}

template <typename T>
std::uint32_t index_of(const std::vector<T>& pool) {
  return static_cast<std::uint32_t>(pool.size());
}

// --- one service's actions and resource types ---------------------------------------------

class BodyParser {
 public:
  explicit BodyParser(detail::ServiceBody& body) : b_(body) {}

  void run() {
    b_.actions.reserve(b_.n_actions);
    b_.resource_types.reserve(b_.n_resource_types);
    b_.refs.reserve(b_.n_refs);
    b_.key_names.reserve(b_.n_key_refs);
    action_refs_.reserve(b_.n_actions);
    action_keys_.reserve(b_.n_actions);
    ref_keys_.reserve(b_.n_refs);
    type_keys_.reserve(b_.n_resource_types);
    // One parser per thread, reused across services: its buffers grow to the largest service.
    thread_local od::parser parser;
    if (!b_.resource_types_json.empty()) {
      od::document doc = iterate(parser, b_.resource_types_json);
      for (od::array r : doc.get_array()) resource_type(r);
    }
    if (!b_.actions_json.empty()) {
      od::document doc = iterate(parser, b_.actions_json);
      for (od::array a : doc.get_array()) action(a);
    }
    finish();
  }

 private:
  od::document iterate(od::parser& parser, std::string_view json) {
    return parser.iterate(json.data(), json.size(), static_cast<std::size_t>(b_.readable_end - json.data()));
  }

  std::string_view str(od::value value) { return read_string(value, b_.unescaped); }

  Range key_list(od::value value) {
    Range r{index_of(b_.key_names), 0};
    for (od::value k : value.get_array()) b_.key_names.push_back(str(k));
    r.end = index_of(b_.key_names);
    return r;
  }

  // [name, access level, [resource refs], [condition keys]]
  void action(od::array array) {
    Action act;
    act.service = b_.prefix;
    Range refs, keys;
    std::size_t i = 0;
    for (od::value value : array) {
      switch (i++) {
        case 0:
          act.name = str(value);
          break;
        case 1:
          act.level = parse_access_level(str(value));
          break;
        case 2:
          refs.begin = index_of(b_.refs);
          for (od::array r : value.get_array()) resource_ref(r);
          refs.end = index_of(b_.refs);
          break;
        case 3:
          keys = key_list(value);
          break;
        default:
          break;
      }
    }
    if (i < 2 || act.name.empty()) throw LoadError("an action needs a name and an access level");
    b_.actions.push_back(act);
    action_refs_.push_back(refs);
    action_keys_.push_back(keys);
  }

  // [name, required, [condition keys]?]
  void resource_ref(od::array array) {
    ResourceTypeRef ref;
    Range keys;
    std::size_t i = 0;
    for (od::value value : array) {
      switch (i++) {
        case 0:
          ref.name = str(value);
          break;
        case 1:
          ref.required = value.get_bool();
          break;
        case 2:
          keys = key_list(value);
          break;
        default:
          break;
      }
    }
    if (ref.name.empty()) throw LoadError("a resource type reference has no name");
    b_.refs.push_back(ref);
    ref_keys_.push_back(keys);
  }

  // [name, ARN format, [condition keys]]
  void resource_type(od::array array) {
    ResourceType type;
    Range keys;
    std::size_t i = 0;
    for (od::value value : array) {
      switch (i++) {
        case 0:
          type.name = str(value);
          break;
        case 1:
          type.arn_format = str(value);
          break;
        case 2:
          keys = key_list(value);
          break;
        default:
          break;
      }
    }
    if (type.name.empty()) throw LoadError("a resource type has no name");
    b_.resource_types.push_back(type);
    type_keys_.push_back(keys);
  }

  void finish() {
    // The pools are complete: turn the recorded ranges into spans.
    for (std::size_t i = 0; i < b_.actions.size(); ++i) {
      b_.actions[i].resource_types = span_of(b_.refs, action_refs_[i]);
      b_.actions[i].condition_keys = span_of(b_.key_names, action_keys_[i]);
    }
    for (std::size_t i = 0; i < b_.refs.size(); ++i) b_.refs[i].condition_keys = span_of(b_.key_names, ref_keys_[i]);
    for (std::size_t i = 0; i < b_.resource_types.size(); ++i) {
      b_.resource_types[i].condition_keys = span_of(b_.key_names, type_keys_[i]);
    }
    sort_by_name(b_.actions, [](const Action& a) { return a.name; });
    sort_by_name(b_.resource_types, [](const ResourceType& t) { return t.name; });
    b_.action_index.build(b_.actions.size(), [this](std::size_t i) { return b_.actions[i].name; });

    // Consecutive references mostly name the same type: remember the last one resolved.
    const std::span<const ResourceType> types = b_.resource_types;
    const ResourceType* last = nullptr;
    for (ResourceTypeRef& ref : b_.refs) {
      if (!last || last->name != ref.name) {
        const auto it =
            std::lower_bound(types.begin(), types.end(), ref.name,
                             [](const ResourceType& t, std::string_view n) { return text::ci_less(t.name, n); });
        last = it != types.end() && text::ci_equal(it->name, ref.name) ? &*it : nullptr;
      }
      ref.type = last;
    }
  }

  detail::ServiceBody& b_;
  std::vector<Range> action_refs_, action_keys_, ref_keys_, type_keys_;
};

// --- the catalog as a whole ---------------------------------------------------------------

class Loader {
 public:
  explicit Loader(Catalog::Data& d) : d_(d) {}

  void parse(const char* json, std::size_t len, std::size_t capacity) {
    readable_end_ = json + capacity;
    od::parser parser;
    od::document doc = parser.iterate(json, len, capacity);
    bool have_format = false;
    bool have_services = false;
    for (od::field field : doc.get_object()) {
      const std::string_view key = field.unescaped_key();
      od::value value = field.value();
      if (key == "format") {
        const std::int64_t format = value.get_int64();
        if (format != kFormat) {
          throw LoadError("catalog format " + std::to_string(format) + " is not supported (expected " +
                          std::to_string(kFormat) + "); regenerate it with this sagelint's scripts/gen-catalog.mjs");
        }
        have_format = true;
      } else if (key == "date") {
        d_.date = str(value);
      } else if (key == "source") {
        d_.source = str(value);
      } else if (key == "version") {
        d_.version = str(value);
      } else if (key == "license") {
        d_.license = str(value);
      } else if (key == "counts") {
        reserve(value.get_object());
      } else if (key == "global_keys") {
        for (od::object g : value.get_array()) global_key(g);
      } else if (key == "services") {
        for (od::object s : value.get_array()) service(s);
        have_services = true;
      }
      // Other fields are skipped: a newer generator may add some without breaking older readers.
    }
    if (!have_format) throw LoadError("not a sagelint IAM catalog (no \"format\" field)");
    if (!have_services) throw LoadError("catalog has no \"services\"");
    context_.clear();
    finish();
  }

  const std::string& context() const { return context_; }

 private:
  std::string_view str(od::value value) { return read_string(value, d_.unescaped); }

  void reserve(od::object counts) {
    for (od::field field : counts) {
      const std::string_view key = field.unescaped_key();
      const auto n = static_cast<std::size_t>(field.value().get_uint64());
      // A corrupt count must not turn into a huge allocation; real catalogs are far below this.
      if (n > (std::size_t{1} << 20)) continue;
      if (key == "services") {
        d_.services.reserve(n);
        key_ranges_.reserve(n);
      } else if (key == "condition_keys") {
        d_.keys.reserve(n);
      } else if (key == "global_keys") {
        d_.global_keys.reserve(n);
      }
    }
  }

  void global_key(od::object object) {
    ConditionKey key;
    key.global = true;
    for (od::field field : object) {
      const std::string_view name = field.unescaped_key();
      if (name == "name")
        key.name = str(field.value());
      else if (name == "type")
        key.type = parse_key_type(str(field.value()));
      else if (name == "also")
        key.alt_type = parse_key_type(str(field.value()));
    }
    if (key.name.empty()) throw LoadError("a global condition key has no name");
    d_.global_keys.push_back(key);
  }

  void service(od::object object) {
    Service svc;
    detail::ServiceBody& body = d_.bodies.emplace_back();
    body.readable_end = readable_end_;
    Range keys;
    for (od::field field : object) {
      const std::string_view name = field.unescaped_key();
      od::value value = field.value();
      if (name == "prefix") {
        svc.prefix = str(value);
        context_ = "service \"" + std::string(svc.prefix) + "\"";
      } else if (name == "name") {
        svc.name = str(value);
      } else if (name == "counts") {
        for (od::field count : value.get_object()) {
          const std::string_view what = count.unescaped_key();
          // Only a size hint: capped so that a corrupt file cannot ask for gigabytes.
          const auto n = std::min<std::size_t>(count.value().get_uint64(), std::size_t{1} << 20);
          if (what == "actions")
            body.n_actions = n;
          else if (what == "resource_types")
            body.n_resource_types = n;
          else if (what == "resource_refs")
            body.n_refs = n;
          else if (what == "key_refs")
            body.n_key_refs = n;
        }
      } else if (name == "actions") {
        body.actions_json = od::array(value.get_array()).raw_json();
      } else if (name == "resource_types") {
        body.resource_types_json = od::array(value.get_array()).raw_json();
      } else if (name == "condition_keys") {
        keys.begin = index_of(d_.keys);
        for (od::array k : value.get_array()) service_key(k);
        keys.end = index_of(d_.keys);
      }
    }
    if (svc.prefix.empty()) throw LoadError("a service has no prefix");
    body.prefix = svc.prefix;
    detail::ServiceAccess::bind(svc, &body);
    d_.services.push_back(svc);
    key_ranges_.push_back(keys);
  }

  // [name, type, also-accepted type?]
  void service_key(od::array array) {
    ConditionKey key;
    std::size_t i = 0;
    for (od::value value : array) {
      switch (i++) {
        case 0:
          key.name = str(value);
          break;
        case 1:
          key.type = parse_key_type(str(value));
          break;
        case 2:
          key.alt_type = parse_key_type(str(value));
          break;
        default:
          break;
      }
    }
    if (key.name.empty()) throw LoadError("a condition key has no name");
    d_.keys.push_back(key);
  }

  void finish() {
    const auto by_name = [](const ConditionKey& a, const ConditionKey& b) { return text::ci_less(a.name, b.name); };
    for (std::size_t i = 0; i < d_.services.size(); ++i) {
      const Range r = key_ranges_[i];
      const auto first = d_.keys.begin() + r.begin;
      const auto last = d_.keys.begin() + r.end;
      if (!std::is_sorted(first, last, by_name)) std::stable_sort(first, last, by_name);
      d_.services[i].condition_keys = span_of(d_.keys, r);
    }
    const auto by_prefix = [](const Service& a, const Service& b) { return text::ci_less(a.prefix, b.prefix); };
    if (!std::is_sorted(d_.services.begin(), d_.services.end(), by_prefix)) {
      std::stable_sort(d_.services.begin(), d_.services.end(), by_prefix);
    }

    std::stable_sort(d_.global_keys.begin(), d_.global_keys.end(), by_name);
    const auto is_global_name = [&](std::string_view name) {
      const auto it =
          std::lower_bound(d_.global_keys.begin(), d_.global_keys.end(), name,
                           [](const ConditionKey& k, std::string_view n) { return text::ci_less(k.name, n); });
      return it != d_.global_keys.end() && text::ci_equal(it->name, name);
    };
    for (ConditionKey& key : d_.keys) key.global = is_global_name(key.name);

    build_key_index();
    detail::build_lookups(d_);
  }

  // One definition per key name: global table first, then the service whose prefix the key
  // carries, then the first service (by prefix) that lists it.
  void build_key_index() {
    struct Candidate {
      std::uint64_t head;  // first 8 bytes lower-cased, big-endian: most comparisons end here
      const ConditionKey* key;
      int rank;
      std::size_t order;
    };
    const auto head_of = [](std::string_view name) {
      std::uint64_t head = 0;
      for (std::size_t i = 0; i < 8; ++i) {
        head = (head << 8) | (i < name.size() ? static_cast<unsigned char>(text::lower(name[i])) : 0U);
      }
      return head;
    };
    std::vector<Candidate> all;
    all.reserve(d_.global_keys.size() + d_.keys.size());
    std::size_t order = 0;
    for (const ConditionKey& key : d_.global_keys) all.push_back({head_of(key.name), &key, 0, order++});
    for (const Service& svc : d_.services) {
      for (const ConditionKey& key : svc.condition_keys) {
        const std::string_view key_prefix = key.name.substr(0, key.name.find(':'));
        all.push_back({head_of(key.name), &key, text::ci_equal(key_prefix, svc.prefix) ? 1 : 2, order++});
      }
    }
    std::sort(all.begin(), all.end(), [](const Candidate& a, const Candidate& b) {
      if (a.head != b.head) return a.head < b.head;
      const int c = text::ci_compare(a.key->name, b.key->name);
      if (c != 0) return c < 0;
      return a.rank != b.rank ? a.rank < b.rank : a.order < b.order;
    });
    d_.key_index.reserve(all.size());
    for (const Candidate& c : all) {
      if (!d_.key_index.empty() && text::ci_equal(d_.key_index.back()->name, c.key->name)) continue;
      d_.key_index.push_back(c.key);
    }
  }

  Catalog::Data& d_;
  const char* readable_end_ = nullptr;
  std::vector<Range> key_ranges_;
  std::string context_;
};

bool parse_into(Catalog::Data& d, const char* json, std::size_t len, std::size_t capacity, std::string* error) {
  Loader loader(d);
  try {
    loader.parse(json, len, capacity);
    return true;
  } catch (const simdjson::simdjson_error& e) {
    if (error) *error = std::string(e.what());
  } catch (const LoadError& e) {
    if (error) *error = e.what();
  }
  if (error && !loader.context().empty()) *error += " (in " + loader.context() + ")";
  return false;
}

// --- the build-time index ------------------------------------------------------------------
//
// The index (written at build time by write_index() from the same JSON, embedded beside it) holds
// the Data the Loader above builds, as offsets into the JSON: the built-in catalog then starts
// without reading the JSON at all (stage 1 alone was 40 % of its start-up over 2.4 MB, skipping
// every service's actions another 20 %). Service bodies are in it too, read on first use (ec2's
// body cost 4.7 M instructions parsed from the JSON, a third of linting a 1 KB policy naming
// it), and so are the hash tables of the name indexes (NameIndex), built by the same code.
// Layout, 32-bit words in the build machine's byte order:
//   header    magic, layout version, JSON size, #services, #keys, #global keys, #key index
//             entries, then (offset, length) of date, source, version and license
//   services  prefix, name, actions JSON, resource types JSON (each offset, length); actions,
//             resource types, references and key references announced; first and end key;
//             where its body starts (word offset)
//   keys      name (offset, length), type, also-accepted type, global: each service's table in
//             Data::keys order
//   global    name (offset, length), type, also-accepted type
//   key index 31 bits of position, in the global table when the top bit is set, else in keys
//   slots     the service index (size, then the words), the condition key index (likewise)
//   bodies    per service: #actions, #resource types, #references, #key names; the actions
//             (name, access level, first reference and count, first key name and count), the
//             resource types (name, ARN format, first key name and count), the references (name,
//             required, first key name and count, resource type position + 1 or 0), the key
//             names (offset, length), then the action index (size, then the words); in the
//             order the JSON path leaves them (sorted)

constexpr std::uint32_t kIndexMagic = 0x49434c53;  // "SLCI"
constexpr std::uint32_t kIndexLayout = 2;
constexpr std::size_t kHeaderWords = 15;
constexpr std::size_t kServiceWords = 15;
constexpr std::size_t kKeyWords = 5;
constexpr std::size_t kGlobalWords = 4;
constexpr std::uint32_t kGlobalBit = 0x80000000u;

class IndexReader {
 public:
  IndexReader(std::span<const std::uint32_t> words, const char* json, std::size_t len)
      : w_(words), json_(json), len_(len) {}

  bool ok() const { return ok_; }
  std::uint32_t word() {
    if (at_ >= w_.size()) ok_ = false;
    return ok_ ? w_[at_++] : 0;
  }
  std::string_view text() {
    const std::uint32_t off = word();
    const std::uint32_t n = word();
    if (!ok_ || off > len_ || n > len_ - off) {
      ok_ = false;
      return {};
    }
    return {json_ + off, n};
  }
  KeyType key_type() {
    const std::uint32_t t = word();
    if (t > static_cast<std::uint32_t>(KeyType::Unknown)) ok_ = false;
    return static_cast<KeyType>(t);
  }
  // The next n words as they are.
  std::span<const std::uint32_t> take(std::size_t n) {
    if (!ok_ || n > w_.size() - at_) {
      ok_ = false;
      return {};
    }
    at_ += n;
    return w_.subspan(at_ - n, n);
  }
  void fail() { ok_ = false; }

 private:
  std::span<const std::uint32_t> w_;
  const char* json_;
  std::size_t len_;
  std::size_t at_ = 0;
  bool ok_ = true;
};

}  // namespace

namespace detail {

void build_lookups(Catalog::Data& d, bool names) {
  if (names) d.service_index.build(d.services.size(), [&](std::size_t i) { return d.services[i].prefix; });
  for (const Service& svc : d.services) {
    ServiceBody& body = *ServiceAccess::body(svc);
    for (const ConditionKey& key : svc.condition_keys) {
      if (key.is_template()) body.key_templates.push_back(make_key_template(key));
    }
  }
  for (const ConditionKey* key : d.key_index) {
    if (key->is_template()) d.templates.push_back(make_key_template(*key));
  }
  if (names) d.key_lookup.build(d.key_index.size(), [&](std::size_t i) { return d.key_index[i]->name; });
}

bool load_json(Catalog::Data& d, const char* json, std::size_t len, std::size_t capacity, std::string* error) {
  return parse_into(d, json, len, capacity, error);
}

bool write_index(std::string_view json, std::string& index, std::string* error) {
  index.clear();
  std::string copy;
  copy.reserve(json.size() + simdjson::SIMDJSON_PADDING);
  copy.assign(json);
  copy.append(simdjson::SIMDJSON_PADDING, '\0');
  Catalog::Data d;
  if (!parse_into(d, copy.data(), json.size(), copy.size(), error)) return false;
  for (const Service& svc : d.services) {
    const ServiceBody& body = materialise(*ServiceAccess::body(svc));
    if (!body.error.empty()) {
      if (error) *error = body.error + " (in service \"" + std::string(svc.prefix) + "\")";
      return false;
    }
  }
  std::vector<std::uint32_t> w;
  std::vector<std::size_t> body_at;  // where each service's body offset is to be written
  bool inside = true;                // every name is a view into the JSON (none needed unescaping)
  const auto text = [&](std::string_view v) {
    const bool in = v.empty() || (v.data() >= copy.data() && v.data() + v.size() <= copy.data() + json.size());
    inside = inside && in;
    w.push_back(in && !v.empty() ? static_cast<std::uint32_t>(v.data() - copy.data()) : 0);
    w.push_back(in ? static_cast<std::uint32_t>(v.size()) : 0);
  };
  const auto count = [&](std::size_t n) { w.push_back(static_cast<std::uint32_t>(n)); };
  w.push_back(kIndexMagic);
  w.push_back(kIndexLayout);
  count(json.size());
  count(d.services.size());
  count(d.keys.size());
  count(d.global_keys.size());
  count(d.key_index.size());
  for (std::string_view v : {d.date, d.source, d.version, d.license}) text(v);
  for (const Service& svc : d.services) {
    const ServiceBody& body = *ServiceAccess::body(svc);
    text(svc.prefix);
    text(svc.name);
    text(body.actions_json);
    text(body.resource_types_json);
    for (std::size_t n : {body.n_actions, body.n_resource_types, body.n_refs, body.n_key_refs}) count(n);
    const auto first = static_cast<std::size_t>(svc.condition_keys.data() - d.keys.data());
    count(svc.condition_keys.empty() ? 0 : first);
    count(svc.condition_keys.empty() ? 0 : first + svc.condition_keys.size());
    body_at.push_back(w.size());
    count(0);
  }
  for (const ConditionKey& k : d.keys) {
    text(k.name);
    count(static_cast<std::size_t>(k.type));
    count(static_cast<std::size_t>(k.alt_type));
    count(k.global ? 1 : 0);
  }
  for (const ConditionKey& k : d.global_keys) {
    text(k.name);
    count(static_cast<std::size_t>(k.type));
    count(static_cast<std::size_t>(k.alt_type));
  }
  for (const ConditionKey* k : d.key_index) {
    const bool global = k >= d.global_keys.data() && k < d.global_keys.data() + d.global_keys.size();
    const std::size_t at =
        global ? static_cast<std::size_t>(k - d.global_keys.data()) : static_cast<std::size_t>(k - d.keys.data());
    count(at | (global ? kGlobalBit : 0));
  }
  const auto slots = [&](std::span<const std::uint32_t> s) {
    count(s.size());
    w.insert(w.end(), s.begin(), s.end());
  };
  slots(d.service_index.slots());
  slots(d.key_lookup.slots());
  for (std::size_t i = 0; i < d.services.size(); ++i) {
    const ServiceBody& b = *ServiceAccess::body(d.services[i]);
    w[body_at[i]] = static_cast<std::uint32_t>(w.size());
    const auto range = [&](const auto* first, std::size_t n, const auto* pool) {
      count(n == 0 ? 0 : static_cast<std::size_t>(first - pool));
      count(n);
    };
    for (std::size_t n : {b.actions.size(), b.resource_types.size(), b.refs.size(), b.key_names.size()}) count(n);
    for (const Action& a : b.actions) {
      text(a.name);
      count(static_cast<std::size_t>(a.level));
      range(a.resource_types.data(), a.resource_types.size(), b.refs.data());
      range(a.condition_keys.data(), a.condition_keys.size(), b.key_names.data());
    }
    for (const ResourceType& t : b.resource_types) {
      text(t.name);
      text(t.arn_format);
      range(t.condition_keys.data(), t.condition_keys.size(), b.key_names.data());
    }
    for (const ResourceTypeRef& r : b.refs) {
      text(r.name);
      count(r.required ? 1 : 0);
      range(r.condition_keys.data(), r.condition_keys.size(), b.key_names.data());
      count(r.type == nullptr ? 0 : static_cast<std::size_t>(r.type - b.resource_types.data()) + 1);
    }
    for (std::string_view k : b.key_names) text(k);
    slots(b.action_index.slots());
  }
  // Names with JSON escapes are copies, not views: the built-in catalog then loads from the JSON.
  if (!inside || json.size() >= kGlobalBit) return true;
  index.resize(w.size() * sizeof(std::uint32_t));
  std::memcpy(index.data(), w.data(), index.size());
  return true;
}

bool read_index(Catalog::Data& d, std::span<const std::uint32_t> words, const char* json, std::size_t len,
                std::size_t capacity) {
  IndexReader r(words, json, len);
  if (r.word() != kIndexMagic || r.word() != kIndexLayout || r.word() != len) return false;
  const std::size_t n_services = r.word();
  const std::size_t n_keys = r.word();
  const std::size_t n_global = r.word();
  const std::size_t n_index = r.word();
  if (!r.ok() || words.size() < kHeaderWords + n_services * kServiceWords + n_keys * kKeyWords +
                                    n_global * kGlobalWords + n_index) {
    return false;
  }
  d.date = r.text();
  d.source = r.text();
  d.version = r.text();
  d.license = r.text();
  d.services.reserve(n_services);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> key_ranges;
  key_ranges.reserve(n_services);
  for (std::size_t i = 0; i < n_services; ++i) {
    Service svc;
    ServiceBody& body = d.bodies.emplace_back();
    svc.prefix = r.text();
    svc.name = r.text();
    body.actions_json = r.text();
    body.resource_types_json = r.text();
    body.n_actions = r.word();
    body.n_resource_types = r.word();
    body.n_refs = r.word();
    body.n_key_refs = r.word();
    const std::uint32_t first = r.word();
    const std::uint32_t end = r.word();
    const std::uint32_t body_at = r.word();
    if (first > end || end > n_keys || body_at >= words.size()) return false;
    key_ranges.emplace_back(first, end);
    body.index = words.subspan(body_at);
    body.json = {json, len};
    body.readable_end = json + capacity;
    body.prefix = svc.prefix;
    ServiceAccess::bind(svc, &body);
    d.services.push_back(svc);
  }
  d.keys.resize(n_keys);
  for (ConditionKey& k : d.keys) {
    k.name = r.text();
    k.type = r.key_type();
    k.alt_type = r.key_type();
    k.global = r.word() != 0;
  }
  d.global_keys.resize(n_global);
  for (ConditionKey& k : d.global_keys) {
    k.name = r.text();
    k.type = r.key_type();
    k.alt_type = r.key_type();
    k.global = true;
  }
  d.key_index.reserve(n_index);
  for (std::size_t i = 0; i < n_index; ++i) {
    const std::uint32_t entry = r.word();
    const std::size_t at = entry & ~kGlobalBit;
    const bool global = (entry & kGlobalBit) != 0;
    if (at >= (global ? n_global : n_keys)) return false;
    d.key_index.push_back(global ? &d.global_keys[at] : &d.keys[at]);
  }
  const std::span<const std::uint32_t> service_slots = r.take(r.word());
  const std::span<const std::uint32_t> key_slots = r.take(r.word());
  if (!r.ok()) return false;
  for (std::size_t i = 0; i < n_services; ++i) {
    d.services[i].condition_keys = {d.keys.data() + key_ranges[i].first, d.keys.data() + key_ranges[i].second};
  }
  build_lookups(d, false);
  return d.service_index.borrow(service_slots, n_services) && d.key_lookup.borrow(key_slots, n_index);
}

namespace {

// A service body from the build-time index (layout above): what BodyParser makes of the JSON,
// without parsing it.
void read_body(ServiceBody& b) {
  IndexReader r(b.index, b.json.data(), b.json.size());
  const std::size_t n_actions = r.word();
  const std::size_t n_types = r.word();
  const std::size_t n_refs = r.word();
  const std::size_t n_keys = r.word();
  if (!r.ok() || n_actions + n_types + n_refs + n_keys > b.index.size()) throw LoadError("corrupt catalog index");
  b.actions.resize(n_actions);
  b.resource_types.resize(n_types);
  b.refs.resize(n_refs);
  b.key_names.resize(n_keys);
  // A span of `pool` from a (first, count) pair; empty, and the reader failed, when out of range.
  const auto span = [&r](const auto& pool) {
    const std::size_t first = r.word();
    const std::size_t n = r.word();
    if (first > pool.size() || n > pool.size() - first) {
      r.fail();
      return std::span<const typename std::decay_t<decltype(pool)>::value_type>();
    }
    return std::span<const typename std::decay_t<decltype(pool)>::value_type>(pool.data() + first, n);
  };
  for (Action& a : b.actions) {
    a.service = b.prefix;
    a.name = r.text();
    const std::uint32_t level = r.word();
    if (level > static_cast<std::uint32_t>(AccessLevel::Unknown)) r.fail();
    a.level = static_cast<AccessLevel>(level);
    a.resource_types = span(b.refs);
    a.condition_keys = span(b.key_names);
  }
  for (ResourceType& t : b.resource_types) {
    t.name = r.text();
    t.arn_format = r.text();
    t.condition_keys = span(b.key_names);
  }
  for (ResourceTypeRef& ref : b.refs) {
    ref.name = r.text();
    ref.required = r.word() != 0;
    ref.condition_keys = span(b.key_names);
    const std::uint32_t type = r.word();
    if (type > n_types) r.fail();
    ref.type = type == 0 || type > n_types ? nullptr : &b.resource_types[type - 1];
  }
  for (std::string_view& k : b.key_names) k = r.text();
  const std::span<const std::uint32_t> slots = r.take(r.word());
  if (!r.ok() || !b.action_index.borrow(slots, n_actions)) throw LoadError("corrupt catalog index");
}

}  // namespace

const ServiceBody& materialise(ServiceBody& body) {
  std::call_once(body.once, [&body] {
    try {
      if (body.index.empty()) {
        BodyParser(body).run();
      } else {
        read_body(body);
      }
      return;
    } catch (const simdjson::simdjson_error& e) {
      body.error = e.what();
    } catch (const LoadError& e) {
      body.error = e.what();
    } catch (const std::exception& e) {
      body.error = e.what();
    }
    // A half-parsed service would answer some lookups and not others: keep none of it.
    body.actions.clear();
    body.resource_types.clear();
    body.refs.clear();
    body.action_index.clear();
  });
  return body;
}

}  // namespace detail

Catalog::Catalog(std::unique_ptr<Data> data) : d_(std::move(data)) {}
Catalog::~Catalog() = default;

std::unique_ptr<Catalog> Catalog::load_string(std::string_view json, std::string* error) {
  auto data = std::make_unique<Data>();
  data->owned.reserve(json.size() + simdjson::SIMDJSON_PADDING);
  data->owned.assign(json);
  data->owned.append(simdjson::SIMDJSON_PADDING, '\0');
  if (!parse_into(*data, data->owned.data(), json.size(), data->owned.size(), error)) return nullptr;
  std::unique_ptr<Catalog> catalog(new Catalog(std::move(data)));
  // A user's file is checked whole now rather than failing one service at a time later.
  if (!catalog->verify(error)) return nullptr;
  return catalog;
}

std::unique_ptr<Catalog> Catalog::load_file(const std::filesystem::path& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (error) *error = "cannot open " + path.string();
    return nullptr;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) {
    if (error) *error = "cannot read " + path.string();
    return nullptr;
  }
  std::string reason;
  auto catalog = load_string(bytes.view(), &reason);
  if (!catalog && error) *error = path.string() + ": " + reason;
  return catalog;
}

}  // namespace sagelint::catalog
