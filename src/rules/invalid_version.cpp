// SL005: Version is not one of the two values IAM accepts ("2012-10-17", "2008-10-17").
// The usual mistakes: today's date, a revision number of the policy, a typo of 2012-10-17.
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

bool digits(std::string_view s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos; }

// YYYY-MM-DD (or with slashes): someone wrote the date of the policy.
bool looks_like_date(std::string_view s) {
  return s.size() == 10 && digits(s.substr(0, 4)) && (s[4] == '-' || s[4] == '/') && digits(s.substr(5, 2)) &&
         s[7] == s[4] && digits(s.substr(8, 2));
}

// "1", "2.0", "v1": someone numbered the revisions of the policy.
bool looks_like_revision(std::string_view s) {
  if (!s.empty() && (s[0] == 'v' || s[0] == 'V')) s.remove_prefix(1);
  return !s.empty() && s.size() <= 8 && s.find_first_not_of("0123456789.") == std::string_view::npos;
}

class InvalidVersion final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const JsonMember* version = ctx.policy().version;
    if (version == nullptr) return;
    const JsonNode& v = version->value;
    std::vector<lint::Fix> fixes{{"use \"2012-10-17\"", {{v.begin, v.end, "\"2012-10-17\"", {}, {}}}}};
    if (!v.is_string()) {
      ctx.report(v, "Version must be the string \"2012-10-17\", found " + std::string(input::type_name(v.type)),
                 std::move(fixes));
      return;
    }
    if (v.text == "2012-10-17" || v.text == "2008-10-17") return;
    std::string msg = "Version " + quote(v.text) +
                      " is not a policy language version: IAM accepts only "
                      "\"2012-10-17\" (current) and \"2008-10-17\"; use \"2012-10-17\"";
    if (v.text.starts_with("2012") || v.text.starts_with("2008") || v.text.ends_with("10-17")) {
      msg += " (a typo?)";
    } else if (looks_like_date(v.text)) {
      msg += " (Version names the policy language, not the date the policy was written)";
    } else if (looks_like_revision(v.text)) {
      msg += " (Version names the policy language, not a revision of your policy)";
    }
    ctx.report(v, msg, std::move(fixes));
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_invalid_version() { return std::make_unique<InvalidVersion>(); }

}  // namespace sagelint::rules
