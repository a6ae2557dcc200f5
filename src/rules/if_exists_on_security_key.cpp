// SL414: an Allow whose condition on a network, identity or SageMaker isolation key carries
// IfExists ("StringEqualsIfExists": {"aws:SourceVpce": "vpce-..."}). IfExists makes the test true
// when the request has no such key, so every request without it (a call from outside any VPC
// endpoint, a SageMaker call whose request does not carry the key) is allowed: the restriction
// holds only for the requests that already satisfy it. Silent when the statement also requires the
// key with "Null": {key: "false"}, for ForAllValues (true for an absent key anyway), and for a
// service key when some action of the statement cannot carry it (IfExists then lets that action
// through, which is its purpose).
#include <algorithm>

#include "rules/support/conditions.hpp"
#include "rules/support/prelude.hpp"
#include "rules/support/resource_types.hpp"

namespace sagelint::rules {
namespace {

struct SecurityKey {
  std::string_view key;   // lower case
  std::string_view what;  // for the message: who lacks the key
};

constexpr SecurityKey kKeys[] = {
    {"aws:sourcevpce", "every request that does not come through a VPC endpoint"},
    {"aws:sourcevpc", "every request that does not come through a VPC endpoint"},
    {"aws:sourceip", "requests that carry no public source IP (calls through a VPC endpoint or by a service)"},
    {"aws:vpcsourceip", "every request that does not come through a VPC endpoint"},
    {"aws:principalarn", "requests from principals without an ARN"},
    {"aws:principalorgid", "requests from principals outside any organization"},
    {"aws:principalaccount", "requests without a principal account"},
    {"aws:multifactorauthpresent", "requests made with long-term access keys, which never carry the key"},
    {"sagemaker:networkisolation", "SageMaker requests that do not carry the key"},
    {"sagemaker:vpcsubnets", "SageMaker requests that name no subnets (compute outside any VPC)"},
    {"sagemaker:vpcsecuritygroupids", "SageMaker requests that name no security groups (compute outside any VPC)"},
    {"sagemaker:directinternetaccess", "SageMaker requests that do not carry the key"},
    {"sagemaker:intercontainertrafficencryption", "SageMaker requests that do not carry the key"},
    {"sagemaker:volumekmskey", "SageMaker requests that name no KMS key (volumes without a customer managed key)"},
    {"sagemaker:rootaccess", "SageMaker requests that do not carry the key"},
};

const SecurityKey* security_key(std::string_view key) {
  const std::string k = lower(key);
  const auto* it = std::find_if(std::begin(kKeys), std::end(kKeys), [&](const SecurityKey& s) { return s.key == k; });
  return it == std::end(kKeys) ? nullptr : it;
}

// The statement also demands the key: "Null": {key: "false"}.
bool requires_key(const Statement& st, std::string_view key) {
  const std::string k = lower(key);
  return std::any_of(st.conditions.begin(), st.conditions.end(), [&](const policy::ConditionClause& c) {
    return c.op.base == "Null" && !c.op.if_exists && lower(c.key) == k &&
           result_when_key_absent(c) == std::optional<bool>(false);
  });
}

// A service key (sagemaker:...) is absent from the requests of actions that do not support it, and
// IfExists is how one statement lets those actions through: the absence is a bypass only when every
// action of the statement can carry the key. Global keys apply to every action.
bool every_action_carries(const catalog::Catalog& cat, const Statement& st, std::string_view key) {
  if (key.starts_with("aws:")) return true;
  if (st.actions_negated || st.actions.empty()) return false;
  for (const auto& e : expand_actions(cat, st)) {
    if (e.service_wildcard || e.actions.empty()) return false;
    for (const catalog::Action* a : e.actions) {
      if (!cat.action_lists_key(*a, key)) return false;
    }
  }
  return true;
}

class IfExistsOnSecurityKey final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    for (const auto& st : ctx.policy().statements) {
      if (!st.is_allow()) continue;
      for (const auto& c : st.conditions) {
        // ForAllValues is true for an absent key with or without IfExists: for-all-values-without-null-check.
        if (!c.op.if_exists || c.key_member == nullptr || c.op.qualifier == policy::SetQualifier::ForAllValues)
          continue;
        const SecurityKey* sk = security_key(c.key);
        if (sk == nullptr || requires_key(st, c.key)) continue;
        const std::string key = lower(c.key);
        if (!every_action_carries(ctx.catalog(), st, key)) continue;
        std::string plain(c.op.written.substr(0, c.op.written.size() - 8));
        ctx.report_key(*c.key_member,
                       quote(c.op.written) + " on " + quote(c.key) +
                           " in an Allow: IfExists makes the test true when the request has no such key, so this "
                           "statement also allows " +
                           std::string(sk->what) + "; use " + quote(plain) + " (or add \"Null\": {\"" +
                           std::string(c.key) + "\": \"false\"})");
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_if_exists_on_security_key() { return std::make_unique<IfExistsOnSecurityKey>(); }

}  // namespace sagelint::rules
