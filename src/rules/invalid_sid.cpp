// SL013: IAM (identity and trust policies) accepts only ASCII letters and digits in a Sid
// ("Statement IDs (SID) must be alpha-numeric"). Resource-based policies of other services
// accept more (S3 and KMS allow spaces), so they are not checked.
#include <set>

#include "rules/support/policy_kind.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

bool alnum(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

std::string describe(std::string_view sid, size_t at) {
  char c = sid[at];
  if (c == ' ') return "a space";
  if (static_cast<unsigned char>(c) >= 0x80) {
    size_t end = at + 1;
    while (end < sid.size() && (static_cast<unsigned char>(sid[end]) & 0xC0) == 0x80) ++end;
    return "the non-ASCII character " + quote(sid.substr(at, end - at));
  }
  if (static_cast<unsigned char>(c) < 0x20) return "a control character";
  return quote(std::string_view(&sid[at], 1));
}

class InvalidSid final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    if (effective_kind(ctx) == policy::PolicyKind::Resource) return;
    std::set<std::string, std::less<>> sids;
    for (const auto& st : ctx.policy().statements) sids.emplace(st.sid_text());
    for (const auto& st : ctx.policy().statements) {
      if (st.sid == nullptr || !st.sid->value.is_string()) continue;
      const JsonNode& v = st.sid->value;
      const std::string& sid = v.text;
      size_t bad = 0;
      while (bad < sid.size() && alnum(sid[bad])) ++bad;
      if (bad == sid.size()) continue;
      std::string fixed;
      for (char c : sid) {
        if (alnum(c)) fixed += c;
      }
      std::vector<lint::Fix> fixes;
      // Only when dropping the characters leaves a Sid that is not empty and still unique.
      if (!fixed.empty() && !sids.contains(fixed)) {
        fixes.push_back({"use " + quote(fixed), {{v.begin, v.end, "\"" + fixed + "\"", {}, {}}}});
      }
      ctx.report(v,
                 "Sid " + quote(sid) + " contains " + describe(sid, bad) +
                     ": IAM accepts only ASCII letters and digits (A-Z, a-z, 0-9) in a Sid",
                 std::move(fixes));
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_invalid_sid() { return std::make_unique<InvalidSid>(); }

}  // namespace sagelint::rules
