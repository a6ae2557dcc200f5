// SL013: IAM (identity and trust policies) accepts only ASCII letters and digits in a Sid.
// Resource-based policies of other services accept more, so they are not checked.
#include "rules/common.hpp"

namespace sagelint::rules {
namespace {

class InvalidSid final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    if (ctx.policy().kind == policy::PolicyKind::Resource) return;
    for (const auto& st : ctx.policy().statements) {
      if (st.sid == nullptr || !st.sid->value.is_string()) continue;
      const std::string& sid = st.sid->value.text;
      for (size_t i = 0; i < sid.size(); ++i) {
        char c = sid[i];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) continue;
        std::string what = c == ' ' ? "a space" : (static_cast<unsigned char>(c) >= 0x80 ? "a non-ASCII character" : "'" + std::string(1, c) + "'");
        ctx.report(st.sid->value, "Sid " + quote(sid) + " contains " + what +
                                      ": IAM accepts only ASCII letters and digits");
        break;
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_invalid_sid() { return std::make_unique<InvalidSid>(); }

}  // namespace sagelint::rules
