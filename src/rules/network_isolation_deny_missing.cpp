// SL601: a principal can create SageMaker compute that reaches the internet. Four questions,
// one per Deny of the closed-network guardrail (seed 003 RestrictInternetAccess): network
// isolation off, direct internet access on a notebook, a subnet outside the allowed list, a call
// not through the allowed VPC endpoints. Each asks the evaluator for a counterexample request.
#include <algorithm>
#include <optional>

#include "rules/support/counterexamples.hpp"
#include "rules/support/escalation.hpp"
#include "rules/support/example_resources.hpp"
#include "rules/support/messages.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

// Compute-creating actions whose request context has no key for the property checked: the
// guardrail cannot cover them, so the finding names the ones the principal may call.
constexpr std::string_view kUncoverable[] = {"sagemaker:CreateCluster",
                                             "sagemaker:CreateEndpoint",
                                             "sagemaker:CreateInferenceComponent",
                                             "sagemaker:CreateTransformJob",
                                             "sagemaker:CreateModel",
                                             "sagemaker:CreateTrainingJob",
                                             "sagemaker:CreateProcessingJob",
                                             "sagemaker:CreateHyperParameterTuningJob"};

constexpr std::string_view kSubnetKey = "sagemaker:VpcSubnets";
constexpr std::string_view kOutsideSubnet = "subnet-0sagelint0outside";
constexpr std::string_view kSubnetFix =
    "add a Deny on these actions with '\"ForAnyValue:StringNotEquals\": {\"sagemaker:VpcSubnets\": "
    "[allowed subnets]}' (and, to require a VPC, '\"Null\": {\"sagemaker:VpcSubnets\": \"true\"}' in a "
    "second Deny)";

struct Variant {
  bool absent = false;
  std::vector<std::string> values;  // when present
};

struct Check {
  std::string_view what;  // "without network isolation"
  std::string key;
  std::vector<const catalog::Action*> actions;
  std::vector<Variant> variants;
  std::string fix;
};

std::string qualified(const catalog::Action& a) { return std::string(a.service) + ":" + std::string(a.name); }

// "auto" turns the check on when the allowed list is configured; "required" also counts a
// request without the key (no VPC, public endpoint); "off" disables it. A multivalued key (a job's
// subnets) is also tried with an allowed value next to the outside one: a Deny written with
// ForAllValues:StringNotEquals lets [allowed, outside] through. Never an empty list: the API
// rejects a VPC configuration without subnets, and a request without one lacks the key.
std::vector<Variant> listed_variants(std::string_view mode, const std::vector<std::string>& allowed,
                                     std::string outside, bool multivalued = false) {
  std::vector<Variant> out;
  if (mode == "off") return out;
  if (!allowed.empty()) {
    while (std::find(allowed.begin(), allowed.end(), outside) != allowed.end()) outside += "0";
    out.push_back({false, {outside}});
    if (multivalued) out.push_back({false, {allowed.front(), outside}});
  }
  if (mode == "required") out.push_back({true, {}});
  return out;
}

class NetworkIsolationDenyMissing final : public lint::PrincipalRule {
 public:
  void check_principals(lint::PrincipalContext& ctx) const override {
    const bool absent_reading = ctx.option_string("omitted-key") == "absent";
    const std::vector<Check> checks = make_checks(ctx, absent_reading);
    // Without 'allowed-subnets', the subnets a principal's own policies list are the ones its
    // author allows: a subnet outside them (alone, or next to a listed one) is asked about.
    const std::string subnet_mode = ctx.option_string("vpc-subnets");
    const bool own_subnets = subnet_mode != "off" && ctx.option_strings("allowed-subnets").empty();
    for (const auto& p : ctx.principals().principals()) {
      if (p.kind == principal::PrincipalKind::Group) continue;  // its members are checked
      const Subject& subject = ctx.subjects().of(p);
      if (subject.evaluator() == nullptr) continue;
      for (const auto& check : checks) run(ctx, p, subject, check, absent_reading);
      if (!own_subnets) continue;
      std::vector<std::string> listed;
      for (std::string_view v : subject.condition_values(kSubnetKey)) {
        if (v.starts_with("subnet-") && std::find(listed.begin(), listed.end(), v) == listed.end()) {
          listed.emplace_back(v);
        }
      }
      if (listed.empty()) continue;
      Check c{
          "in a subnet outside those its policies list", std::string(kSubnetKey),
          sagemaker_actions_with_key(kSubnetKey),
          listed_variants(subnet_mode == "required" ? "required" : "auto", listed, std::string(kOutsideSubnet), true),
          std::string(kSubnetFix)};
      run(ctx, p, subject, c, absent_reading);
    }
  }

