// Typed view of an IAM policy document over the located JSON tree. Nothing is copied that
// could lose its position: every element points back at the node it came from. "String or
// array" forms are normalised into lists; elements of the wrong JSON type are kept out of
// the lists (the grammar rules report them) so semantic rules see only what IAM would read.
#pragma once

#include <string_view>
#include <vector>

#include "input/document.hpp"
#include "input/json.hpp"

namespace sagelint::policy {

using input::JsonMember;
using input::JsonNode;

enum class PolicyKind { Identity, Trust, Resource };
std::string_view kind_name(PolicyKind kind);

enum class Effect { Allow, Deny, Missing, Invalid };

struct StringValue {
  std::string_view text;
  const JsonNode* node;
};

enum class SetQualifier { None, ForAllValues, ForAnyValue };

struct ConditionOperator {
  std::string_view written;  // "ForAllValues:StringNotEqualsIfExists"
  std::string_view base;     // "StringNotEquals"
  SetQualifier qualifier = SetQualifier::None;
  bool if_exists = false;
  bool known = false;  // base is an IAM condition operator
};

// Parse an operator name as IAM does (operator names are case-sensitive in practice:
// AWS documents them in this exact case, and Access Analyzer rejects other cases).
ConditionOperator parse_operator(std::string_view written);

struct ConditionClause {
  const JsonMember* op_member;  // "StringEquals": {...}
  ConditionOperator op;
  const JsonMember* key_member;  // "aws:SourceVpce": [...]
  std::string_view key;
  std::vector<const JsonNode*> values;  // the scalar values (a single value is a list of one)
};

struct Principal {
  std::string_view type;  // "AWS", "Service", "Federated", "CanonicalUser", or "*" for the bare wildcard
  StringValue value;
};

struct Statement {
  size_t index = 0;
  const JsonNode* node = nullptr;  // the statement object
  const JsonMember* sid = nullptr;
  const JsonMember* effect = nullptr;
  const JsonMember* action = nullptr;
  const JsonMember* not_action = nullptr;
  const JsonMember* resource = nullptr;
  const JsonMember* not_resource = nullptr;
  const JsonMember* principal = nullptr;
  const JsonMember* not_principal = nullptr;
  const JsonMember* condition = nullptr;
  Effect effect_value = Effect::Missing;

  std::vector<StringValue> actions;  // from Action, or NotAction when actions_negated
  bool actions_negated = false;
  std::vector<StringValue> resources;  // from Resource, or NotResource when resources_negated
  bool resources_negated = false;
  std::vector<Principal> principals;  // from Principal, or NotPrincipal when principals_negated
  bool principals_negated = false;
  std::vector<ConditionClause> conditions;

  std::string_view sid_text() const;
  bool is_allow() const { return effect_value == Effect::Allow; }
  bool is_deny() const { return effect_value == Effect::Deny; }
};

struct Policy {
  const JsonNode* root = nullptr;
  const JsonMember* version = nullptr;
  const JsonMember* statement = nullptr;
  std::vector<Statement> statements;
  PolicyKind kind = PolicyKind::Identity;
};

// Builds the typed view; never fails (a malformed element just leaves its field empty).
Policy build_policy(const JsonNode& root, input::KindHint hint = input::KindHint::Unknown);

// Trust policies are recognised by what they allow: only sts:AssumeRole* and its companions.
PolicyKind detect_kind(const Policy& policy);

}  // namespace sagelint::policy
