// SL604: a Deny hides SageMaker resources from Describe* calls, but sagemaker:Search is not
// denied under the same conditions, and Search returns the same resources. Two questions per
// Deny statement: in which request contexts does it deny a Describe action (the statement read
// as an Allow, asked of the evaluator alone), and is Search then still allowed (a principal)
// or at least not denied (a standalone policy, usually a guardrail attached beside others)?
#include <algorithm>
#include <set>

#include "rules/support/api_calls.hpp"
#include "rules/support/counterexamples.hpp"
#include "rules/support/prelude.hpp"
#include "text/text.hpp"

namespace sagelint::rules {
namespace {

using namespace api;

constexpr std::string_view kSearch = "sagemaker:Search";

// The Describe actions of the resource types sagemaker:Search can return (Search API reference,
// Resource valid values), with the Search resource name.
struct Searchable {
  std::string_view describe;
  std::string_view resource;
};
constexpr Searchable kSearchable[] = {
    {"sagemaker:DescribeTrainingJob", "TrainingJob"},
    {"sagemaker:DescribeHyperParameterTuningJob", "HyperParameterTuningJob"},
    {"sagemaker:DescribeEndpoint", "Endpoint"},
    {"sagemaker:DescribeModel", "Model"},
    {"sagemaker:DescribeModelPackage", "ModelPackage"},
    {"sagemaker:DescribeModelPackageGroup", "ModelPackageGroup"},
    {"sagemaker:DescribeModelCard", "ModelCard"},
    {"sagemaker:DescribePipeline", "Pipeline"},
    {"sagemaker:DescribePipelineExecution", "PipelineExecution"},
    {"sagemaker:DescribeExperiment", "Experiment"},
    {"sagemaker:DescribeTrial", "ExperimentTrial"},
    {"sagemaker:DescribeTrialComponent", "ExperimentTrialComponent"},
    {"sagemaker:DescribeFeatureGroup", "FeatureGroup"},
    {"sagemaker:DescribeFeatureMetadata", "FeatureMetadata"},
    {"sagemaker:DescribeImage", "Image"},
    {"sagemaker:DescribeImageVersion", "ImageVersion"},
    {"sagemaker:DescribeProject", "Project"},
};
// A standalone policy is asked whether it denies Search, so something must allow Search for
// the evaluator to have a decision to overturn: this stands for the caller's other policies.
const policy::Policy& any_search_allowed() {
  static const std::string text =
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sagemaker:Search", "Resource": "*"}]})";
  static const input::JsonParseResult parsed = input::parse_json(text);
  static const policy::Policy policy = policy::build_policy(*parsed.root, input::KindHint::Identity);
  return policy;
}

// Search names no resource, so resource tags are never in its request context.
bool search_carries(const catalog::Catalog& cat, const catalog::Action& search, std::string_view key) {
  if (text::ci_starts_with(key, "aws:ResourceTag/")) return false;
  return cat.action_supports_key(search, key);
}

// A request context in which the Deny statement applies to `describe`, with the statement's
// keys the action's requests cannot carry left absent.
std::optional<eval::Counterexample> denied_describe(const SubjectStatement& deny, const catalog::Action& describe,
                                                    std::string_view describe_name) {
  const auto& cat = catalog::Catalog::builtin();
  policy::Policy as_allow;
  as_allow.root = deny.policy->root;
  as_allow.version = deny.policy->version;
  policy::Statement st = *deny.statement;
  st.effect_value = policy::Effect::Allow;
  as_allow.statements.push_back(st);
  eval::PolicySet set;
  set.add_identity("deny", as_allow);
  std::vector<std::string> absent;
  for (const auto& clause : st.conditions) {
    if (!cat.action_supports_key(describe, clause.key)) absent.emplace_back(clause.key);
  }
  const std::vector<SubjectStatement> only{deny};
  const std::string_view naming[] = {describe_name};
  const auto resources = candidate_resources(only, describe, Scope::Denied, naming);
  return first_allowed(set, describe_name, resources, {}, absent);
}

// A Deny (with Action, not NotAction) covering the Describe action of a type Search returns.
// "Deny everything except ..." (NotAction) restricts the operations a principal may use; it is
// not a Deny written to hide resources, and Search is then one more operation it lists.
bool hides_describe(const policy::Statement& st) {
  return st.is_deny() && !st.actions_negated &&
         std::any_of(std::begin(kSearchable), std::end(kSearchable),
                     [&](const Searchable& e) { return names_action(st, e.describe); });
}

class DenyDescribeWithoutSearch final : public lint::AccessRule {
 public:
  void check_access(lint::AccessContext& ctx) const override {
    if (ctx.policy() != nullptr && std::none_of(ctx.policy()->statements.begin(), ctx.policy()->statements.end(),
                                                [](const policy::Statement& st) { return hides_describe(st); })) {
      return;
    }
    const Subject& subject = ctx.subject();
    if (subject.evaluator() == nullptr) return;
    const auto& cat = catalog::Catalog::builtin();
    const catalog::Action* search = cat.action(kSearch);
    if (search == nullptr) return;

    std::unique_ptr<eval::PolicySet> standalone_set;
    const eval::PolicySet* search_set = subject.evaluator();
    if (ctx.principal() == nullptr) {
      standalone_set = std::make_unique<eval::PolicySet>();
      standalone_set->add_identity("this policy", *ctx.policy());
      standalone_set->add_identity("the caller's other policies", any_search_allowed());
      search_set = standalone_set.get();
    }
    const std::vector<std::string> visibility = subject.keys_with_prefix("sagemaker:SearchVisibilityCondition/");

    for (const SubjectStatement& s : subject.statements()) {
      if (!hides_describe(*s.statement)) continue;
      size_t covered = 0;
      for (const Searchable& e : kSearchable) covered += names_action(*s.statement, e.describe) ? 1 : 0;
      std::set<std::string> asked;
      for (const Searchable& e : kSearchable) {
        if (!names_action(*s.statement, e.describe)) continue;
        const catalog::Action* describe = cat.action(e.describe);
        if (describe == nullptr) continue;
        const auto hidden = denied_describe(s, *describe, e.describe);
        if (!hidden) continue;
        eval::Question q = search_question(cat, *search, *s.statement, *hidden, visibility);
        std::string signature;
        for (const auto& entry : q.fixed.entries()) {
          signature += entry.lower + "=";
          for (const auto& v : entry.values) signature += v + ",";
        }
        for (const auto& a : q.absent) signature += "!" + a;
        if (!asked.insert(signature).second) continue;
        eval::Answer answer = eval::find_allowed(*search_set, q);
        if (!answer.allowed()) continue;
        report(ctx, subject, s, e, covered, *hidden, answer.counterexamples.front());
        break;
      }
    }
  }

