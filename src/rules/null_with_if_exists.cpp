// SL407: "NullIfExists". Null already tests whether the key exists; IAM Access Analyzer reports
// the IfExists suffix on Null as an error.
#include "rules/support/conditions.hpp"
#include "rules/support/fixes.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class NullWithIfExists final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const std::string_view source = ctx.document().source->text();
    for (const auto& st : ctx.policy().statements) {
      if (st.condition == nullptr || !st.condition->value.is_object()) continue;
      const JsonNode& block = st.condition->value;
      for (const auto& member : block.members) {
        const policy::ConditionOperator op = policy::parse_operator(member.key);
        if (op.base != "Null" || !op.if_exists) continue;
        std::string plain(member.key.substr(0, member.key.size() - 8));  // without "IfExists"
        std::vector<lint::Fix> fixes;
        if (block.find(plain) == nullptr) {
          if (auto fix = rewrite_key(source, member, plain, "rename to " + quote(plain)))
            fixes.push_back(std::move(*fix));
        }
        ctx.report_key(member,
                       quote(member.key) +
                           ": Null already tests whether the key is present and takes no IfExists "
                           "suffix (IAM Access Analyzer reports it as an error); use " +
                           quote(plain),
                       std::move(fixes));
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_null_with_if_exists() { return std::make_unique<NullWithIfExists>(); }

}  // namespace sagelint::rules
