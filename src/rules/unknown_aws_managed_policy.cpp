// SL706: an AWS managed policy ARN (arn:aws:iam::aws:policy/...) that is not among the bundled
// AWS managed policies: misspelt, deprecated and removed from the published list, or newer
// than the data. Also a [[principal]] managed entry that names no known policy at all.
#include <algorithm>

#include "rules/support/messages.hpp"
#include "rules/support/prelude.hpp"
#include "text/text.hpp"

namespace sagelint::rules {
namespace {

std::string suggestion(const principal::AwsManagedPolicies& aws, std::string_view name) {
  size_t best = std::max<size_t>(2, name.size() / 6) + 1;
  std::string found;
  for (const auto& p : aws.all()) {
    if (p.name.size() + best <= name.size() || name.size() + best <= p.name.size()) continue;
    size_t d = text::edit_distance(name, p.name);
    if (d < best) {
      best = d;
      found = p.name;
    }
  }
  return found;
}

class UnknownAwsManagedPolicy final : public lint::PrincipalRule {
 public:
  void check_principals(lint::PrincipalContext& ctx) const override {
    const auto& aws = principal::AwsManagedPolicies::builtin();
    for (const auto& p : ctx.principals().principals()) {
      for (const auto& a : p.managed) check(ctx, aws, p, a);
      if (p.boundary) check(ctx, aws, p, *p.boundary);
    }
  }

 private:
  static void check(lint::PrincipalContext& ctx, const principal::AwsManagedPolicies& aws,
                    const principal::Principal& p, const principal::AttachedPolicy& a) {
    if (a.kind != principal::PolicyKind::Unresolved || a.name.find("${") != std::string::npos) return;
    std::string name;
    if (a.name.starts_with("arn:")) {
      size_t at = a.name.find(":iam::aws:policy/");
      if (at == std::string::npos) return;
      name = a.name.substr(a.name.rfind('/') + 1);
    } else if (p.origin == "manifest" && !principal::names_file(a.name)) {
      name = a.name;  // a manifest name that is neither an AWS nor a loaded customer managed policy
    } else {
      return;
    }
    bool arn = a.name.starts_with("arn:");
    if (const principal::AwsManagedPolicy* same = arn ? aws.find(name) : nullptr) {
      // The name exists under another path (Canvas MLOps is under /service-role/).
      ctx.report(a.where, quote(a.name) + " attached to " + describe(p) + ": the AWS managed policy " + quote(name) +
                              " has the path " + quote(same->path) + ", so its ARN is " + quote(same->arn) +
                              "; the attachment fails as written");
      return;
    }
    std::string message = quote(a.name) + " attached to " + describe(p) +
                          " is not an AWS managed policy in the bundled " + "data (" + std::string(aws.source()) +
                          ", " + thousands(aws.size()) + " policies)";
    std::string hint = suggestion(aws, name);
    if (!hint.empty()) {
      const principal::AwsManagedPolicy* h = aws.find(hint);
      message += ": did you mean " + quote(arn ? h->arn : hint) + "?";
    } else {
      message += ".";
    }
    message += " A misspelt name fails to attach; a deprecated policy should be replaced by its successor";
    ctx.report(a.where, std::move(message));
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_unknown_aws_managed_policy() { return std::make_unique<UnknownAwsManagedPolicy>(); }

}  // namespace sagelint::rules
