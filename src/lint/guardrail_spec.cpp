#include "lint/guardrail_spec.hpp"

#include <algorithm>
#include <sstream>

#include <toml++/toml.h>

#include "lint/config_keys.hpp"
#include "lint/rule_meta.hpp"

namespace sagelint::lint {

namespace {

// Condition keys compare case-insensitively in IAM.
bool same_key(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return (x >= 'A' && x <= 'Z' ? x - 'A' + 'a' : x) == (y >= 'A' && y <= 'Z' ? y - 'A' + 'a' : y);
  });
}

class SpecReader {
 public:
  SpecReader(std::string_view source, std::string& error) : source_(source), error_(error) {}

  bool fail(const toml::source_region& at, const std::string& message) {
    error_ = source_ + ":" + std::to_string(at.begin.line) + ":" + std::to_string(at.begin.column) + ": " + message;
    return false;
  }
  bool fail(const toml::node& node, const std::string& message) { return fail(node.source(), message); }

  bool only_keys(const toml::table& t, const config_keys::Section& keys) {
    for (const auto& [key, node] : t) {
      if (config_keys::has_key(keys, key.str())) continue;
      return fail(key.source(), "unknown key '" + std::string(key.str()) + "' in " + std::string(keys.where) +
                                    " (expected one of: " + config_keys::expected_list(keys) + ")");
    }
    return true;
  }

  bool value(const toml::node& node, std::string_view what, SpecValue& out) {
    auto s = node.value_exact<std::string>();
    if (!s || s->empty()) return fail(node, std::string(what) + " must be a non-empty string");
    out.text = *s;
    out.line = node.source().begin.line;
    out.column = node.source().begin.column;
    return true;
  }

  // A string or an array of strings.
  bool values(const toml::node& node, std::string_view what, std::vector<SpecValue>& out) {
    const toml::array* arr = node.as_array();
    if (arr == nullptr) {
      SpecValue v;
      if (!value(node, std::string(what) + " (a string or an array of strings)", v)) return false;
      out.push_back(std::move(v));
      return true;
    }
    for (const auto& item : *arr) {
      SpecValue v;
      if (!value(item, std::string(what) + " entries", v)) return false;
      out.push_back(std::move(v));
    }
    return true;
  }

  // A context value as the request carries it: strings; booleans and numbers as IAM compares
  // them ("true", "42").
  bool scalar(const toml::node& node, std::string_view key, std::string& out) {
    if (auto s = node.value_exact<std::string>()) {
      out = *s;
    } else if (auto b = node.value_exact<bool>()) {
      out = *b ? "true" : "false";
    } else if (auto i = node.value_exact<int64_t>()) {
      out = std::to_string(*i);
    } else {
      return fail(node, "the value of '" + std::string(key) +
                            "' must be a string, a boolean, an integer or an array of them (write dates and "
                            "decimals as strings)");
    }
    return true;
  }

  bool principals(const toml::node& node, GuardrailSpec& out) {
    const toml::table* t = node.as_table();
    if (t == nullptr) return fail(node, "principals must be a table");
    if (!only_keys(*t, config_keys::guardrail_principals())) return false;
    if (const toml::node* n = t->get("kinds")) {
      std::vector<SpecValue> kinds;
      if (!values(*n, "kinds", kinds)) return false;
      for (const auto& k : kinds) {
        if (k.text == "role") {
          out.kinds.push_back(principal::PrincipalKind::Role);
        } else if (k.text == "user") {
          out.kinds.push_back(principal::PrincipalKind::User);
        } else if (k.text == "group") {
          return at(k, "kinds: groups are not asked; every member of a group is, with the group's policies");
        } else {
          return at(k, "kinds must be \"role\" or \"user\", not '" + k.text + "'");
        }
      }
    }
    if (const toml::node* n = t->get("names"); n && !values(*n, "names", out.names)) return false;
    if (const toml::node* n = t->get("exclude"); n && !values(*n, "exclude", out.exclude)) return false;
    if (const toml::node* n = t->get("trusts"); n && !values(*n, "trusts", out.trusts)) return false;
    if (const toml::node* n = t->get("managed"); n && !values(*n, "managed", out.managed)) return false;
    for (const auto& s : out.trusts) {
      if (s.text.find('.') == std::string::npos || s.text.find(':') != std::string::npos) {
        return at(s, "trusts names a service principal such as \"sagemaker.amazonaws.com\", not '" + s.text + "'");
      }
    }
    return true;
  }

