// SL304: a key of a Principal or NotPrincipal object that is not one of the four principal types
// IAM knows: "AWS", "Service", "Federated", "CanonicalUser" (written exactly so). "Services",
// "Aws" or "service" make IAM reject the policy as malformed, and until then the statement names
// no principal sagelint or anyone else can reason about.
#include <algorithm>

#include "rules/support/fixes.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

constexpr std::string_view kTypes[] = {"AWS", "Service", "Federated", "CanonicalUser"};

// The principal type the key was meant as: same letters in another case, or one or two edits away.
std::string_view meant(std::string_view key) {
  const std::string low = lower(key);
  for (std::string_view t : kTypes) {
    if (lower(t) == low) return t;
  }
  for (std::string_view t : kTypes) {
    const std::string lt = lower(t);
    // One letter added or removed at the end ("Services", "Federate"), or one letter changed.
    if ((low.size() == lt.size() + 1 && low.starts_with(lt)) || (lt.size() == low.size() + 1 && lt.starts_with(low)))
      return t;
    if (low.size() == lt.size() && lt.size() > 3) {
      size_t diff = 0;
      for (size_t i = 0; i < lt.size(); ++i) diff += low[i] != lt[i];
      if (diff == 1) return t;
    }
  }
  return {};
}

class UnknownPrincipalType final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    for (const auto& st : ctx.policy().statements) {
      for (const JsonMember* member : {st.principal, st.not_principal}) {
        if (member == nullptr || !member->value.is_object()) continue;
        for (const auto& m : member->value.members) {
          if (m.key_opaque || std::find(std::begin(kTypes), std::end(kTypes), m.key) != std::end(kTypes)) continue;
          const std::string_view hint = meant(m.key);
          std::string msg = quote(m.key) + " is not a principal type: IAM accepts only \"AWS\", \"Service\", " +
                            "\"Federated\" and \"CanonicalUser\", written exactly so, and rejects the policy";
          std::vector<lint::Fix> fixes;
          if (!hint.empty()) {
            msg += "; did you mean \"" + std::string(hint) + "\"?";
            if (member->value.find(hint) == nullptr) {
              if (auto fix = rewrite_key(ctx.document().source->text(), m, std::string(hint),
                                         "rename to \"" + std::string(hint) + "\"")) {
                fixes.push_back(std::move(*fix));
              }
            }
          }
          ctx.report_key(m, msg, std::move(fixes));
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_unknown_principal_type() { return std::make_unique<UnknownPrincipalType>(); }

}  // namespace sagelint::rules
