// SL504: the subject can get a presigned URL for notebook instances it does not own. Whoever
// opens a notebook's Jupyter server acts there with the notebook's execution role and reads its
// files. Asked of the evaluator: sagemaker:CreatePresignedNotebookInstanceUrl on a notebook no
// policy names (in the account and path of each wildcard that covers it), with every resource-tag
// key the policies scope by absent (someone else's notebook carries none of the caller's tags).
// Conditions on where the call comes from (aws:SourceIp, aws:SourceVpce) are enumerated like any
// other key: they narrow the network, not the notebooks. A tag scope holds only while the subject
// cannot put the tag on someone else's notebook itself (sagemaker:AddTags on an existing notebook,
// so without sagemaker:TaggingAction, which only tag-on-create requests carry).
#include <optional>

#include "rules/support/counterexamples.hpp"
#include "rules/support/escalation.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

constexpr std::string_view kPresign = "sagemaker:CreatePresignedNotebookInstanceUrl";

constexpr std::string_view kAddTags = "sagemaker:AddTags";
constexpr std::string_view kTaggingAction = "sagemaker:TaggingAction";

class PresignedNotebookUrlAnyNotebook final : public lint::AccessRule {
 public:
  void check_access(lint::AccessContext& ctx) const override {
    const Subject& subject = ctx.subject();
    if (!subject.may_grant(kPresign)) return;
    if (subject.evaluator() == nullptr) return;
    const eval::PolicySet& set = *subject.evaluator();
    const std::vector<std::string_view> patterns = subject.patterns_for(kPresign);
    const std::vector<std::string> tags = subject.resource_tag_keys();
    for (const std::string& account : candidate_accounts(patterns)) {
      eval::Question q;
      q.actions = {std::string(kPresign)};
      q.resources =
          unnamed_resources(patterns, "sagemaker", "notebook-instance", account, "sagelint-someone-elses-notebook");
      fix_account(subject, account, q.fixed);
      eval::Answer answer = find_allowed_untagged(set, q, tags);
      // Scoped by tag: the scope holds only if the caller cannot put the tag on the notebook itself.
      std::optional<eval::Counterexample> retag;
      if (!answer.allowed() && !tags.empty() && subject.may_grant(kAddTags)) {
        eval::Question t = q;
        t.actions = {std::string(kAddTags)};
        // A call on an existing notebook carries no sagemaker:TaggingAction: an AddTags scoped to
        // tag-on-create (the create operation's name) cannot re-tag someone else's notebook.
        t.absent.emplace_back(kTaggingAction);
        const eval::Answer tagged = find_allowed_untagged(set, t, tags);
        if (tagged.allowed()) {
          answer = eval::find_allowed(set, q);
          if (answer.allowed()) retag = tagged.counterexamples.front();
        }
      }
      if (!answer.allowed() || unrestricted(subject)) continue;
      const eval::Counterexample& cx = answer.counterexamples.front();
      std::string tag_list;
      for (const auto& t : tags) tag_list += (tag_list.empty() ? "" : ", ") + quote(t);
      std::string msg = describe_subject(ctx) +
                        " can open the Jupyter server of notebook instances it does not own and act there with each "
                        "notebook's execution role: ";
      if (retag) {
        msg += describe_in_account(retag->request, {}, account) + " is allowed by " + describe_allows(subject, *retag) +
               ", so it can put the tags its policies test (" + tag_list + ") on someone else's notebook, and then " +
               describe_in_account(cx.request, {}, account) + " by " + describe_allows(subject, cx) +
               "; deny 'sagemaker:AddTags' and 'sagemaker:DeleteTags' on the tags "
               "that decide access";
      } else {
        msg += describe_in_account(cx.request, {}, account) + " is allowed by " + describe_allows(subject, cx) +
               (tags.empty() ? std::string(" with no condition on the notebook's tags")
                             : " for a notebook without the tags its policies test (" + tag_list + ")") +
               "; scope it to the caller's own notebooks with "
               "'\"StringEquals\": {\"aws:ResourceTag/owner\": \"${aws:username}\"}' (tag each notebook "
               "with its owner) or name the notebooks in Resource";
      }
      ctx.report(std::move(msg), allow_anchor(retag ? *retag : cx));
      return;
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_presigned_notebook_url_any_notebook() {
  return std::make_unique<PresignedNotebookUrlAnyNotebook>();
}

}  // namespace sagelint::rules
