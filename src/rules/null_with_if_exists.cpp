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
    for_each_condition_operator(ctx.policy(), [&](const JsonNode& block, const input::JsonMember& member) {
      const policy::ConditionOperator op = policy::parse_operator(member.key);
      if (op.base != "Null" || !op.if_exists) return;
      std::string plain(member.key.substr(0, member.key.size() - 8));  // without "IfExists"
      ctx.report_key(member,
                     quote(member.key) +
                         ": Null already tests whether the key is present and takes no IfExists "
                         "suffix (IAM Access Analyzer reports it as an error); use " +
                         quote(plain),
                     rename_key(source, block, member, plain));
    });
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_null_with_if_exists() { return std::make_unique<NullWithIfExists>(); }

}  // namespace sagelint::rules
