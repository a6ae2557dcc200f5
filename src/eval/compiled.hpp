// The compiled form of a PolicySet: what evaluate() and the guardrail enumerator walk.
// Internal to src/eval.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "eval/eval.hpp"
#include "eval/match.hpp"

namespace sagelint::eval::detail {

// Operator families. Negated operators (StringNotEquals, NotIpAddress, ArnNotLike ...) are their
// positive family with Clause::negated set.
enum class Family : uint8_t {
  String,
  StringIgnoreCase,
  StringLike,
  Numeric,
  Date,
  Bool,
  Binary,
  Ip,
  Arn,
  Null,
  Unknown
};
enum class Compare : uint8_t { Equal, Less, LessEqual, Greater, GreaterEqual };

struct Operand {
  std::string raw;       // the policy value as text (JSON true/false and numbers as written)
  bool valid = true;     // a scalar that parses for its operator; an invalid operand never matches
  Template text;         // String*, Arn*, Bool (may hold variables)
  double number = 0;     // Numeric*
  int64_t date = 0;      // Date*, milliseconds since the epoch
  IpNet net;             // IpAddress, NotIpAddress
  bool boolean = false;  // Bool without variables, Null
};

struct Clause {
  Family family = Family::Unknown;
  Compare compare = Compare::Equal;
  bool negated = false;
  bool if_exists = false;
  policy::SetQualifier qualifier = policy::SetQualifier::None;
  std::string key;               // as written
  std::string key_lower;         // lookup key
  bool key_multivalued = false;  // the catalog types the key ArrayOf*
  catalog::KeyType key_type = catalog::KeyType::Unknown;
  bool has_variables = false;
  std::vector<Operand> operands;
  const input::JsonMember* op_member = nullptr;
  const input::JsonMember* key_member = nullptr;
};

struct ActionPattern {
  bool all = false;     // "*"
  bool never = false;   // no ':' and not "*": names no action
  std::string service;  // lower case
  Glob name;            // lower case
};

struct CompiledStatement {
  StatementRef ref;
  bool usable = false;
  std::vector<ActionPattern> actions;
  bool actions_negated = false;
  std::vector<Template> resources;
  bool resources_negated = false;
  std::vector<Clause> clauses;
};

struct Compiled {
  const catalog::Catalog* catalog = nullptr;
  std::deque<std::string> names;  // stable storage behind StatementRef::policy
  std::vector<CompiledStatement> statements;
  size_t identity_policies = 0;
  size_t boundary_policies = 0;
};

// The request action folded for matching: "sagemaker:createtrainingjob" → service + name.
struct ActionKey {
  std::string service;
  std::string name;
};
ActionKey action_key(std::string_view action);

bool matches_action(const CompiledStatement& st, const ActionKey& action);
// Variables in Resource patterns read the context.
bool matches_resource(const CompiledStatement& st, std::string_view resource, const Context& context);
bool clause_holds(const Clause& clause, const Context& context);
bool conditions_hold(const CompiledStatement& st, const Context& context);

}  // namespace sagelint::eval::detail