  bool context(const toml::node& node, GuardrailSpec& out) {
    const toml::table* t = node.as_table();
    if (t == nullptr) return fail(node, "context must be a table of condition keys and values");
    for (const auto& [key, value] : *t) {
      GuardrailSpec::Key k;
      k.key.text = std::string(key.str());
      k.key.line = key.source().begin.line;
      k.key.column = key.source().begin.column;
      if (!key_name(k.key)) return false;
      if (const toml::array* arr = value.as_array()) {
        for (const auto& item : *arr) {
          std::string v;
          if (!scalar(item, k.key.text, v)) return false;
          k.values.push_back(std::move(v));
        }
      } else {
        std::string v;
        if (!scalar(value, k.key.text, v)) return false;
        k.values.push_back(std::move(v));
      }
      out.context.push_back(std::move(k));
    }
    return true;
  }

  bool key_name(const SpecValue& k) {
    const size_t colon = k.text.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == k.text.size()) {
      return at(k, "'" + k.text + "' is not a condition key (service:Key, e.g. sagemaker:RootAccess)");
    }
    return true;
  }

  bool message(const toml::node& node, GuardrailSpec& out) {
    auto s = node.value_exact<std::string>();
    if (!s || s->empty()) return fail(node, "message must be a non-empty string");
    out.message = *s;
    // `{name}` with a lower-case identifier is a placeholder; any other brace is text, so JSON
    // such as {"Bool": {...}} can be quoted in a message as it is.
    for (size_t open = s->find('{'); open != std::string::npos; open = s->find('{', open + 1)) {
      size_t end = open + 1;
      while (end < s->size() && (((*s)[end] >= 'a' && (*s)[end] <= 'z') || (*s)[end] == '_')) ++end;
      if (end == open + 1 || end >= s->size() || (*s)[end] != '}') continue;
      const std::string_view name(s->data() + open + 1, end - open - 1);
      auto in = [&](std::span<const std::string_view> list) {
        return std::find(list.begin(), list.end(), name) != list.end();
      };
      const bool deny = out.expect == GuardrailSpec::Expect::Deny;
      if (in(kGuardrailPlaceholders) || (deny && in(kGuardrailDenyPlaceholders)) ||
          (!deny && in(kGuardrailAllowPlaceholders))) {
        continue;
      }
      std::vector<std::string_view> known(std::begin(kGuardrailPlaceholders), std::end(kGuardrailPlaceholders));
      const auto& extra = deny ? std::span<const std::string_view>(kGuardrailDenyPlaceholders)
                               : std::span<const std::string_view>(kGuardrailAllowPlaceholders);
      known.insert(known.end(), extra.begin(), extra.end());
      std::string list;
      for (auto k : known) list += (list.empty() ? "{" : ", {") + std::string(k) + "}";
      return fail(node, "unknown placeholder {" + std::string(name) + "} in message for expect = \"" +
                            (deny ? "deny" : "allow") + "\" (known: " + list + ")");
    }
    return true;
  }

  bool at(const SpecValue& v, const std::string& message) {
    error_ = source_ + ":" + std::to_string(v.line) + ":" + std::to_string(v.column) + ": " + message;
    return false;
  }

 private:
  std::string source_;
  std::string& error_;
};

bool parse_question(SpecReader& r, const toml::table& t, std::string_view source, GuardrailSpec& out) {
  out.source = std::string(source);
  if (const toml::node* n = t.get("principals"); n && !r.principals(*n, out)) return false;
  const toml::node* actions = t.get("actions");
  if (actions == nullptr) return r.fail(t, "the guardrail needs actions (\"service:Action\", wildcards allowed)");
  if (!r.values(*actions, "actions", out.actions)) return false;
  if (out.actions.empty()) return r.fail(*actions, "actions must not be empty");
  for (const auto& a : out.actions) {
    const size_t colon = a.text.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == a.text.size()) {
      return r.at(a, "'" + a.text + "' is not an action (service:Action, e.g. sagemaker:CreateTrainingJob)");
    }
  }
  if (const toml::node* n = t.get("resources"); n && !r.values(*n, "resources", out.resources)) return false;
  if (const toml::node* n = t.get("context"); n && !r.context(*n, out)) return false;
  if (const toml::node* n = t.get("absent")) {
    if (!r.values(*n, "absent", out.absent)) return false;
    for (const auto& k : out.absent) {
      if (!r.key_name(k)) return false;
      for (const auto& c : out.context) {
        if (same_key(c.key.text, k.text)) {
          return r.at(k, "'" + k.text + "' is both in context and absent: a request either carries it or not");
        }
      }
    }
  }
  const toml::node* expect = t.get("expect");
  if (expect == nullptr) {
    return r.fail(t,
                  "the guardrail needs expect = \"deny\" (report a request that is allowed) or \"allow\" "
                  "(report when no such request is allowed)");
  }
  const std::string e = expect->value_or<std::string>("");
  if (e == "deny") {
    out.expect = GuardrailSpec::Expect::Deny;
  } else if (e == "allow") {
    out.expect = GuardrailSpec::Expect::Allow;
  } else {
    return r.fail(*expect, "expect must be \"deny\" or \"allow\"");
  }
  if (const toml::node* n = t.get("message"); n && !r.message(*n, out)) return false;
  toml::table question;
  for (const auto& [key, node] : t) {
    if (config_keys::has_key(config_keys::guardrail_question(), key.str())) question.insert(key, node);
  }
  toml::table root;
  root.insert("guardrail", std::move(question));
  std::ostringstream text;
  text << toml::toml_formatter(root);
  out.toml_text = text.str();
  return true;
}

}  // namespace