 private:
  // Search in the same circumstances: the Deny's keys keep their values where a Search request
  // carries them and are absent where it cannot; no visibility conditions (the unrestricted call).
  static eval::Question search_question(const catalog::Catalog& cat, const catalog::Action& search,
                                        const policy::Statement& deny, const eval::Counterexample& hidden,
                                        const std::vector<std::string>& visibility) {
    eval::Question q;
    q.actions = {std::string(kSearch)};
    q.resources = {"*"};
    q.absent = visibility;
    for (const auto& entry : hidden.request.context.entries()) {
      if (search_carries(cat, search, entry.key)) {
        q.fixed.set(entry.key, entry.values);
      } else {
        q.absent.push_back(entry.key);
      }
    }
    for (const auto& clause : deny.conditions) {
      if (hidden.request.context.find(clause.key) == nullptr) q.absent.emplace_back(clause.key);
    }
    return q;
  }

  static void report(lint::AccessContext& ctx, const Subject& subject, const SubjectStatement& deny,
                     const Searchable& e, size_t covered, const eval::Counterexample& hidden,
                     const eval::Counterexample& searched) {
    // The Deny as the subject's policy set names it (its file and line for a principal).
    std::string deny_name = "statement " + std::to_string(deny.statement->index);
    const eval::Result r = eval::evaluate(*subject.evaluator(), hidden.request);
    for (const auto& d : r.denies) {
      if (d.node == deny.statement->node) deny_name = subject.describe(d);
    }
    std::string also;
    if (covered > 1) {
      also = " (and " + std::to_string(covered - 1) + " more Describe " + (covered > 2 ? "actions" : "action") +
             " of resource types Search returns)";
    }
    const std::string who = ctx.principal() == nullptr ? "this policy denies " : describe_subject(ctx) + " is denied ";
    std::string search_part;
    if (ctx.principal() == nullptr) {
      search_part = describe_request(searched.request, {}) + " is not denied by this policy";
    } else {
      search_part = describe_request(searched.request, {}) + " is allowed by " + describe_allows(subject, searched) +
                    describe_unmet(subject, searched);
    }
    std::vector<std::string> tested;
    for (const auto& clause : deny.statement->conditions) {
      const bool seen = std::any_of(tested.begin(), tested.end(),
                                    [&](const std::string& k) { return text::ci_equal(k, clause.key); });
      if (!seen) tested.emplace_back(clause.key);
    }
    ctx.report(who + describe_request(hidden.request, tested) + also + " in " + deny_name + ", but " + search_part +
                   ", and Search with Resource '" + std::string(e.resource) +
                   "' returns the same resources (the Search API reference warns that it may provide access to "
                   "otherwise restricted data); deny 'sagemaker:Search' under the same conditions in a statement with "
                   "\"Resource\": \"*\" (Search names no resource, so resource ARNs and resource tags never match "
                   "it)",
               deny.statement->node);
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_deny_describe_without_search() {
  return std::make_unique<DenyDescribeWithoutSearch>();
}

}  // namespace sagelint::rules
