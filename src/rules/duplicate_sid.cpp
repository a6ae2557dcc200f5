// SL012: two statements share a Sid. IAM rejects it for identity and trust policies ("The
// Statement Ids in the policy are not unique"); for resource-based policies uniqueness depends
// on the service, so there it is a warning.
#include <unordered_map>

#include "rules/support/policy_kind.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class DuplicateSid final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const bool resource = effective_kind(ctx) == policy::PolicyKind::Resource;
    std::unordered_map<std::string_view, const Statement*> seen;
    for (const auto& st : ctx.policy().statements) {
      if (st.sid == nullptr || !st.sid->value.is_string() || st.sid->value.text.empty()) continue;
      auto [it, inserted] = seen.emplace(st.sid->value.text, &st);
      if (inserted) continue;
      const JsonNode& v = st.sid->value;
      auto first = ctx.document().source->position(it->second->sid->value.begin);
      std::string msg = "duplicate Sid " + quote(v.text) + " (first used at line " + std::to_string(first.line) + ")";
      if (resource) {
        ctx.report_with(lint::Severity::Warning, v,
                        msg + ": give each statement its own Sid (several services reject duplicates)");
      } else {
        ctx.report(v, msg + ": IAM requires the Sids of a policy to be unique");
      }
      ctx.relate(it->second->sid->value, "the first statement with Sid " + quote(v.text));
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_duplicate_sid() { return std::make_unique<DuplicateSid>(); }

}  // namespace sagelint::rules
