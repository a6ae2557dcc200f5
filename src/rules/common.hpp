// Small helpers shared by rule logic files.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "lint/rule.hpp"
#include "policy/policy.hpp"

namespace sagelint::rules {

using input::JsonMember;
using input::JsonNode;
using input::JsonType;
using lint::RuleContext;
using policy::Statement;

// `text` in single quotes for messages; past 80 bytes cut, with "(truncated: N of M characters)".
std::string quote(std::string_view text);

// ASCII lower-case copy (IAM action and service names compare case-insensitively).
std::string lower(std::string_view text);

}  // namespace sagelint::rules
