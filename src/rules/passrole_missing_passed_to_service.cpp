// SL501: an Allow that grants iam:PassRole (iam:PassRole, iam:Pass*, iam:*, *, or a NotAction
// that leaves it) without an iam:PassedToService condition. With "*" or a wildcard role ARN the
// holder can hand any matching role, however privileged, to any service that trusts it (an
// EC2 instance, a Lambda function, a SageMaker notebook) and act with its permissions: a
// warning, as IAM Access Analyzer's PASS_ROLE_WITH_STAR_IN_RESOURCE. Naming the roles exactly
// is what AWS recommends first; without the condition those roles can still go to any service
// their trust policy admits, so that case is only a note.
//
// The whole document is considered: an unconditional Deny of iam:PassRole on "*" elsewhere in
// it makes the Allow moot.
#include <algorithm>

#include "rules/support/arn.hpp"
#include "rules/support/arn_glob.hpp"
#include "rules/support/prelude.hpp"
#include "rules/support/service_principals.hpp"

namespace sagelint::rules {
namespace {

constexpr std::string_view kPassRole = "iam:PassRole";
constexpr std::string_view kRoleFormat = "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}";

bool names_passrole(std::string_view pattern) { return catalog::wildcard_match(pattern, kPassRole); }

// A positive string test of iam:PassedToService (key names are case-insensitive) restricts the
// receiving service when every value names few services: a StringLike pattern is judged by the
// known service principals it matches ("*.amazonaws.com" and "?*" match them all, "ec2.*" one), and
// a template value the tool chain computes counts as a name. IAM allows the request when any value
// matches, so one broad value voids the clause.
struct ServiceTest {
  bool restricts = false;
  std::string broad;  // for the message: the pattern that restricts nothing, with its reach
};

ServiceTest service_test(const Statement& st, const ServicePrincipals& known) {
  ServiceTest out;
  for (const auto& c : st.conditions) {
    if (lower(c.key) != "iam:passedtoservice" || c.values.empty()) continue;
    std::string_view op = c.op.base;
    if (op != "StringEquals" && op != "StringLike" && op != "StringEqualsIgnoreCase") continue;
    std::string broad;
    for (const JsonNode* v : c.values) {
      if (!v->is_string() || v->opaque || op != "StringLike") continue;
      const size_t n = known.count_matching(v->text);
      if (n >= kBroadServicePattern) {
        broad = quote(v->text) + " (it matches " + std::to_string(n) + " of the " + std::to_string(known.all().size()) +
                " service principals sagelint knows)";
        break;
      }
    }
    if (broad.empty()) return {true, {}};
    if (out.broad.empty()) out.broad = broad;
  }
  return out;
}

// Where the statement grants PassRole: the action node, the NotAction key, or nothing.
struct Grant {
  const JsonNode* action = nullptr;
  const JsonMember* not_action = nullptr;
};

Grant passrole_grant(const Statement& st) {
  Grant g;
  if (st.actions_negated) {
    bool excluded = std::any_of(st.actions.begin(), st.actions.end(),
                                [](const policy::StringValue& a) { return names_passrole(a.text); });
    if (!excluded) g.not_action = st.not_action;
    return g;
  }
  for (const auto& a : st.actions) {
    if (names_passrole(a.text)) {
      g.action = a.node;
      break;
    }
  }
  return g;
}

bool denies_all_passrole(const Statement& st) {
  if (!st.is_deny() || st.actions_negated || st.resources_negated || !st.conditions.empty()) return false;
  bool action = std::any_of(st.actions.begin(), st.actions.end(),
                            [](const policy::StringValue& a) { return names_passrole(a.text); });
  bool every_role = std::any_of(st.resources.begin(), st.resources.end(), [](const policy::StringValue& r) {
    return r.text == "*" || (r.text.starts_with("arn:") && r.text.ends_with("iam::*:role/*"));
  });
  return action && every_role;
}

// The ARN leaves the role name itself open ("role/*", "role/service-role/*", "arn:aws:iam::*:*",
// and "role*", which lacks the slash but still matches "role/" and every name after it): judged by
// whether it matches a role name nobody chose. A wildcard in the account or path alone still names
// roles by name.
bool any_role_name(std::string_view arn_text) {
  std::string_view resource = arn::split(arn_text).field[arn::kResource];
  std::string_view name = resource.substr(resource.rfind('/') == std::string_view::npos ? 0 : resource.rfind('/') + 1);
  if (name.empty() || name.find_first_not_of("*?") == std::string_view::npos) return true;
  return catalog::wildcard_match(resource, "role/Zq7-sagelint-any-name");
}

// Which roles the statement lets the holder pass.
struct Scope {
  bool any_role = false;  // some resource can be a role
  bool broad = false;     // "*", NotResource, or a role ARN that leaves the name open
  std::string what;       // for the message: "every role (\"*\")", "roles matching '...'"
};

Scope role_scope(const Statement& st) {
  Scope scope;
  if (st.resources_negated) {
    return {true, true, "every role not listed in NotResource"};
  }
  for (const auto& r : st.resources) {
    bool opaque = !r.text.starts_with("arn:") && r.text != "*";
    if (!opaque && r.text != "*" && !arn::fits_format_by_field(r.text, kRoleFormat)) continue;
    scope.any_role = true;
    if (scope.broad) continue;
    if (opaque && r.node->opaque) {
      // A template reference (${ExecutionRole.Arn}) names one role the template creates.
      continue;
    }
    if (opaque) {
      // A placeholder ("<execution-role-arn>") names no role yet, so nothing shows the roles are few.
      scope = {true, true, quote(r.text) + " (a placeholder, not a role ARN)"};
    } else if (r.text == "*") {
      scope = {true, true, "every role (\"*\")"};
    } else if (any_role_name(r.text)) {
      scope = {true, true, "roles matching " + quote(r.text)};
    }
  }
  return scope;
}

class PassroleMissingPassedToService final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const auto& statements = ctx.policy().statements;
    if (std::any_of(statements.begin(), statements.end(), denies_all_passrole)) return;
    for (const auto& st : statements) {
      if (!st.is_allow()) continue;
      Grant g = passrole_grant(st);
      if (g.action == nullptr && g.not_action == nullptr) continue;
      const ServiceTest service = service_test(st, ServicePrincipals::of(ctx.catalog()));
      if (service.restricts) continue;
      Scope scope = role_scope(st);
      if (!scope.any_role || (!scope.broad && !ctx.option_bool("report-named-roles"))) continue;
      std::string grant = g.not_action != nullptr ? std::string("NotAction leaves iam:PassRole allowed")
                          : lower(g.action->text) == "iam:passrole" ? std::string("iam:PassRole is allowed")
                                                                    : quote(g.action->text) + " allows iam:PassRole";
      std::string msg;
      lint::Severity severity = lint::Severity::Warning;
      const std::string without = service.broad.empty()
                                      ? std::string(" without an iam:PassedToService condition")
                                      : " with an iam:PassedToService pattern that restricts nothing, " + service.broad;
      if (scope.broad) {
        msg = grant + " on " + scope.what + without +
              ": the holder can pass any of those roles to any service "
              "that trusts it and use its permissions there; add \"Condition\": {\"StringEquals\": "
              "{\"iam:PassedToService\": \"sagemaker.amazonaws.com\"}} (the service that needs the role) or name the "
              "roles exactly";
      } else {
        severity = lint::Severity::Note;
        msg = grant + without +
              ": the named roles can be passed to any service "
              "their trust policies admit; consider adding \"Condition\": {\"StringEquals\": "
              "{\"iam:PassedToService\": \"<service principal>\"}}";
      }
      if (g.not_action != nullptr) {
        // report_with takes a node: the NotAction value stands for the key here.
        ctx.report_with(severity, g.not_action->value, msg);
      } else {
        ctx.report_with(severity, *g.action, msg);
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_passrole_missing_passed_to_service() {
  return std::make_unique<PassroleMissingPassedToService>();
}

}  // namespace sagelint::rules
