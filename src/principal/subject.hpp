// The subject model: what one identity holds, built once per run and shared by every rule, by
// explain-access and by the guardrail questions. A Subject is a role or user of the principal
// model (its inline, managed and group policies and its permissions boundary) or a standalone
// identity policy (a policy file nothing attaches to a principal). It holds the typed statements,
// the evaluator's PolicySet compiled from them, and for a role one answer to "may this service
// assume it?".
//
// Subjects builds each principal's Subject on first use and keeps it for the run; each policy
// document is typed once (policy::build_policy) and shared by every Subject it is attached to.
// Not thread-safe: the principal phase runs on one thread. A standalone Subject belongs to the
// file being linted (Linter::lint builds one per document, for all the access rules).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "eval/eval.hpp"
#include "policy/policy.hpp"
#include "principal/model.hpp"

namespace sagelint::principal {

// `text` in single quotes for messages ("'AmazonSageMakerFullAccess'"); past 80 bytes cut, with
// "(truncated: N of M characters)".
std::string quote(std::string_view text);

// Can this Allow statement grant `action` ("iam:PassRole")? Its Action patterns match it, or its
// NotAction leaves it, and it has the elements IAM needs to apply it. Resources and conditions
// are not looked at: the cheap pre-check that keeps the evaluator away from what cannot matter.
bool statement_may_grant(const policy::Statement& st, std::string_view action);

struct SubjectStatement {
  const policy::Policy* policy = nullptr;
  const policy::Statement* statement = nullptr;
  bool boundary = false;
};

class Subject {
 public:
  struct Policy {
    std::string name;  // as messages write it: "'P'", "group `G` AWS managed 'P'", "boundary 'B'"
    const input::Document* document = nullptr;
    const policy::Policy* policy = nullptr;
    bool boundary = false;
    bool aws = false;  // bundled AWS managed policy: no line a user can open
  };

  // A standalone identity policy; `document` and `policy` must outlive the Subject.
  Subject(const input::Document& document, const policy::Policy& policy);
  Subject(const Subject&) = delete;
  Subject& operator=(const Subject&) = delete;

  // Null for a standalone policy.
  const Principal* principal() const { return principal_; }
  // Every policy of the subject is known. When not (an attachment that is not resolved, a managed
  // policy list computed at deploy time, a group not found), evaluator() is null: a missing policy
  // may hold exactly the Deny a rule looks for, so guessing would give false findings. The typed
  // statements of the policies that are known stay available.
  bool complete() const { return complete_; }

  // Identity policies in attachment order (own inline, own managed, then each group's), then the
  // boundary.
  const std::vector<Policy>& policies() const { return policies_; }
  const std::vector<SubjectStatement>& statements() const { return statements_; }
  // The identity policies alone (the boundary never grants).
  const std::vector<const policy::Policy*>& identity_policies() const { return identity_; }

  // Every policy compiled once, on first use; null when the subject is not complete().
  const eval::PolicySet* evaluator() const;

  // "statement 'X' of 'P' (template.yaml:12)", "statement 0 (line 4)" for a standalone policy.
  std::string describe(const eval::StatementRef& ref) const;
  // Where that statement is written (source null for a bundled AWS managed policy, or when
  // unknown): the related location of a finding that names it.
  Location location(const eval::StatementRef& ref) const;

  // What the identity policies name, for looking before asking the evaluator.
  bool may_grant(std::string_view action) const;
  // Resource patterns that decide which resources `action` reaches: the Resource of each Allow
  // that may grant it, and the NotResource of each Deny on it (the resources a guardrail spares).
  std::vector<std::string_view> patterns_for(std::string_view action) const;
  // Does any identity statement test the condition key, or use it as a policy variable?
  bool reads_key(std::string_view key) const;
  // The string values the identity statements compare `key` with, in any condition.
  std::vector<std::string_view> condition_values(std::string_view key) const;
  // The resource-tag keys the identity statements test (aws:ResourceTag/owner, ...).
  std::vector<std::string> resource_tag_keys() const;
  // Condition keys any statement (boundary included) tests whose name starts with `prefix`
  // (case-insensitive), as first spelled: "aws:RequestTag/".
  std::vector<std::string> keys_with_prefix(std::string_view prefix) const;

  // May the service principal ("sagemaker.amazonaws.com") assume this role? Its trust policy has
  // an Allow statement whose Action covers sts:AssumeRole (a NotAction that leaves it counts) and
  // whose Principal is the bare wildcard "*" or names the service (compared case-insensitively),
  // and no Deny statement without conditions covers sts:AssumeRole for "*" or that service.
  // Conditions on the Allow (aws:SourceAccount, aws:SourceArn) are what the service meets when it
  // acts for this account, so they do not take the trust away. False for users, for standalone
  // policies and when the trust policy is not known.
  bool trusted_by(std::string_view service) const;

 private:
  friend class Subjects;
  Subject() = default;

  const Principal* principal_ = nullptr;
  bool complete_ = true;
  bool standalone_ = false;
  std::vector<Policy> policies_;
  std::vector<SubjectStatement> statements_;
  std::vector<const policy::Policy*> identity_;
  const policy::Policy* trust_ = nullptr;
  mutable std::unique_ptr<eval::PolicySet> evaluator_;
  mutable bool compiled_ = false;
};

// Trust semantics of Subject::trusted_by on a typed trust policy (exposed for its tests).
bool trust_admits(const policy::Policy& trust, std::string_view service);

class Subjects {
 public:
  explicit Subjects(const PrincipalSet& principals) : principals_(&principals) {}

  const PrincipalSet& principals() const { return *principals_; }
  // The principal's Subject, built on first use and kept for the run.
  const Subject& of(const Principal& p) const;
  // A document typed once for the run.
  const policy::Policy& typed(const input::Document& document, input::KindHint hint) const;
  // How many documents have been typed (a document attached to 500 roles counts once).
  size_t typed_count() const { return typed_.size(); }

  // The roles of `scope` (Principal::scope: one file, or one Terraform module) that `service`
  // may assume (Subject::trusted_by), in model order. With `name_prefixes`, only the roles whose name starts with one
  // of them: the index is sorted by name, so a subject that may pass "team-a-*" looks at those roles only, not at every
  // role of the file. Built once per service for the run.
  std::vector<const Principal*> trusting_roles(const std::string& scope, std::string_view service,
                                               const std::vector<std::string_view>* name_prefixes = nullptr) const;

 private:
  struct Key {
    const input::Document* document;
    input::KindHint hint;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    size_t operator()(const Key& k) const { return std::hash<const void*>()(k.document) ^ static_cast<size_t>(k.hint); }
  };
  struct IndexedRole {
    std::string_view name;
    size_t order;
    const Principal* role;
  };
  const PrincipalSet* principals_;
  // service → scope → its roles that trust the service, sorted by name
  mutable std::unordered_map<std::string, std::unordered_map<std::string, std::vector<IndexedRole>>> trusting_;
  mutable std::unordered_map<const Principal*, std::unique_ptr<Subject>> subjects_;
  mutable std::unordered_map<Key, std::unique_ptr<policy::Policy>, KeyHash> typed_;
};

}  // namespace sagelint::principal
