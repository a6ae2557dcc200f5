// IAM request evaluation over a principal's identity policies and optional permissions
// boundary: Allow, explicit Deny or implicit deny, with every statement that decided it.
//
// Semantics follow the IAM User Guide (each rule cites its page in the .cpp that implements it):
// - a matching Deny in any policy wins; otherwise a matching identity Allow is needed and, when a
//   permissions boundary is set, a matching boundary Allow as well;
// - actions match case-insensitively; ARNs (Resource, NotResource, Arn* operators) match
//   case-sensitively, segment by segment;
// - condition keys are case-insensitive; which keys are present is entirely the caller's
//   choice (the engine never assumes a service puts a key in the request context).
//
// A PolicySet compiles the policies once (patterns, parsed numbers, dates, CIDRs); evaluating a
// request then allocates only for the result lists. The JSON trees the policies were built from
// must outlive the PolicySet: results point at their nodes for locations.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "input/json.hpp"
#include "policy/policy.hpp"

namespace sagelint::eval {

enum class Decision { Allow, ExplicitDeny, ImplicitDeny };
std::string_view to_string(Decision decision);  // "Allow", "ExplicitDeny", "ImplicitDeny"

// The request context: condition keys and their values. Keys compare case-insensitively (IAM
// condition key names are case-insensitive). A key that is not set is absent from the request;
// a key set to an empty list is present with an empty set of values (what ForAllValues and
// ForAnyValue call an empty data set).
class Context {
 public:
  struct Entry {
    std::string lower;  // the key folded to lower case, the lookup key
    std::string key;    // as the caller wrote it
    std::vector<std::string> values;
  };

  void set(std::string_view key, std::string value);
  void set(std::string_view key, std::vector<std::string> values);
  void erase(std::string_view key);
  void clear() { entries_.clear(); }

  const std::vector<std::string>* find(std::string_view key) const;
  // Same, for a key already folded to lower case (the engine's hot path).
  const std::vector<std::string>* find_lower(std::string_view lower_key) const;

  const std::vector<Entry>& entries() const { return entries_; }  // sorted by `lower`
  bool empty() const { return entries_.empty(); }

 private:
  std::vector<Entry> entries_;
};

struct Request {
  std::string action;    // "sagemaker:CreateTrainingJob"
  std::string resource;  // the resource ARN, or "*" for actions that take no resource
  Context context;       // also supplies policy variables: ${aws:username} reads "aws:username"
};

// A statement that took part in a decision, with enough to locate and name it.
struct StatementRef {
  std::string_view policy;                // the name given to PolicySet::add_* ("inline:RestrictInternetAccess")
  bool boundary = false;                  // from the permissions boundary rather than the identity policies
  size_t index = 0;                       // position in the policy's Statement array
  std::string_view sid;                   // empty when the statement has no Sid
  const input::JsonNode* node = nullptr;  // the statement object
  policy::Effect effect = policy::Effect::Allow;
};

struct Result {
  Decision decision = Decision::ImplicitDeny;
  std::vector<StatementRef> allows;           // every identity Allow that matches
  std::vector<StatementRef> denies;           // every Deny that matches (identity and boundary)
  std::vector<StatementRef> boundary_allows;  // every boundary Allow that matches
  bool has_boundary = false;
  // True when an identity Allow matched but the boundary allowed nothing: the boundary decided.
  bool denied_by_boundary = false;
};

namespace detail {
struct CompiledStatement;
struct Compiled;
}  // namespace detail

// The policies of one principal. Statements whose Effect is missing or invalid, or that lack an
// Action/NotAction or Resource/NotResource element, never apply (IAM rejects such identity
// policies, so they cannot be attached). Principal/NotPrincipal are ignored: identity policies
// apply to the principal they are attached to.
class PolicySet {
 public:
  explicit PolicySet(const catalog::Catalog& catalog = catalog::Catalog::builtin());
  ~PolicySet();
  PolicySet(PolicySet&&) noexcept;
  PolicySet& operator=(PolicySet&&) noexcept;
  PolicySet(const PolicySet&) = delete;
  PolicySet& operator=(const PolicySet&) = delete;

  void add_identity(std::string name, const policy::Policy& policy);
  void add_boundary(std::string name, const policy::Policy& policy);

  size_t identity_count() const;
  size_t boundary_count() const;
  bool has_boundary() const { return boundary_count() > 0; }
  size_t statement_count() const;

  const detail::Compiled& compiled() const { return *c_; }

 private:
  void add(std::string name, const policy::Policy& policy, bool boundary);
  std::unique_ptr<detail::Compiled> c_;
};

// Full evaluation: the decision and every matching statement.
Result evaluate(const PolicySet& set, const Request& request);
// The decision alone; stops at the first matching Deny.
Decision decide(const PolicySet& set, const Request& request);

// A Resource pattern read as the evaluator reads it: literal text, '*', '?' and policy variables,
// in order. Wildcards count everywhere; with `variables` (a 2012-10-17 policy) ${...} is a
// variable, and only in the resource part of an ARN, as in the Resource element. For rules that
// build a concrete ARN a pattern matches.
struct PatternPart {
  enum class Kind : uint8_t { Text, Star, Question, Variable };
  Kind kind = Kind::Text;
  std::string text;  // the literal text, or the variable's key folded to lower case
};
std::vector<PatternPart> resource_pattern_parts(std::string_view pattern, bool variables);

}  // namespace sagelint::eval
