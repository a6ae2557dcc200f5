// toml++ values as rule options (lint/options.hpp): the one place that converts them. The two
// templates are defined here and instantiated for toml++'s types only, so that options.hpp needs
// no toml++; a call with another type fails to link.
#include <toml++/toml.h>

#include "lint/options.hpp"

namespace sagelint::lint {

template <class TomlNode>
OptionValue option_value_from_toml(const TomlNode& node) {
  if (const auto* b = node.as_boolean()) return b->get();
  if (const auto* i = node.as_integer()) return i->get();
  if (const auto* d = node.as_floating_point()) return d->get();
  if (const auto* s = node.as_string()) return s->get();
  if (const toml::array* a = node.as_array()) {
    std::vector<std::string> items;
    for (size_t i = 0; i < a->size(); ++i) {
      const auto* s = (*a)[i].as_string();
      if (s == nullptr) return OtherValue{i + 1};
      items.push_back(s->get());
    }
    return items;
  }
  return OtherValue{};  // a table, a date or a time
}

template <class TomlTable>
Options options_from_toml(const TomlTable& table) {
  Options out;
  for (const auto& [key, node] : table) out.set(std::string(key.str()), option_value_from_toml<toml::node>(node));
  return out;
}

template OptionValue option_value_from_toml<toml::node>(const toml::node&);
template Options options_from_toml<toml::table>(const toml::table&);

}  // namespace sagelint::lint
