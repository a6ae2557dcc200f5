#include "lint/options.hpp"

#include <cmath>

namespace sagelint::lint {

const OptionValue* Options::find(std::string_view name) const {
  auto it = values_.find(name);
  return it != values_.end() ? &it->second : nullptr;
}

int64_t Options::integer(std::string_view name) const {
  const OptionValue* v = find(name);
  if (v == nullptr) return 0;
  if (const auto* i = std::get_if<int64_t>(v)) return *i;
  if (const auto* b = std::get_if<bool>(v)) return *b ? 1 : 0;
  if (const auto* d = std::get_if<double>(v)) {
    // A whole number that an int64_t holds; 2^63 itself does not.
    if (std::isfinite(*d) && *d == std::trunc(*d) && *d >= -9223372036854775808.0 && *d < 9223372036854775808.0) {
      return static_cast<int64_t>(*d);
    }
  }
  return 0;
}

bool Options::boolean(std::string_view name) const {
  const OptionValue* v = find(name);
  if (v == nullptr) return false;
  if (const auto* b = std::get_if<bool>(v)) return *b;
  if (const auto* i = std::get_if<int64_t>(v)) return *i != 0;
  return false;
}

std::string Options::string(std::string_view name) const {
  const OptionValue* v = find(name);
  const auto* s = v != nullptr ? std::get_if<std::string>(v) : nullptr;
  return s != nullptr ? *s : std::string();
}

std::vector<std::string> Options::strings(std::string_view name) const {
  const OptionValue* v = find(name);
  const auto* list = v != nullptr ? std::get_if<std::vector<std::string>>(v) : nullptr;
  return list != nullptr ? *list : std::vector<std::string>();
}

namespace {

// The TOML type a value was written as: a list with a non-string item is still a list.
enum class Kind { Boolean, Number, String, List, Other };

Kind kind_of(const OptionValue& v) {
  if (std::holds_alternative<bool>(v)) return Kind::Boolean;
  if (std::holds_alternative<int64_t>(v) || std::holds_alternative<double>(v)) return Kind::Number;
  if (std::holds_alternative<std::string>(v)) return Kind::String;
  if (std::holds_alternative<std::vector<std::string>>(v)) return Kind::List;
  return std::get<OtherValue>(v).bad_item != 0 ? Kind::List : Kind::Other;
}

}  // namespace

bool check_options(const Options& set, const Options& defaults, std::string_view rule, std::string& error) {
  const std::string prefix = "options for " + std::string(rule) + ": option '";
  for (const auto& [key, value] : set) {
    const OptionValue* def = defaults.find(key);
    if (def == nullptr) {
      error = "options for " + std::string(rule) + ": unknown option '" + key + "'";
      return false;
    }
    // Any number where the default is a number; a table, date or time is never an option's type.
    const Kind kind = kind_of(value);
    if (kind != kind_of(*def) || kind == Kind::Other) {
      error = prefix + key + "' has the wrong type";
      return false;
    }
    // Lists are lists of strings (Options::strings): anything else would be dropped without a word.
    if (const auto* other = std::get_if<OtherValue>(&value)) {
      error = prefix + key + "' takes a list of strings; item " + std::to_string(other->bad_item) + " is not a string";
      return false;
    }
  }
  return true;
}

}  // namespace sagelint::lint
