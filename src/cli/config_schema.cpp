#include "cli/config_schema.hpp"

#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "lint/config_keys.hpp"
#include "report/report.hpp"

namespace sagelint::cli {

namespace {

namespace ck = lint::config_keys;

// A JSON value whose objects keep the order their members were added in.
struct Json {
  enum class Kind { Raw, Object, Array } kind = Kind::Object;
  std::string raw;                // a scalar, already JSON
  std::vector<std::string> keys;  // an object's member names, and in `values` their values
  std::vector<Json> values;
  std::vector<Json> items;

  static Json str(std::string_view s) { return Json{Kind::Raw, report::json_quote(s), {}, {}, {}}; }
  static Json lit(std::string_view s) { return Json{Kind::Raw, std::string(s), {}, {}, {}}; }
  static Json arr() { return Json{Kind::Array, {}, {}, {}, {}}; }
  Json& set(std::string_view key, Json value) {
    keys.emplace_back(key);
    values.push_back(std::move(value));
    return values.back();
  }
  void append(Json other) {  // the members of another object, after these
    for (size_t i = 0; i < other.keys.size(); ++i) set(other.keys[i], std::move(other.values[i]));
  }
  Json& push(Json value) {
    items.push_back(std::move(value));
    return items.back();
  }

  void dump(std::string& out, int indent) const {
    const std::string pad(static_cast<size_t>(indent + 2), ' ');
    if (kind == Kind::Raw) {
      out += raw;
    } else if (kind == Kind::Object) {
      if (keys.empty()) {
        out += "{}";
        return;
      }
      out += "{\n";
      for (size_t i = 0; i < keys.size(); ++i) {
        out += pad + report::json_quote(keys[i]) + ": ";
        values[i].dump(out, indent + 2);
        out += i + 1 < keys.size() ? ",\n" : "\n";
      }
      out += std::string(static_cast<size_t>(indent), ' ') + "}";
    } else {
      bool scalars = true;
      for (const auto& item : items) scalars = scalars && item.kind == Kind::Raw;
      if (scalars) {  // short lists of values stay on one line
        out += "[";
        for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i].raw;
        out += "]";
        return;
      }
      out += "[\n";
      for (size_t i = 0; i < items.size(); ++i) {
        out += pad;
        items[i].dump(out, indent + 2);
        out += i + 1 < items.size() ? ",\n" : "\n";
      }
      out += std::string(static_cast<size_t>(indent), ' ') + "]";
    }
  }
};

Json strings_of(std::span<const std::string_view> values) {
  Json a = Json::arr();
  for (auto v : values) a.push(Json::str(v));
  return a;
}

// A rule's id or kebab-case name: [severity] takes either, and user rules ([[guardrail]]) are
// not known in advance. [rules.<name>] takes the name only (options under an id are not read).
constexpr std::string_view kRuleIdOrNamePattern = "^(SL[0-9][0-9][0-9]|[a-z0-9]+(-[a-z0-9]+)*)$";
constexpr std::string_view kRuleNamePattern = "^[a-z0-9]+(-[a-z0-9]+)*$";

Json section_schema(const ck::Section& section, const lint::Registry& registry);

Json string_schema(const ck::Key& key, bool non_empty) {
  Json s;
  s.set("type", Json::str("string"));
  if (!key.allowed.empty()) s.set("enum", strings_of(key.allowed));
  if (!key.pattern.empty()) s.set("pattern", Json::str(key.pattern));
  if (non_empty && key.allowed.empty() && key.pattern.empty()) s.set("minLength", Json::lit("1"));
  return s;
}

Json severity_enum() {
  Json s;
  Json& values = s.set("enum", Json::arr());
  values.push(Json::str("error"));
  values.push(Json::str("warning"));
  values.push(Json::str("note"));
  return s;
}

Json option_schema(const lint::OptionValue& def, std::string_view description) {
  Json s;
  if (const auto* str = std::get_if<std::string>(&def)) {
    s.set("type", Json::str("string"));
    s.set("default", Json::str(*str));
  } else if (const auto* b = std::get_if<bool>(&def)) {
    s.set("type", Json::str("boolean"));
    s.set("default", Json::lit(*b ? "true" : "false"));
  } else if (const auto* i = std::get_if<int64_t>(&def)) {
    s.set("type", Json::str("number"));  // the reader takes any number where the default is one
    s.set("default", Json::lit(std::to_string(*i)));
  } else if (const auto* f = std::get_if<double>(&def)) {
    s.set("type", Json::str("number"));
    std::ostringstream text;
    text << *f;
    s.set("default", Json::lit(text.str()));
  } else if (const auto* list = std::get_if<std::vector<std::string>>(&def)) {
    s.set("type", Json::str("array"));
    s.set("items", Json{}).set("type", Json::str("string"));
    Json d = Json::arr();
    for (const auto& item : *list) d.push(Json::str(item));
    s.set("default", std::move(d));
  }
  s.set("description", Json::str(description));
  return s;
}

Json rule_options(const lint::Registry& registry) {
  Json s;
  s.set("type", Json::str("object"));
  s.set("description", Json::str("[rules.<rule-name>]: the options of one rule, by its name"));
  Json& props = s.set("properties", Json{});
  for (const auto& r : registry.rules()) {
    Json rule;
    rule.set("type", Json::str("object"));
    rule.set("description", Json::str(r.meta.id + ": " + r.meta.summary));
    Json& options = rule.set("properties", Json{});
    for (const auto& doc : r.meta.option_docs) {
      const std::string name = doc.substr(0, doc.find(':'));
      const lint::OptionValue* def = r.meta.options.find(name);
      if (def == nullptr) continue;
      std::string text = doc.substr(doc.find(':') + 1);
      if (!text.empty() && text.front() == ' ') text.erase(0, 1);
      options.set(name, option_schema(*def, text));
    }
    rule.set("additionalProperties", Json::lit("false"));
    props.set(r.meta.name, std::move(rule));
  }
  // [[guardrail]] rules of the same file, which have no options.
  s.set("propertyNames", Json{}).set("pattern", Json::str(kRuleNamePattern));
  Json& other = s.set("additionalProperties", Json{});
  other.set("type", Json::str("object"));
  other.set("additionalProperties", Json::lit("false"));
  return s;
}

Json severity_map(const lint::Registry& registry) {
  Json s;
  s.set("type", Json::str("object"));
  Json& props = s.set("properties", Json{});
  for (const auto& r : registry.rules()) {
    Json by_id = severity_enum();
    by_id.set("description", Json::str(r.meta.name + ": " + r.meta.summary));
    props.set(r.meta.id, std::move(by_id));
    Json by_name = severity_enum();
    by_name.set("description", Json::str(r.meta.id + ": " + r.meta.summary));
    props.set(r.meta.name, std::move(by_name));
  }
  s.set("propertyNames", Json{}).set("pattern", Json::str(kRuleIdOrNamePattern));
  s.set("additionalProperties", severity_enum());
  return s;
}

Json context_schema() {
  Json scalar;
  Json& types = scalar.set("type", Json::arr());
  types.push(Json::str("string"));
  types.push(Json::str("boolean"));
  types.push(Json::str("integer"));
  Json s;
  s.set("type", Json::str("object"));
  s.set("propertyNames", Json{}).set("pattern", Json::str("^[^:]+:.+$"));
  Json& value = s.set("additionalProperties", Json{});
  Json& any = value.set("anyOf", Json::arr());
  any.push(scalar);
  Json list;
  list.set("type", Json::str("array"));
  list.set("items", scalar);
  any.push(std::move(list));
  return s;
}

Json key_schema(const ck::Key& key, const lint::Registry& registry) {
  Json s;
  switch (key.type) {
    case ck::Type::String:
    case ck::Type::NonEmptyString:
      s = string_schema(key, key.type == ck::Type::NonEmptyString);
      break;
    case ck::Type::Strings:
    case ck::Type::NonEmptyStrings: {
      Json item = string_schema(key, key.type == ck::Type::NonEmptyStrings);
      Json& any = s.set("anyOf", Json::arr());
      any.push(item);
      Json list;
      list.set("type", Json::str("array"));
      list.set("items", std::move(item));
      any.push(std::move(list));
      break;
    }
    case ck::Type::Table:
      s = section_schema(*key.table, registry);
      break;
    case ck::Type::Tables:
      s.set("type", Json::str("array"));
      s.set("items", section_schema(*key.table, registry));
      break;
    case ck::Type::SeverityMap:
      s = severity_map(registry);
      break;
    case ck::Type::RuleOptions:
      s = rule_options(registry);
      break;
    case ck::Type::Context:
      s = context_schema();
      break;
  }
  // Descriptions go first, where a reader of the file looks.
  Json out;
  out.set("description", Json::str(key.description));
  out.append(std::move(s));
  return out;
}

Json section_schema(const ck::Section& section, const lint::Registry& registry) {
  Json s;
  s.set("type", Json::str("object"));
  Json& props = s.set("properties", Json{});
  Json required = Json::arr();
  Json conditions = Json::arr();
  for (const ck::Section* part = &section; part != nullptr; part = part->also) {
    for (const auto& key : part->keys) {
      props.set(key.name, key_schema(key, registry));
      if (key.required) required.push(Json::str(key.name));
      if (!key.only_for_kind.empty()) {
        // "only a role has a trust policy": a `kind` outside the list forbids the key.
        Json c;
        Json& when = c.set("if", Json{});
        when.set("properties", Json{})
            .set("kind", Json{})
            .set("not", Json{})
            .set("enum", strings_of(key.only_for_kind));
        when.set("required", Json::arr()).push(Json::str("kind"));
        c.set("then", Json{}).set("not", Json{}).set("required", Json::arr()).push(Json::str(key.name));
        conditions.push(std::move(c));
      }
    }
  }
  if (!required.items.empty()) s.set("required", std::move(required));
  if (!conditions.items.empty()) s.set("allOf", std::move(conditions));
  s.set("additionalProperties", Json::lit("false"));
  return s;
}

}  // namespace

std::string config_schema(const lint::Registry& registry) {
  Json root;
  root.set("$schema", Json::str("http://json-schema.org/draft-07/schema#"));
  root.set("title", Json::str(".sagelint.toml"));
  root.set("description", Json::str("Configuration of sagelint, the IAM policy linter (docs/configuration.md). "
                                    "Generated by sagelint-docgen from src/lint/config_keys.cpp and rules/*.toml."));
  Json top = section_schema(ck::top_level(), registry);
  root.append(std::move(top));
  // The [guardrail] table of a guardrail rule's TOML (the question shown in docs/rules/).
  root.set("definitions", Json{}).set("guardrailQuestion", section_schema(ck::guardrail_question(), registry));
  std::string out;
  root.dump(out, 0);
  out += "\n";
  return out;
}

}  // namespace sagelint::cli
