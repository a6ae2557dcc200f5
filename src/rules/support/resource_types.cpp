#include "rules/support/resource_types.hpp"

#include <algorithm>

#include "rules/support/actions.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {

std::vector<ExpandedAction> expand_actions(const catalog::Catalog& catalog, const policy::Statement& st) {
  std::vector<ExpandedAction> out;
  if (st.actions_negated) return out;
  out.reserve(st.actions.size());
  for (const auto& a : st.actions) {
    ExpandedAction e;
    e.pattern = &a;
    size_t colon = a.text.find(':');
    std::string_view service = colon == std::string_view::npos ? a.text : a.text.substr(0, colon);
    if (a.text == "*" || text::has_wildcard(service)) {
      e.service_wildcard = true;
    } else {
      e.actions = catalog.match_actions(a.text);
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<const catalog::ResourceType*> resource_types_of(const std::vector<ExpandedAction>& actions) {
  std::vector<const catalog::ResourceType*> out;
  std::vector<std::string> names;  // lower-case action names
  for (const auto& e : actions) {
    for (const catalog::Action* a : e.actions) {
      names.push_back(lower(a->name));
      for (const auto& ref : a->resource_types) {
        if (ref.type != nullptr && std::find(out.begin(), out.end(), ref.type) == out.end()) out.push_back(ref.type);
      }
    }
  }
  // Types an action is named after come first (s3:ListBucket -> bucket before accesspoint), so
  // messages that show only a few name the likely one.
  auto named = [&](const catalog::ResourceType* t) {
    std::string noun;
    for (char c : t->name) {
      if (c != '-') noun += c;
    }
    noun = lower(noun);
    return std::any_of(names.begin(), names.end(),
                       [&](const std::string& n) { return n.find(noun) != std::string::npos; });
  };
  std::stable_partition(out.begin(), out.end(), named);
  return out;
}

std::string describe_type(const catalog::ResourceType& type) {
  return std::string(type.name) + " (" + std::string(type.arn_format) + ")";
}

std::string describe_types(const std::vector<const catalog::ResourceType*>& types, size_t max) {
  std::string out;
  size_t shown = std::min(types.size(), max);
  for (size_t i = 0; i < shown; ++i) {
    if (i > 0) out += i + 1 == shown && types.size() <= max ? " or " : ", ";
    out += describe_type(*types[i]);
  }
  if (types.size() > max) out += ", ...";
  return out;
}

}  // namespace sagelint::rules
