// Statement-level helpers of the resource rules: which catalog actions a statement's Action
// patterns name, and which resource types those actions act on.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "policy/policy.hpp"

namespace sagelint::rules {

struct ExpandedAction {
  const policy::StringValue* pattern = nullptr;
  std::vector<const catalog::Action*> actions;  // empty: unknown to the catalog
  bool service_wildcard = false;                // "*", "*:Get*": not expanded (every service)
};

// Expands every Action pattern of an Action statement (NotAction statements give an empty list).
std::vector<ExpandedAction> expand_actions(const catalog::Catalog& catalog, const policy::Statement& st);

// Distinct resource types of the expanded actions, in order of first appearance.
std::vector<const catalog::ResourceType*> resource_types_of(const std::vector<ExpandedAction>& actions);

// "cluster (arn:${Partition}:sagemaker:${Region}:${Account}:cluster/${ClusterId})", and a short
// list of several such ("bucket (...) or accesspoint (...)"; "..." past `max`).
std::string describe_type(const catalog::ResourceType& type);
std::string describe_types(const std::vector<const catalog::ResourceType*>& types, size_t max = 3);

}  // namespace sagelint::rules
