// SL008: a policy without a Statement grants and denies nothing; IAM rejects it.
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class MissingStatement final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const auto& policy = ctx.policy();
    if (!policy.root->is_object() || policy.statement != nullptr) return;
    const JsonNode& root = *policy.root;
    std::string msg = "policy has no Statement element";
    if (root.find("Effect") != nullptr || root.find("Action") != nullptr) {
      msg += ": this looks like a single statement; wrap it as {\"Version\": \"2012-10-17\", \"Statement\": [...]}";
    }
    for (const auto& m : root.members) {
      std::string key = lower(m.key);
      if (key == "statement" || key == "statements") {
        msg += ": found " + quote(m.key) + ", but the element is called \"Statement\" (case-sensitive, singular)";
        break;
      }
    }
    ctx.report_range(root.begin, root.begin + 1, &root, msg);
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_missing_statement() { return std::make_unique<MissingStatement>(); }

}  // namespace sagelint::rules
