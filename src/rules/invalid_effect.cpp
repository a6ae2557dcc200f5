// SL015: Effect is exactly "Allow" or "Deny"; the values are case-sensitive.
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class InvalidEffect final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    for (const auto& st : ctx.policy().statements) {
      if (st.effect_value != policy::Effect::Invalid) continue;
      const JsonNode& v = st.effect->value;
      if (!v.is_string()) {
        ctx.report(v,
                   "Effect must be the string \"Allow\" or \"Deny\", found " + std::string(input::type_name(v.type)));
        continue;
      }
      std::string l = lower(v.text);
      if (l == "allow" || l == "deny") {
        std::string fixed = l == "allow" ? "Allow" : "Deny";
        ctx.report(v,
                   "Effect " + quote(v.text) + " must be written exactly \"" + fixed + "\" (values are case-sensitive)",
                   {{"use \"" + fixed + "\"", {{v.begin, v.end, "\"" + fixed + "\"", {}, {}}}}});
      } else {
        ctx.report(v, "Effect " + quote(v.text) + " is not \"Allow\" or \"Deny\"");
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_invalid_effect() { return std::make_unique<InvalidEffect>(); }

}  // namespace sagelint::rules
