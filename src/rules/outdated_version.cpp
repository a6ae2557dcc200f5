// SL006: Version "2008-10-17" is valid but old: policy variables are not substituted.
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class OutdatedVersion final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const JsonMember* version = ctx.policy().version;
    if (version == nullptr || !version->value.is_string() || version->value.text != "2008-10-17") return;
    const JsonNode& v = version->value;
    ctx.report(v,
               "Version \"2008-10-17\" is the old policy language: policy variables are treated as literal "
               "text; use \"2012-10-17\"",
               {{"use \"2012-10-17\"", {{v.begin, v.end, "\"2012-10-17\"", {}, {}}}}});
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_outdated_version() { return std::make_unique<OutdatedVersion>(); }

}  // namespace sagelint::rules
