// SL308: a trust policy that lets an OIDC provider's tokens assume the role
// (sts:AssumeRoleWithWebIdentity for "Federated": "arn:aws:iam::ACCOUNT:oidc-provider/HOST") without
// a test of the token's subject, "HOST:sub". Any identity the provider issues tokens for can then
// assume the role: with GitHub Actions (token.actions.githubusercontent.com) every workflow of every
// repository on GitHub, with EKS (IRSA) every service account of the cluster. A sub test whose
// patterns are only wildcards ("*", "repo:*") restricts nothing and counts as missing. Cognito
// identity pools (cognito-identity.amazonaws.com) are checked with their own :aud and amr keys and
// are left alone.
#include <algorithm>

#include "catalog/catalog.hpp"
#include "rules/support/policy_kind.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

// The provider's host and path ("token.actions.githubusercontent.com") from its ARN.
std::string_view provider_of(std::string_view federated) {
  const size_t at = federated.find(":oidc-provider/");
  return at == std::string_view::npos ? std::string_view() : federated.substr(at + 15);
}

// A sub pattern that restricts nothing: only wildcards, GitHub's "repo:" with a wildcard owner, or
// every service account of every namespace of an EKS cluster.
bool open_pattern(std::string_view v) {
  if (v.find_first_not_of("*?") == std::string_view::npos) return true;
  return v.starts_with("repo:*") || v.starts_with("repo:?") || v == "system:serviceaccount:*" ||
         v == "system:serviceaccount:*:*";
}

class OidcTrustWithoutSubject final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    if (effective_kind(ctx) != policy::PolicyKind::Trust) return;
    for (const auto& st : ctx.policy().statements) {
      if (!st.is_allow() || st.actions_negated || st.principals_negated) continue;
      const bool web_identity = std::any_of(st.actions.begin(), st.actions.end(), [](const policy::StringValue& a) {
        return catalog::wildcard_match(a.text, "sts:AssumeRoleWithWebIdentity");
      });
      if (!web_identity) continue;
      for (const auto& p : st.principals) {
        if (p.type != "Federated" || p.value.node->opaque) continue;
        const std::string_view provider = provider_of(p.value.text);
        if (provider.empty() || provider.find_first_of("<>{}$") != std::string_view::npos) continue;
        const std::string sub = lower(provider) + ":sub";
        const std::string shown = std::string(provider) + ":sub";
        bool tested = false, open = false;
        for (const auto& c : st.conditions) {
          if (lower(c.key) != sub || is_negated_operator(c.op.base)) continue;
          bool all_open = !c.values.empty();
          for (const JsonNode* v : c.values) {
            const bool like = c.op.base == "StringLike";
            all_open = all_open && v->is_string() && !v->opaque && like && open_pattern(v->text);
          }
          if (all_open) {
            open = true;
          } else {
            tested = true;
          }
        }
        if (tested) continue;
        const bool github = provider == "token.actions.githubusercontent.com";
        std::string who = github ? "every GitHub Actions workflow of every repository on GitHub"
                                 : "every identity the provider issues tokens for (for EKS, every service account of "
                                   "the cluster)";
        std::string example =
            github
                ? "\"StringLike\": {\"" + std::string(provider) + ":sub\": \"repo:OWNER/REPO:ref:refs/heads/main\"}"
                : "\"StringEquals\": {\"" + std::string(provider) + ":sub\": \"system:serviceaccount:NAMESPACE:NAME\"}";
        ctx.report(*p.value.node, std::string("the role trusts tokens of OIDC provider ") + quote(provider) +
                                      (open ? " with a " + quote(shown) + " pattern that matches any subject"
                                            : " without a condition on " + quote(shown)) +
                                      ", so " + who + " can assume it; add " + example);
      }
    }
  }

 private:
  static bool is_negated_operator(std::string_view base) { return base.find("Not") != std::string_view::npos; }
};

}  // namespace

std::unique_ptr<lint::Rule> make_oidc_trust_without_subject() { return std::make_unique<OidcTrustWithoutSubject>(); }

}  // namespace sagelint::rules