 private:
  static std::vector<Check> make_checks(const lint::PrincipalContext& ctx, bool absent_reading) {
    std::vector<Check> checks;
    const auto isolation = sagemaker_actions_with_key("sagemaker:NetworkIsolation");
    const auto direct = sagemaker_actions_with_key("sagemaker:DirectInternetAccess");
    if (ctx.option_string("network-isolation") != "off") {
      Check c{"without network isolation", "sagemaker:NetworkIsolation", isolation, {{false, {"false"}}}, ""};
      if (absent_reading) c.variants.push_back({true, {}});
      c.fix = "add a Deny on these actions with '\"Bool\": {\"sagemaker:NetworkIsolation\": \"false\"}'";
      checks.push_back(std::move(c));
    }
    if (ctx.option_string("direct-internet-access") != "off") {
      Check c{"with direct internet access", "sagemaker:DirectInternetAccess", direct, {{false, {"Enabled"}}}, ""};
      if (absent_reading) c.variants.push_back({true, {}});
      c.fix =
          "add a Deny on 'sagemaker:CreateNotebookInstance' with '\"StringEquals\": "
          "{\"sagemaker:DirectInternetAccess\": \"Enabled\"}'";
      checks.push_back(std::move(c));
    }
    {
      Check c{"in a subnet outside 'allowed-subnets'", "sagemaker:VpcSubnets",
              sagemaker_actions_with_key("sagemaker:VpcSubnets"),
              listed_variants(ctx.option_string("vpc-subnets"), ctx.option_strings("allowed-subnets"),
                              std::string(kOutsideSubnet), true),
              std::string(kSubnetFix)};
      if (!c.variants.empty()) checks.push_back(std::move(c));
    }
    {
      std::vector<const catalog::Action*> actions = isolation;
      for (const auto* a : direct) {
        if (std::find(actions.begin(), actions.end(), a) == actions.end()) actions.push_back(a);
      }
      Check c{"through a VPC endpoint outside 'allowed-vpc-endpoints' (or none)", "aws:SourceVpce", actions,
              listed_variants(ctx.option_string("vpc-endpoints"), ctx.option_strings("allowed-vpc-endpoints"),
                              "vpce-0sagelint0outside"),
              "add a Deny on 'sagemaker:*' with '\"StringNotEquals\": {\"aws:SourceVpce\": [allowed endpoints]}' "
              "(not 'ForAllValues:', which an absent key satisfies)"};
      if (!c.variants.empty()) checks.push_back(std::move(c));
    }
    return checks;
  }

  static void run(lint::PrincipalContext& ctx, const principal::Principal& p, const Subject& subject,
                  const Check& check, bool absent_reading) {
    std::vector<std::string> allowed;
    std::optional<eval::Counterexample> first;
    bool first_absent = false;
    for (const catalog::Action* action : check.actions) {
      for (const Variant& v : check.variants) {
        eval::Question q;
        q.actions = {qualified(*action)};
        q.resources = subject_resources(subject, *action);
        if (v.absent) {
          q.absent = {check.key};
        } else {
          q.fixed.set(check.key, v.values);
        }
        eval::Answer answer = eval::find_allowed(*subject.evaluator(), q);
        if (!answer.allowed()) continue;
        allowed.push_back(quote(qualified(*action)));
        if (!first) {
          first = std::move(answer.counterexamples.front());
          first_absent = v.absent;
        }
        break;
      }
    }
    if (!first) return;
    std::string msg = describe(p) + " can create SageMaker compute " + std::string(check.what) + ": " +
                      describe_request(first->request, {check.key}) + " is allowed by " +
                      describe_allows(subject, *first) + " and no Deny stops it" +
                      describe_unmet(subject, *first, check.key);
    if (allowed.size() > 1) {
      msg += "; also allowed:";
      for (size_t i = 1; i < allowed.size(); ++i) msg += (i > 1 ? ", " : " ") + allowed[i];
    }
    msg += "; " + check.fix;
    if (check.key == "sagemaker:NetworkIsolation" || check.key == "sagemaker:DirectInternetAccess") {
      if (first_absent) {
        msg += " and '\"Null\": {\"" + check.key +
               "\": \"true\"}' (this request omits the parameter: 'omitted-key = \"absent\"' assumes the key is then "
               "absent)";
      } else if (!absent_reading) {
        msg +=
            " (under the default reading 'omitted-key = \"api-default\"', a request that omits the parameter is "
            "this same request)";
      }
    }
    if (check.key == "sagemaker:NetworkIsolation") {
      std::string uncovered;
      const auto& cat = catalog::Catalog::builtin();
      for (std::string_view name : kUncoverable) {
        const catalog::Action* a = cat.action(name);
        if (a == nullptr || cat.action_lists_key(*a, check.key)) continue;
        eval::Question q;
        q.actions = {std::string(name)};
        q.resources = subject_resources(subject, *a);
        if (!eval::find_allowed(*subject.evaluator(), q).allowed()) continue;
        uncovered += (uncovered.empty() ? "" : ", ") + quote(name);
      }
      if (!uncovered.empty())
        msg += "; '" + check.key + "' cannot cover " + uncovered + " (no such key in their requests)";
    }
    ctx.report(p.definition, std::move(msg));
    relate_counterexample(ctx, subject, *first);
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_network_isolation_deny_missing() {
  return std::make_unique<NetworkIsolationDenyMissing>();
}

}  // namespace sagelint::rules
