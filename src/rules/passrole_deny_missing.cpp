// SL502: a principal can pass a role outside the approved execution roles to SageMaker and no
// Deny stops it. Asks the evaluator for a counterexample: iam:PassRole on a role no policy names,
// with iam:PassedToService = sagemaker.amazonaws.com and every other key the policies read free.
#include <set>

#include "rules/support/counterexamples.hpp"
#include "rules/support/messages.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

constexpr std::string_view kService = "sagemaker.amazonaws.com";

// Accounts to try: those of the approved roles (an Allow scoped to the organisation's account
// must still be caught) and those the subject's PassRole patterns name (a grant pinned to the
// subject's own account), else an example account.
std::vector<std::string> candidate_roles(const std::vector<std::string>& approved,
                                         const std::vector<std::string_view>& patterns) {
  std::set<std::string> accounts;
  for (std::string_view pattern : patterns) {
    // arn:aws:iam::ACCOUNT:role/...: only a literal account is a world of its own
    const size_t a = pattern.find("::");
    const size_t b = a == std::string_view::npos ? a : pattern.find(':', a + 2);
    if (!pattern.starts_with("arn:") || b == std::string_view::npos) continue;
    const std::string account(pattern.substr(a + 2, b - a - 2));
    if (account.size() == 12 && account.find_first_not_of("0123456789") == std::string::npos) accounts.insert(account);
  }
  for (const auto& arn : approved) {
    // arn:aws:iam::ACCOUNT:role/...
    const size_t a = arn.find("::");
    const size_t b = a == std::string::npos ? a : arn.find(':', a + 2);
    if (b == std::string::npos) continue;
    const std::string account = arn.substr(a + 2, b - a - 2);
    if (account.size() == 12 && account.find_first_not_of("0123456789") == std::string::npos) accounts.insert(account);
  }
  if (accounts.empty()) accounts.insert("123456789012");
  std::vector<std::string> out;
  for (const auto& account : accounts) {
    std::string arn = "arn:aws:iam::" + account + ":role/sagelint-unapproved-role";
    bool is_approved = false;
    for (const auto& pattern : approved) is_approved = is_approved || catalog::wildcard_match(pattern, arn);
    if (!is_approved) out.push_back(std::move(arn));
  }
  return out;
}

class PassroleDenyMissing final : public lint::PrincipalRule {
 public:
  void check_principals(lint::PrincipalContext& ctx) const override {
    const std::vector<std::string> approved = ctx.option_strings("approved-roles");
    for (const auto& p : ctx.principals().principals()) {
      if (p.kind == principal::PrincipalKind::Group) continue;  // its members are checked
      const Subject& subject = ctx.subjects().of(p);
      if (subject.evaluator() == nullptr) continue;
      const std::vector<std::string> roles = candidate_roles(approved, subject.patterns_for("iam:PassRole"));
      eval::Question q;
      q.actions = {"iam:PassRole"};
      q.resources = roles;
      q.fixed.set("iam:PassedToService", std::string(kService));
      const eval::Answer answer = eval::find_allowed(*subject.evaluator(), q);
      if (!answer.allowed()) continue;
      const eval::Counterexample& cx = answer.counterexamples.front();
      const std::string scope = approved.empty()
                                    ? "any role (no 'approved-roles' configured, so any wildcard grant counts)"
                                    : "a role outside the approved execution roles";
      ctx.report(p.definition,
                 describe(p) + " can pass " + scope + " to SageMaker: " + describe_request(cx.request, {}) +
                     " is allowed by " + describe_allows(subject, cx) + " and no Deny stops it" +
                     describe_unmet(subject, cx) +
                     "; add a Deny on 'iam:PassRole' with 'NotResource' listing the approved execution roles and "
                     "'StringEquals' 'iam:PassedToService' 'sagemaker.amazonaws.com', and attach it to the execution "
                     "roles too so a notebook cannot pass a more powerful role");
      relate_counterexample(ctx, subject, cx);
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_passrole_deny_missing() { return std::make_unique<PassroleDenyMissing>(); }

}  // namespace sagelint::rules
