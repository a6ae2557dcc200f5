// SL306: a service principal written in the wrong case or one edit away from a known one:
// "Service": "SageMaker.amazonaws.com" in a trust policy, "iam:PassedToService":
// "sagemaker.amazonaws.con" in a PassRole grant. The string operators that compare
// iam:PassedToService, aws:PrincipalServiceName and aws:SourceService are case-sensitive (IAM User
// Guide, condition operators: StringEquals "Exact matching, case sensitive", StringLike
// "Case-sensitive matching"), so such a value never matches the service and the role cannot be
// handed to it. In a Principal, "The service principal is defined by the service": AWS documents
// no case-insensitive match, so the rule asks for the name as the service defines it. AWS publishes no complete list of
// service principals, so a name close to no known one is left alone (rules/support/service_principals.hpp).
#include "rules/support/prelude.hpp"
#include "rules/support/service_principals.hpp"

namespace sagelint::rules {
namespace {

bool looks_like_service_principal(std::string_view text) {
  const std::string low = lower(text);
  return low.ends_with(".amazonaws.com") || low.ends_with(".amazonaws.com.cn") || low.ends_with(".amazon.com");
}

void check_name(RuleContext& ctx, const ServicePrincipals& known, const JsonNode& node, std::string_view where,
                bool in_condition) {
  const std::string_view text = node.text;
  if (node.opaque || text.find_first_of("*?$") != std::string_view::npos || !looks_like_service_principal(text)) {
    return;
  }
  if (known.contains(text)) return;
  if (const std::string* other = known.other_case(text)) {
    if (in_condition) {
      ctx.report(node, quote(text) + " is not written as AWS writes the service principal: " + std::string(where) +
                           " compares case-sensitively (\"Exact matching, case sensitive\" for StringEquals, "
                           "\"Case-sensitive matching\" for StringLike, IAM User Guide), so it never matches " +
                           quote(*other) + "; write " + quote(*other));
    } else {
      ctx.report(node, quote(text) + " is not written as AWS writes the service principal " + quote(*other) +
                           ": \"The service principal is defined by the service\" (IAM User Guide, Principal "
                           "element) and AWS documents no case-insensitive match for it; write " +
                           quote(*other));
    }
    return;
  }
  const auto near = known.near(text);
  if (near.empty() || near.size() > 2) return;
  std::string names = quote(near.front());
  if (near.size() == 2) names += " or " + quote(near.back());
  ctx.report(node, quote(text) + " is not a known service principal, and is one letter or two away from " + names +
                       ": no service matches it, so " + std::string(where) + " never admits the service you meant; " +
                       "did you mean " + names + "?");
}

class UnknownServicePrincipal final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const ServicePrincipals& known = ServicePrincipals::of(ctx.catalog());
    for (const auto& st : ctx.policy().statements) {
      for (const auto& p : st.principals) {
        if (p.type == "Service") check_name(ctx, known, *p.value.node, "the Principal element", false);
      }
      for (const auto& c : st.conditions) {
        const std::string key = lower(c.key);
        if (key != "iam:passedtoservice" && key != "aws:principalservicename" && key != "aws:sourceservice") continue;
        const std::string_view base = c.op.base;
        if (base != "StringEquals" && base != "StringNotEquals" && base != "StringLike" && base != "StringNotLike") {
          continue;
        }
        for (const JsonNode* v : c.values) {
          if (v->is_string())
            check_name(ctx, known, *v, "the condition " + std::string(c.op.written) + " on " + std::string(c.key),
                       true);
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_unknown_service_principal() { return std::make_unique<UnknownServicePrincipal>(); }

}  // namespace sagelint::rules
