// SL707: a standalone identity-policy file (no template, dump or manifest attaches it to a
// principal) larger than IAM's quota for a customer managed policy: 6,144 characters, white space
// not counted. managed-policy-too-large (SL703) and inline-policies-too-large (SL702) judge
// policies they can see attached; a lone policy file in a pull request is most often created as a
// managed policy, and then CreatePolicy fails. Above the 10,240 characters all of a role's inline
// policies may hold together, it fits nowhere.
#include <algorithm>
#include <filesystem>

#include "lint/access.hpp"
#include "principal/aws_managed.hpp"
#include "principal/model.hpp"
#include "rules/support/messages.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

constexpr size_t kRoleInlineLimit = 10240;
constexpr size_t kManagedPolicyQuota = 6144;  // the option's default

// Only a document that is a policy and nothing else: a file that merely holds a Statement somewhere
// (a Terraform plan, a SAM policy template table) is not created as one policy.
bool policy_shaped(const input::JsonNode& root) {
  if (!root.is_object() || root.find("Statement") == nullptr) return false;
  return std::all_of(root.members.begin(), root.members.end(), [](const input::JsonMember& m) {
    return m.key == "Version" || m.key == "Id" || m.key == "Statement";
  });
}

// A copy of an AWS managed policy kept under its own name (AmazonSageMakerFullAccess.json): AWS
// managed policies are not subject to the quota.
bool is_aws_managed_copy(const input::Document& doc) {
  const std::string stem = std::filesystem::path(doc.source->path()).stem().string();
  return principal::AwsManagedPolicies::builtin().find(stem) != nullptr;
}

class StandalonePolicyTooLarge final : public lint::AccessRule {
 public:
  void check_access(lint::AccessContext& ctx) const override {
    const input::Document* doc = ctx.document();
    if (doc == nullptr || doc->root == nullptr) return;  // principals: SL702 and SL703
    if (!policy_shaped(*doc->root)) return;
    const auto limit = static_cast<size_t>(ctx.option_int("limit"));
    const size_t size = principal::policy_size(*doc->root);
    // The size first: looking the file name up among the AWS managed policies indexes them all
    // (18 M instructions, half of a one-file run's start-up).
    if (size <= limit || is_aws_managed_copy(*doc)) return;
    std::string msg = "this policy is " + thousands(size) + " characters (white space not counted)";
    if (limit == kManagedPolicyQuota) {
      msg += ", more than the " + thousands(limit) + " IAM allows a customer managed policy: CreatePolicy would fail";
    } else {
      // A house limit: IAM's own quota is named beside it, and CreatePolicy fails only over that.
      msg += "; " + limit_phrase(limit, kManagedPolicyQuota) + " for a customer managed policy";
      if (size > kManagedPolicyQuota) msg += ": CreatePolicy would fail";
    }
    if (size > kRoleInlineLimit) {
      msg += ", and it is also over the " + thousands(kRoleInlineLimit) +
             " that all of a role's inline policies may hold together; split it into several policies";
    } else {
      msg +=
          "; split it into several managed policies (or attach it inline to a role, whose inline policies may "
          "hold " +
          thousands(kRoleInlineLimit) + " characters together)";
    }
    ctx.report(msg);
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_standalone_policy_too_large() { return std::make_unique<StandalonePolicyTooLarge>(); }

}  // namespace sagelint::rules
