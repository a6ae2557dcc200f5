// SL307: a role trust policy statement whose sts action cannot be used by any of its principals.
// sts:AssumeRole is called by AWS principals and services, sts:AssumeRoleWithSAML by a SAML
// provider ("Federated": "arn:aws:iam::ACCOUNT:saml-provider/NAME"), and
// sts:AssumeRoleWithWebIdentity by an OIDC or web identity provider ("Federated": an oidc-provider
// ARN, cognito-identity.amazonaws.com, accounts.google.com, graph.facebook.com, www.amazon.com).
// "sts:AssumeRoleWithSAML" for an "AWS" principal admits nobody: the role cannot be assumed the way
// the statement means. Session actions (sts:TagSession, sts:SetSourceIdentity, sts:SetContext) go
// with any of them.
#include "rules/support/policy_kind.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

enum class Caller { Direct, Saml, WebIdentity, Any };

Caller caller_of(const policy::Principal& p) {
  if (p.type == "*" || p.value.text == "*" || p.value.node->opaque) return Caller::Any;
  if (p.type == "AWS" || p.type == "Service") return Caller::Direct;
  if (p.type != "Federated") return Caller::Any;
  const std::string v = lower(p.value.text);
  if (v.find(":saml-provider/") != std::string::npos) return Caller::Saml;
  return Caller::WebIdentity;  // oidc-provider ARNs and the web identity providers' host names
}

struct StsAction {
  std::string_view name;  // lower case, without "sts:"
  Caller needs;
  std::string_view who;  // for the message
};

constexpr StsAction kActions[] = {
    {"assumerole", Caller::Direct, "an \"AWS\" or \"Service\" principal"},
    {"assumerolewithsaml", Caller::Saml, "a \"Federated\" SAML provider (arn:aws:iam::ACCOUNT:saml-provider/NAME)"},
    {"assumerolewithwebidentity", Caller::WebIdentity,
     "a \"Federated\" OIDC or web identity provider (arn:aws:iam::ACCOUNT:oidc-provider/HOST, "
     "cognito-identity.amazonaws.com, ...)"},
};

std::string_view describe(Caller c) {
  switch (c) {
    case Caller::Direct:
      return "an AWS principal or service, which calls sts:AssumeRole";
    case Caller::Saml:
      return "a SAML provider, which calls sts:AssumeRoleWithSAML";
    case Caller::WebIdentity:
      return "an OIDC or web identity provider, which calls sts:AssumeRoleWithWebIdentity";
    case Caller::Any:
      break;
  }
  return "any principal";
}

class TrustActionPrincipalMismatch final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    if (effective_kind(ctx) != policy::PolicyKind::Trust) return;
    for (const auto& st : ctx.policy().statements) {
      if (st.actions_negated || st.principals_negated || st.principals.empty()) continue;
      bool any = false;
      for (const auto& p : st.principals) any = any || caller_of(p) == Caller::Any;
      if (any) continue;
      for (const auto& a : st.actions) {
        const std::string name = lower(a.text);
        if (!name.starts_with("sts:")) continue;
        for (const StsAction& sts : kActions) {
          if (name.substr(4) != sts.name) continue;
          bool fits = false;
          for (const auto& p : st.principals) fits = fits || caller_of(p) == sts.needs;
          if (fits) continue;
          const Caller have = caller_of(st.principals.front());
          bool same = true;
          for (const auto& p : st.principals) same = same && caller_of(p) == have;
          const std::string principals =
              same ? (st.principals.size() == 1 ? "the statement's principal is " : "the statement's principals are ") +
                         std::string(describe(have))
                   : std::string("none of the statement's principals is one");
          ctx.report(*a.node, quote(a.text) + " is called by " + std::string(sts.who) + ", but " + principals +
                                  ": no principal can assume the role this way; use the action that fits the "
                                  "principal, or the principal that fits the action");
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_trust_action_principal_mismatch() {
  return std::make_unique<TrustActionPrincipalMismatch>();
}

}  // namespace sagelint::rules
