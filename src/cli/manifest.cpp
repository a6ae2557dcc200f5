#include "cli/manifest.hpp"

#include <set>

#include "lint/config_keys.hpp"

namespace sagelint::cli {

namespace {

class ManifestReader {
 public:
  ManifestReader(const std::string& file, std::string& error) : file_(file), error_(error) {}

  bool fail(const toml::node& node, const std::string& message) {
    error_ = file_ + ":" + std::to_string(node.source().begin.line) + ": " + message;
    return false;
  }

  bool value(const toml::node& node, std::string_view what, principal::ManifestValue& out) {
    auto s = node.value<std::string>();
    if (!s || s->empty()) return fail(node, std::string(what) + " must be a non-empty string");
    out.text = *s;
    out.line = node.source().begin.line;
    out.column = node.source().begin.column;
    out.end_line = node.source().end.line;
    out.end_column = node.source().end.column;
    return true;
  }

  bool values(const toml::node& node, std::string_view what, std::vector<principal::ManifestValue>& out) {
    const toml::array* arr = node.as_array();
    if (arr == nullptr) {
      principal::ManifestValue v;
      if (!value(node, what, v)) return false;
      out.push_back(std::move(v));
      return true;
    }
    for (const auto& item : *arr) {
      principal::ManifestValue v;
      if (!value(item, std::string(what) + " entries", v)) return false;
      out.push_back(std::move(v));
    }
    return true;
  }

  bool entry(const toml::table& t, principal::ManifestEntry& out) {
    const lint::config_keys::Section& keys = lint::config_keys::principal_entry();
    for (const auto& [key, node] : t) {
      if (!lint::config_keys::has_key(keys, key.str())) {
        return fail(node, "unknown key '" + std::string(key.str()) + "' in " + std::string(keys.where) +
                              " (expected one of: " + lint::config_keys::expected_list(keys) + ")");
      }
    }
    const toml::node* kind = t.get("kind");
    const toml::node* name = t.get("name");
    if (kind == nullptr || name == nullptr) return fail(t, "[[principal]] needs kind and name");
    std::string k = kind->value_or<std::string>("");
    if (k == "role") {
      out.kind = principal::PrincipalKind::Role;
    } else if (k == "user") {
      out.kind = principal::PrincipalKind::User;
    } else if (k == "group") {
      out.kind = principal::PrincipalKind::Group;
    } else {
      return fail(*kind, "kind must be role, user or group");
    }
    if (!value(*name, "name", out.name)) return false;
    if (const toml::node* n = t.get("trust")) {
      if (out.kind != principal::PrincipalKind::Role) return fail(*n, "only a role has a trust policy");
      out.trust.emplace();
      if (!value(*n, "trust", *out.trust)) return false;
      if (!principal::names_file(out.trust->text)) {
        return fail(*n, "trust must name a policy file (.json), not '" + out.trust->text + "'");
      }
    }
    if (const toml::node* n = t.get("managed"); n && !values(*n, "managed", out.managed)) return false;
    if (const toml::node* n = t.get("inline"); n && !values(*n, "inline", out.inline_policies)) return false;
    for (const auto& v : out.inline_policies) {
      if (!principal::names_file(v.text)) {
        return fail(*t.get("inline"), "inline entries must name policy files (.json), not '" + v.text + "'");
      }
    }
    if (const toml::node* n = t.get("groups")) {
      if (out.kind != principal::PrincipalKind::User) return fail(*n, "only a user belongs to groups");
      if (!values(*n, "groups", out.groups)) return false;
    }
    if (const toml::node* n = t.get("boundary")) {
      if (out.kind == principal::PrincipalKind::Group) return fail(*n, "a group has no permissions boundary");
      out.boundary.emplace();
      if (!value(*n, "boundary", *out.boundary)) return false;
    }
    return true;
  }

 private:
  const std::string& file_;
  std::string& error_;
};

}  // namespace

bool parse_manifest(const toml::node& node, const std::string& file, std::vector<principal::ManifestEntry>& out,
                    std::string& error) {
  ManifestReader r(file, error);
  const toml::array* arr = node.as_array();
  if (arr == nullptr) return r.fail(node, "principal must be an array of tables ([[principal]])");
  std::set<std::string> seen;
  for (const auto& item : *arr) {
    const toml::table* t = item.as_table();
    if (t == nullptr) return r.fail(item, "each [[principal]] entry must be a table");
    principal::ManifestEntry entry;
    if (!r.entry(*t, entry)) return false;
    std::string key = std::string(principal::kind_name(entry.kind)) + ":" + entry.name.text;
    if (!seen.insert(key).second) {
      return r.fail(*t->get("name"), "a " + std::string(principal::kind_name(entry.kind)) + " named '" +
                                         entry.name.text + "' is already described above");
    }
    out.push_back(std::move(entry));
  }
  return true;
}

}  // namespace sagelint::cli
