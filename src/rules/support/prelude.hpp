// What every rule file reads: the names of the policy and JSON model and of the rule context, and
// the text helpers rules use unqualified.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "lint/rule.hpp"
#include "policy/policy.hpp"
#include "principal/subject.hpp"
#include "text/text.hpp"

namespace sagelint::rules {

using input::JsonMember;
using input::JsonNode;
using input::JsonType;
using lint::RuleContext;
using policy::Statement;

// `text` in quotes for messages, shortened when very long (one definition, beside the subject
// model whose policy names it writes).
using principal::quote;

// ASCII lower-case copy (IAM action and service names compare case-insensitively).
using text::lower;

}  // namespace sagelint::rules