template <class TomlTable>
bool parse_guardrail_spec(const TomlTable& table, std::string_view source, GuardrailSpec& out, std::string& error) {
  SpecReader r(source, error);
  if (!r.only_keys(table, config_keys::guardrail_question())) return false;
  return parse_question(r, table, source, out);
}

bool is_user_rule_id(std::string_view id) {
  return id.size() == 5 && id.substr(0, 3) == "SL9" && id[3] >= '0' && id[3] <= '9' && id[4] >= '0' && id[4] <= '9';
}

template <class TomlTable>
bool parse_user_guardrail(const TomlTable& table, std::string_view source, RuleMeta& out, std::string& error) {
  SpecReader r(source, error);
  if (!r.only_keys(table, config_keys::user_guardrail())) return false;
  auto string = [&](std::string_view key, std::string& into, bool required) {
    const toml::node* n = table.get(key);
    if (n == nullptr) return !required || r.fail(table, "[[guardrail]] needs " + std::string(key));
    auto s = n->value_exact<std::string>();
    if (!s || s->empty()) return r.fail(*n, std::string(key) + " must be a non-empty string");
    into = *s;
    return true;
  };
  std::string severity = "warning";
  if (!string("id", out.id, true) || !string("name", out.name, true) || !string("severity", severity, false) ||
      !string("summary", out.summary, true) || !string("explanation", out.explanation, false) ||
      !string("remediation", out.remediation, false)) {
    return false;
  }
  if (!is_user_rule_id(out.id)) {
    return r.fail(*table.get("id"), "id '" + out.id + "' is not in SL900-SL999, the block for user rules");
  }
  const std::string_view name = out.name;
  const bool kebab = !name.empty() && name.front() != '-' && name.back() != '-' &&
                     name.find("--") == std::string_view::npos && std::all_of(name.begin(), name.end(), [](char c) {
                       return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                     });
  if (!kebab) return r.fail(*table.get("name"), "name '" + out.name + "' is not kebab-case (e.g. notebook-no-root)");
  auto parsed = parse_severity(severity);
  if (!parsed) return r.fail(*table.get("severity"), "severity must be error, warning or note");
  out.severity = *parsed;
  if (const toml::node* n = table.get("tags")) {
    std::vector<SpecValue> tags;
    if (!r.values(*n, "tags", tags)) return false;
    for (auto& t : tags) out.tags.push_back(std::move(t.text));
  }
  out.tags.push_back("user-guardrail");
  auto spec = std::make_shared<GuardrailSpec>();
  if (!parse_question(r, table, source, *spec)) return false;
  out.scope = RuleScope::Principal;
  // A guardrail is about access, so code scanning files it as a security alert.
  out.security_severity = out.severity == Severity::Error ? "7.0" : out.severity == Severity::Warning ? "5.0" : "2.0";
  out.precision = "high";
  out.origin = std::string(source) + ":" + std::to_string(table.source().begin.line) + ":" +
               std::to_string(table.source().begin.column);
  if (out.explanation.empty()) out.explanation = out.summary + ".";
  if (out.remediation.empty()) out.remediation = "See the finding's message.";
  out.guardrail = std::move(spec);
  return true;
}

template bool parse_guardrail_spec<toml::table>(const toml::table&, std::string_view, GuardrailSpec&, std::string&);
template bool parse_user_guardrail<toml::table>(const toml::table&, std::string_view, RuleMeta&, std::string&);

}  // namespace sagelint::lint
