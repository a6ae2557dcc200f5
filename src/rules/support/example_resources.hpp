// Concrete requests made up from the catalog: the resource type an action always names, an
// example ARN of it, and the SageMaker actions whose requests can carry a condition key.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"

namespace sagelint::rules {

// The resource type the request always names (CreateTrainingJob: the training job, not the
// optional reserved capacity), else the first one listed with an ARN format; null when none.
const catalog::ResourceType* main_resource_type(const catalog::Action& action);

// A concrete ARN for the first resource type of an action ("*" when it takes none):
// placeholders become the example account 123456789012, us-east-1 and "sagelint-example".
std::string example_resource(const catalog::Action& action);

// SageMaker actions (from the catalog) whose request context can carry `key`.
std::vector<const catalog::Action*> sagemaker_actions_with_key(std::string_view key);

}  // namespace sagelint::rules
