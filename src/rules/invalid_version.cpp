// SL005: Version is not one of the two values IAM accepts.
#include "rules/common.hpp"

namespace sagelint::rules {
namespace {

class InvalidVersion final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const JsonMember* version = ctx.policy().version;
    if (version == nullptr) return;
    const JsonNode& v = version->value;
    if (!v.is_string()) {
      ctx.report(v, "Version must be the string \"2012-10-17\", found " + std::string(input::type_name(v.type)));
      return;
    }
    if (v.text == "2012-10-17" || v.text == "2008-10-17") return;
    std::string msg = "Version " + quote(v.text) + " is not a policy language version: use \"2012-10-17\"";
    if (v.text.find('-') == std::string::npos || v.text.size() != 10) {
      msg += " (Version is the language version, not a date or revision of your policy)";
    }
    ctx.report(v, msg);
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_invalid_version() { return std::make_unique<InvalidVersion>(); }

}  // namespace sagelint::rules
