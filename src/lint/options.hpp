// Rule options: the defaults of a rules/<name>.toml [options] table and the user's
// [rules.<name>] table of .sagelint.toml, as values of our own. TOML is read into them in one
// place (lint/options_toml.cpp), so no rule, context or linter header includes toml++.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sagelint::lint {

// A value no rule option takes: a table, a date or time, or a list with an item that is not a
// string. Kept, not dropped, so that check_options() can say what is wrong with it.
struct OtherValue {
  size_t bad_item = 0;  // a list: the 1-based position of its first item that is not a string; else 0
  bool operator==(const OtherValue&) const = default;
};

// bool, integer, floating point (a user may write 10.0 where the default is 10), string, list of
// strings, or something else.
using OptionValue = std::variant<bool, int64_t, double, std::string, std::vector<std::string>, OtherValue>;

class Options {
 public:
  using Map = std::map<std::string, OptionValue, std::less<>>;

  const OptionValue* find(std::string_view name) const;
  void set(std::string name, OptionValue value) { values_.insert_or_assign(std::move(name), std::move(value)); }
  bool empty() const { return values_.empty(); }
  Map::const_iterator begin() const { return values_.begin(); }  // in key order, as TOML tables
  Map::const_iterator end() const { return values_.end(); }
  bool operator==(const Options&) const = default;

  // Typed reads, as rules see them: a missing option, or one of another type, reads as 0, false,
  // "" or {}. An integer option given as a floating-point number reads as that number when it is
  // a whole number in range, else 0 (what toml++'s value_or did).
  int64_t integer(std::string_view name) const;
  bool boolean(std::string_view name) const;
  std::string string(std::string_view name) const;
  std::vector<std::string> strings(std::string_view name) const;

 private:
  Map values_;
};

// The options a rule runs with: the user's table over the rule's defaults. The one accessor of
// RuleContext and PrincipalContext (both derive from it).
class OptionReader {
 public:
  OptionReader(const Options& set, const Options& defaults) : set_(set), defaults_(defaults) {}

  int64_t option_int(std::string_view name) const { return pick(name).integer(name); }
  bool option_bool(std::string_view name) const { return pick(name).boolean(name); }
  std::string option_string(std::string_view name) const { return pick(name).string(name); }
  std::vector<std::string> option_strings(std::string_view name) const { return pick(name).strings(name); }

 private:
  const Options& set_;
  const Options& defaults_;

  const Options& pick(std::string_view name) const { return set_.find(name) != nullptr ? set_ : defaults_; }
};

// From toml++ (lint/options_toml.cpp, instantiated for toml++'s node and table only): a
// template so that this header needs no toml++. A value of another type is an OtherValue.
template <class TomlNode>
OptionValue option_value_from_toml(const TomlNode& node);
template <class TomlTable>
Options options_from_toml(const TomlTable& table);

// The user's options for `rule` against the rule's defaults: every key must be an option of the
// rule, of the default's type (any number where the default is a number), and a list must hold
// only strings. False with "options for RULE: ..." in `error` otherwise.
bool check_options(const Options& set, const Options& defaults, std::string_view rule, std::string& error);

}  // namespace sagelint::lint
