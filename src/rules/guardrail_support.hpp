// Shared by the principal guardrail rules (SL502, SL601): a principal's policies as an
// evaluator PolicySet, and how counterexamples and statements are written in messages.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "eval/eval.hpp"
#include "eval/guardrail.hpp"
#include "lint/access.hpp"
#include "principal/model.hpp"

namespace sagelint::rules {

// Every identity policy of a principal (its own inline and managed policies, and for a user
// those of its groups) plus its permissions boundary, compiled once.
class PrincipalPolicies {
 public:
  // Null when the set would be incomplete (an attachment that is not resolved, a managed policy
  // list computed at deploy time, a group that is not found): a missing policy may hold exactly
  // the Deny the rule looks for, so guessing would give false findings.
  static std::unique_ptr<PrincipalPolicies> load(const principal::Principal& p);
  // A standalone identity policy on its own (an access rule's other kind of subject); the
  // document and policy must outlive the result.
  static std::unique_ptr<PrincipalPolicies> single(const input::Document& document, const policy::Policy& policy);

  const eval::PolicySet& set() const { return set_; }
  // "`RestrictPassRole` (template.yaml:12) statement 0" / "AWS managed `AmazonSageMakerFullAccess`
  // statement `AllowPassRoleToSageMaker`".
  std::string describe(const eval::StatementRef& ref) const;

 private:
  struct Entry {
    std::string name;
    const input::Document* document = nullptr;
    bool aws = false;
  };
  bool add(const principal::AttachedPolicy& a, bool boundary, std::string_view prefix);
  std::vector<std::unique_ptr<Entry>> entries_;
  bool single_ = false;  // statements are named without their policy: "statement 'X' (line 12)"
  std::vector<std::unique_ptr<policy::Policy>> policies_;
  eval::PolicySet set_;
};

// The policies of an access rule's subject (lint/access.hpp): the principal's, null when the
// set is incomplete, or the standalone policy alone.
std::unique_ptr<PrincipalPolicies> load_subject(const lint::AccessContext& ctx);
// "role 'NotebookRole'", "user 'Developer'" or "this policy".
std::string describe_subject(const lint::AccessContext& ctx);

// "`iam:PassRole` on `arn:...` with iam:PassedToService=`sagemaker.amazonaws.com`,
// aws:SourceVpce absent" (keys listed in `shown` first; absent ones named when in `shown`).
std::string describe_request(const eval::Request& request, const std::vector<std::string>& shown);

// The identity Allow statements of a counterexample, comma separated: "statement 0 (line 4)",
// "statement 'X' of AWS managed 'P'" (boundary Allows are not what grants a request).
std::string describe_allows(const PrincipalPolicies& policies, const eval::Counterexample& cx);
// The first identity Allow of a counterexample: where a standalone policy's finding points.
const input::JsonNode* allow_anchor(const eval::Counterexample& cx);

// The Deny statements that applied to the action but whose conditions did not hold, with the
// keys that made them fail: "; Deny `X` (statement 1 of `P`) did not apply: its condition on
// `sagemaker:VpcSubnets` was not met".
// With `key` set, only the Denies that test that key (the ones meant to stop this request).
std::string describe_unmet(const PrincipalPolicies& policies, const eval::Counterexample& cx,
                           std::string_view key = {});

// The resource type the request always names (CreateTrainingJob: the training job, not the
// optional reserved capacity), else the first one listed with an ARN format; null when none.
const catalog::ResourceType* main_resource_type(const catalog::Action& action);

// A concrete ARN for the first resource type of an action ("*" when it takes none):
// placeholders become the example account 123456789012, us-east-1 and "sagelint-example".
std::string example_resource(const catalog::Action& action);

// SageMaker actions (from the catalog) whose request context can carry `key`.
std::vector<const catalog::Action*> sagemaker_actions_with_key(std::string_view key);

}  // namespace sagelint::rules
