// SL012: two statements share a Sid. IAM requires Sids to be unique within a policy.
#include <unordered_map>

#include "rules/common.hpp"

namespace sagelint::rules {
namespace {

class DuplicateSid final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    std::unordered_map<std::string_view, const Statement*> seen;
    for (const auto& st : ctx.policy().statements) {
      if (st.sid == nullptr || !st.sid->value.is_string() || st.sid->value.text.empty()) continue;
      auto [it, inserted] = seen.emplace(st.sid->value.text, &st);
      if (!inserted) {
        ctx.report(st.sid->value, "duplicate Sid " + quote(st.sid->value.text) + " (also statement " +
                                      std::to_string(it->second->index) + "): Sids must be unique within a policy");
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_duplicate_sid() { return std::make_unique<DuplicateSid>(); }

}  // namespace sagelint::rules
