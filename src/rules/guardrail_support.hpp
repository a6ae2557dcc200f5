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
  std::vector<std::unique_ptr<policy::Policy>> policies_;
  eval::PolicySet set_;
};

// "`iam:PassRole` on `arn:...` with iam:PassedToService=`sagemaker.amazonaws.com`,
// aws:SourceVpce absent" (keys listed in `shown` first; absent ones named when in `shown`).
std::string describe_request(const eval::Request& request, const std::vector<std::string>& shown);

// The Deny statements that applied to the action but whose conditions did not hold, with the
// keys that made them fail: "; Deny `X` (statement 1 of `P`) did not apply: its condition on
// `sagemaker:VpcSubnets` was not met".
// With `key` set, only the Denies that test that key (the ones meant to stop this request).
std::string describe_unmet(const PrincipalPolicies& policies, const eval::Counterexample& cx,
                           std::string_view key = {});

// A concrete ARN for the first resource type of an action ("*" when it takes none):
// placeholders become the example account 123456789012, us-east-1 and "sagelint-example".
std::string example_resource(const catalog::Action& action);

// SageMaker actions (from the catalog) whose request context can carry `key`.
std::vector<const catalog::Action*> sagemaker_actions_with_key(std::string_view key);

}  // namespace sagelint::rules
