// Guardrail questions over a PolicySet: "can this principal do X under some request context?"
// answered by enumerating a bounded set of contexts and evaluating each one.
//
// The bound. Only keys read by statements that can apply to the question's action and resource
// are enumerated (condition keys and the keys of policy variables); fixed keys and keys declared
// absent are not. Each free key gets a small domain built from the policies themselves:
//   - the key absent;
//   - every literal compared against the key (StringLike/Arn* patterns instantiated with '*' as
//     "" and as "x", '?' as "x"; StringEqualsIgnoreCase literals also with their case swapped;
//     numbers and dates also one unit below and above; CIDRs as their first and last address and
//     the addresses just outside);
//   - one value per operator family that matches no literal;
//   - for multivalued keys (ArrayOf* in the catalog, or compared with ForAnyValue/ForAllValues):
//     the empty set, every singleton, every literal mixed with the non-matching value, and the
//     set of all literals.
// Values that every condition on the key treats alike are then merged (same truth value for
// each condition that reads the key), so the domain holds one value per distinct outcome and the
// product over keys stays small: RestrictInternetAccess plus AmazonSageMakerFullAccess asks for
// a few dozen contexts. The product is capped (GuardrailOptions::max_contexts).
//
// What the bound covers: every outcome of equality, Bool, Null, Numeric and Date conditions and
// of the set operators over those literals. It can miss a value that only the overlap of two
// wildcard patterns or CIDR ranges produces, and it does not solve for the value of a policy
// variable (a variable key is tried absent and with one generic value).
#pragma once

#include <string>
#include <vector>

#include "eval/eval.hpp"

namespace sagelint::eval {

struct Question {
  std::vector<std::string> actions;            // "sagemaker:CreateTrainingJob" or patterns "sagemaker:Create*"
  std::vector<std::string> resources = {"*"};  // concrete resource ARNs ("*" for actions without one)
  Context fixed;                               // keys whose presence and values are given
  std::vector<std::string> absent;             // keys known to be absent
  std::vector<std::string> free;               // keys to enumerate; empty: every key the policies read
};

struct GuardrailOptions {
  size_t max_contexts = 1 << 16;   // per action and resource
  size_t max_counterexamples = 1;  // the enumeration stops once this many are found
};

struct UnmetCondition {
  const input::JsonMember* op = nullptr;   // "Bool": {...}
  const input::JsonMember* key = nullptr;  // "sagemaker:NetworkIsolation": false
};

// A Deny on the question's action and resource whose conditions did not hold for the
// counterexample: the statement that should have stopped it, and why it did not.
struct UnmetDeny {
  StatementRef statement;
  std::vector<UnmetCondition> conditions;
};

struct Counterexample {
  Request request;                       // concrete: free keys set as chosen, absent ones left out
  std::vector<StatementRef> allowed_by;  // identity Allows (and boundary Allows) that match
  std::vector<UnmetDeny> unmet_denies;
};

struct Answer {
  std::vector<Counterexample> counterexamples;
  std::vector<std::string> free_keys;  // the keys enumerated, as the policies spell them
  size_t contexts = 0;                 // request contexts evaluated
  bool complete = true;                // false when max_contexts cut the enumeration short
  bool allowed() const { return !counterexamples.empty(); }
};

Answer find_allowed(const PolicySet& set, const Question& question, const GuardrailOptions& options = {});

}  // namespace sagelint::eval
