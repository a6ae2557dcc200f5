// Access-scope rules ask what one identity may do with every identity policy that applies to
// it. The subject is either
//   - a role or user of the principal model: its inline, managed and group policies and its
//     permissions boundary (run in the principal phase, reported at the principal's definition),
//   - or a standalone identity-policy document: a policy file that no template, dump or
//     manifest attaches to a principal. What it grants on its own is all sagelint can know, and
//     it is what a reviewer sees in the pull request (reported at the statement that matters).
// Privilege-escalation paths and API-completeness checks are access rules: they are as true of
// a lone policy as of a role. Guardrails that look for a missing Deny are principal rules
// instead: a lone policy without a Deny says nothing about the principals it will be given to.
#pragma once

#include <string>
#include <vector>

#include "lint/rule.hpp"

namespace sagelint::principal {
struct Principal;
class Subject;
}  // namespace sagelint::principal
namespace sagelint::eval {
struct StatementRef;
}  // namespace sagelint::eval

namespace sagelint::lint {

class AccessContext {
 public:
  AccessContext(const principal::Subject& subject, PrincipalContext& ctx);
  AccessContext(const principal::Subject& subject, RuleContext& ctx) : subject_(&subject), document_ctx_(&ctx) {}

  // What the subject holds: its typed statements, its compiled policies, its trust (built once
  // per run for a principal, once per document for a standalone policy).
  const principal::Subject& subject() const { return *subject_; }

  // Exactly one of these is set.
  const principal::Principal* principal() const { return principal_; }
  // The whole principal model the principal belongs to (e.g. the roles it may pass); null for a
  // standalone policy.
  const principal::PrincipalSet* principals() const {
    return principal_ctx_ != nullptr ? &principal_ctx_->principals() : nullptr;
  }
  // The Subjects of that model (each principal's, built once for the run); null for a standalone
  // policy.
  const principal::Subjects* subjects() const {
    return principal_ctx_ != nullptr ? &principal_ctx_->subjects() : nullptr;
  }
  const input::Document* document() const { return document_ctx_ ? &document_ctx_->document() : nullptr; }
  // The standalone document's policy view (null for a principal).
  const policy::Policy* policy() const { return document_ctx_ ? &document_ctx_->policy() : nullptr; }

  const RuleMeta& meta() const { return principal_ctx_ ? principal_ctx_->meta() : document_ctx_->meta(); }
  int64_t option_int(std::string_view name) const;
  bool option_bool(std::string_view name) const;
  std::string option_string(std::string_view name) const;
  std::vector<std::string> option_strings(std::string_view name) const;

  // A principal's finding points at its definition; a standalone policy's at `anchor` (a node
  // of that document, e.g. the statement that grants the first step), else at its root.
  void report(std::string message, const input::JsonNode* anchor = nullptr);
  // The statement `ref` explains the finding reported last (it grants the first step, it is the
  // Deny that does not apply): a related location, unless it is where the finding already points
  // or a bundled AWS managed policy. Call right after the report.
  void relate(const eval::StatementRef& ref, std::string message);

 private:
  const principal::Subject* subject_ = nullptr;
  const principal::Principal* principal_ = nullptr;
  PrincipalContext* principal_ctx_ = nullptr;
  RuleContext* document_ctx_ = nullptr;
};

class AccessRule : public Rule {
 public:
  void check(RuleContext&) const final {}
  RuleScope scope() const final { return RuleScope::Access; }
  virtual void check_access(AccessContext& ctx) const = 0;
};

}  // namespace sagelint::lint
