// The rule interface. Rules are stateless and const: one instance serves every file and
// thread; everything a check needs comes through the RuleContext.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "input/document.hpp"
#include "lint/finding.hpp"
#include "lint/options.hpp"
#include "lint/rule_meta.hpp"
#include "policy/policy.hpp"

namespace sagelint::catalog {
class Catalog;
}
namespace sagelint::principal {
class PrincipalSet;
class Subjects;
struct Location;
}  // namespace sagelint::principal

namespace sagelint::lint {

// Options (option_int, option_bool, option_string, option_strings): the TOML defaults overlaid
// with the user's [rules.<name>] table, read through OptionReader (lint/options.hpp).
class RuleContext : public OptionReader {
 public:
  RuleContext(const input::Document& document, const policy::Policy* policy, const catalog::Catalog& catalog,
              const RuleMeta& meta, const Options& options, Severity severity, std::vector<Finding>& sink)
      : OptionReader(options, meta.options),
        document_(document),
        policy_(policy),
        catalog_(catalog),
        meta_(meta),
        severity_(severity),
        sink_(sink) {}

  const input::Document& document() const { return document_; }
  // Only for rules with needs_parsed_document() (the default): the typed policy view.
  const policy::Policy& policy() const { return *policy_; }
  const catalog::Catalog& catalog() const { return catalog_; }
  const RuleMeta& meta() const { return meta_; }

  void report(const input::JsonNode& node, std::string message, std::vector<Fix> fixes = {});
  void report_key(const input::JsonMember& member, std::string message, std::vector<Fix> fixes = {});
  // `anchor` gives the JSON pointer and Sid; the range may be narrower (part of a string).
  void report_range(uint32_t begin, uint32_t end, const input::JsonNode* anchor, std::string message,
                    std::vector<Fix> fixes = {});
  // Override the severity for one finding (e.g. an unknown action close to nothing known).
  void report_with(Severity severity, const input::JsonNode& node, std::string message, std::vector<Fix> fixes = {});
  void report_key_with(Severity severity, const input::JsonMember& member, std::string message,
                       std::vector<Fix> fixes = {});
  // Another place in this document that explains the finding reported last (its first
  // occurrence, the other half of a conflict); call right after the report.
  void relate(const input::JsonNode& node, std::string message);
  void relate_key(const input::JsonMember& member, std::string message);

 private:
  const input::Document& document_;
  const policy::Policy* policy_;
  const catalog::Catalog& catalog_;
  const RuleMeta& meta_;
  Severity severity_;
  std::vector<Finding>& sink_;
  size_t reported_ = 0;  // findings this context added to sink_ (relate() needs one)

  void emit(Severity severity, uint32_t begin, uint32_t end, const input::JsonNode* anchor, std::string message,
            std::vector<Fix> fixes);
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual void check(RuleContext& ctx) const = 0;
  // Only the rule that reports unparseable input runs on documents without a tree.
  virtual bool needs_parsed_document() const { return true; }
  // Which phase runs the rule, fixed by the base class (Rule, PrincipalRule, AccessRule). The
  // TOML's `scope` must say the same: Registry::build rejects a mismatch, so a rule can never be
  // skipped by the linter because its metadata and its class disagree.
  virtual RuleScope scope() const { return RuleScope::Document; }
};

// Principal-scope rules (scope = "principal" in the TOML) run once, after every file was
// linted, over the principal model (principal/): roles, users and groups with all their policies.
class PrincipalContext : public OptionReader {
 public:
  PrincipalContext(const principal::Subjects& subjects, const RuleMeta& meta, const Options& options, Severity severity,
                   std::vector<Finding>& sink, std::vector<const input::SourceFile*>& sources);

  const principal::PrincipalSet& principals() const { return principals_; }
  // Each principal's Subject (lint/access.hpp), built once for the run and shared by every rule.
  const principal::Subjects& subjects() const { return subjects_; }
  const RuleMeta& meta() const { return meta_; }

  // At a principal's definition, an attachment, a policy: wherever `where` is.
  void report(const principal::Location& where, std::string message);
  // Another place (often another file) that explains the finding reported last, such as the
  // policy statement that grants what the finding is about; call right after the report.
  void relate(const principal::Location& where, std::string message);

 private:
  const principal::Subjects& subjects_;
  const principal::PrincipalSet& principals_;
  const RuleMeta& meta_;
  Severity severity_;
  std::vector<Finding>& sink_;
  std::vector<const input::SourceFile*>& sources_;  // the file of each finding in sink_
  size_t reported_ = 0;                             // findings this context added to sink_
};

class PrincipalRule : public Rule {
 public:
  void check(RuleContext&) const final {}
  RuleScope scope() const final { return RuleScope::Principal; }
  virtual void check_principals(PrincipalContext& ctx) const = 0;
};

using RuleFactory = std::unique_ptr<Rule> (*)();

struct RuleDefinition {
  std::string_view name;
  RuleFactory make;
};

struct EmbeddedRuleToml {
  std::string_view file;  // "unknown-action.toml"
  std::string_view text;
};

// A rules/*.toml compiled into the binary at build time (src/lint/rule_meta_gen_tool.cpp): the
// function fills the RuleMeta that parse_rule_meta reads from the file, without parsing TOML.
struct CompiledRuleMeta {
  std::string_view file;  // "unknown-action.toml"
  void (*fill)(RuleMeta& out);
};

}  // namespace sagelint::lint
