#include "rules/support/escalation.hpp"

#include <algorithm>

#include "catalog/catalog.hpp"
#include "rules/support/arn.hpp"
#include "rules/support/arn_glob.hpp"
#include "rules/support/counterexamples.hpp"
#include "rules/support/example_resources.hpp"
#include "rules/support/prelude.hpp"
#include "text/text.hpp"

namespace sagelint::rules {

namespace {

// IAM ignores a statement without an action or resource element.
bool complete(const policy::Statement& st) {
  return (st.action != nullptr || st.not_action != nullptr) && (st.resource != nullptr || st.not_resource != nullptr);
}

bool all_wildcards(std::string_view text) {
  return !text.empty() && text.find_first_not_of("*?") == std::string_view::npos;
}

bool twelve_digits(std::string_view text) {
  return text.size() == 12 && text.find_first_not_of("0123456789") == std::string_view::npos;
}

std::string fill_wildcards(std::string_view text) {
  std::string out;
  for (char c : text) out += (c == '*' || c == '?') ? std::string_view("x") : std::string_view(&c, 1);
  return out;
}

// A field of an ARN pattern made concrete: kept when literal, `fallback` when it is only
// wildcards, else its wildcards filled in.
std::string fill_field(std::string_view field, std::string_view fallback) {
  if (!text::has_wildcard(field)) return std::string(field);
  if (all_wildcards(field)) return std::string(fallback);
  return fill_wildcards(field);
}

// The account field made concrete for `account`: nothing when the pattern names another account.
std::optional<std::string> fill_account(std::string_view field, std::string_view account) {
  if (field.empty()) return std::string();  // S3-style ARNs have none
  if (twelve_digits(field)) return field == account ? std::optional<std::string>(std::string(field)) : std::nullopt;
  if (arn::has_variable(field) || text::has_wildcard(field)) return std::string(account);
  return std::nullopt;
}

// One ARN the pattern matches: wildcards in the Region and account become us-east-1 and
// `account`, and in the resource they match nothing ("training-job/AWSBatch*" -> "AWSBatch").
// `type_prefix` ("training-job/") is put in front when a leading wildcard stands for it.
std::optional<std::string> concrete_arn(std::string_view pattern, std::string_view account, std::string_view service,
                                        std::string_view type_prefix) {
  if (!pattern.starts_with("arn:") || arn::has_variable(pattern)) return std::nullopt;
  const arn::Parts parts = arn::split(pattern);
  if (parts.count != arn::kFieldCount) return std::nullopt;
  const auto acct = fill_account(parts.field[arn::kAccount], account);
  if (!acct) return std::nullopt;
  std::string res;
  for (char c : parts.field[arn::kResource]) {
    if (c != '*') res += c == '?' ? 'x' : c;
  }
  if (res.empty() || res.ends_with('/')) res += "sagelint-example";
  // SageMaker names end in a letter or digit ("churn-*" -> "churn-x", not "churn-", which the API
  // rejects).
  if (res.ends_with('-') || res.ends_with('_') || res.ends_with('.')) res += 'x';
  if (type_prefix.size() > 1 && !res.starts_with(type_prefix)) res = std::string(type_prefix) + res;
  const std::string_view region = parts.field[arn::kRegion];
  std::string out = "arn:" + fill_field(parts.field[arn::kPartition], "aws") + ":" +
                    fill_field(parts.field[arn::kService], service) + ":" +
                    (region.empty() ? std::string() : fill_field(region, "us-east-1")) + ":" + *acct + ":" + res;
  if (!catalog::wildcard_match(pattern, out)) return std::nullopt;
  return out;
}

void push_unique(std::vector<std::string>& out, std::string value) {
  if (std::find(out.begin(), out.end(), value) == out.end()) out.push_back(std::move(value));
}

bool is_resource_tag(std::string_view key) {
  return text::ci_starts_with(key, "aws:resourcetag/") || text::ci_starts_with(key, "sagemaker:resourcetag/");
}

std::string with_account(std::string arn, std::string_view account) {
  const size_t at = arn.find(kExampleAccount);
  if (at != std::string::npos) arn.replace(at, kExampleAccount.size(), account);
  return arn;
}

}  // namespace

std::vector<std::string> candidate_accounts(const std::vector<std::string_view>& patterns,
                                            const std::vector<std::string>& more) {
  std::vector<std::string> out;
  auto take = [&](std::string_view text) {
    if (!text.starts_with("arn:")) return;
    const arn::Parts parts = arn::split(text);
    if (parts.count == arn::kFieldCount && twelve_digits(parts.field[arn::kAccount])) {
      push_unique(out, std::string(parts.field[arn::kAccount]));
    }
  };
  for (std::string_view p : patterns) take(p);
  for (const auto& m : more) take(m);
  if (out.empty()) out.emplace_back(kExampleAccount);
  return out;
}

std::vector<std::string> unnamed_resources(const std::vector<std::string_view>& patterns, std::string_view service,
                                           std::string_view type, std::string_view account, std::string_view name) {
  const std::string region = service == "iam" ? "" : "us-east-1";
  std::vector<std::string> out;
  out.push_back("arn:aws:" + std::string(service) + ":" + region + ":" + std::string(account) + ":" +
                std::string(type) + "/" + std::string(name));
  for (std::string_view pattern : patterns) {
    if (!pattern.starts_with("arn:")) continue;
    const arn::Parts parts = arn::split(pattern);
    if (parts.count != arn::kFieldCount) continue;
    const std::string_view resource = parts.field[arn::kResource];
    const size_t slash = resource.rfind('/');
    const std::string_view last = slash == std::string_view::npos ? resource : resource.substr(slash + 1);
    if (!all_wildcards(last)) continue;  // the pattern names its resources
    if (!catalog::wildcard_match(parts.field[arn::kService], service)) continue;
    const auto acct = fill_account(parts.field[arn::kAccount], account);
    if (!acct) continue;
    std::string res;
    if (slash == std::string_view::npos) {
      res = std::string(type) + "/" + std::string(name);
    } else {
      const std::string_view path = resource.substr(0, slash + 1);
      if (arn::has_variable(path)) continue;
      res = fill_wildcards(path) + std::string(name);
    }
    if (!res.starts_with(std::string(type) + "/")) continue;
    std::string arn_text = "arn:" + fill_field(parts.field[arn::kPartition], "aws") + ":" + std::string(service) + ":" +
                           fill_field(parts.field[arn::kRegion], region) + ":" + *acct + ":" + res;
    if (!arn::has_variable(pattern) && !catalog::wildcard_match(pattern, arn_text)) continue;
    push_unique(out, std::move(arn_text));
  }
  return out;
}

std::vector<std::string> chosen_resources(const Subject& subject, const catalog::Action& action,
                                          std::string_view account, const std::vector<std::string_view>& preferred) {
  const std::string qualified = std::string(action.service) + ":" + std::string(action.name);
  const std::string example_arn = with_account(example_resource(action), account);
  const arn::Parts example = arn::split(example_arn);
  const std::string_view example_resource_field = example.field[arn::kResource];
  const std::string type_prefix(example_resource_field.substr(0, example_resource_field.find('/') + 1));
  constexpr size_t kMax = 12;
  std::vector<std::string> out;
  for (std::string_view p : preferred) {
    if (out.size() >= kMax / 2 || !text::has_wildcard(p)) continue;  // a literal name is an existing resource
    if (auto candidate = concrete_arn(p, account, action.service, type_prefix)) push_unique(out, std::move(*candidate));
  }
  push_unique(out, example_arn);
  for (const policy::Policy* p : subject.identity_policies()) {
    for (const auto& st : p->statements) {
      if (out.size() >= kMax || !statement_may_grant(st, qualified) || st.resources_negated) continue;
      for (const auto& r : st.resources) {
        if (out.size() >= kMax) break;
        if (auto candidate = concrete_arn(r.text, account, action.service, type_prefix)) {
          push_unique(out, std::move(*candidate));
        }
      }
    }
  }
  return out;
}

std::vector<std::string> subject_resources(const Subject& subject, const catalog::Action& action) {
  const std::string qualified = std::string(action.service) + ":" + std::string(action.name);
  constexpr size_t kMax = 16;
  std::vector<std::string> out{example_resource(action)};
  if (out.front() == "*") return out;
  for (const std::string& account : candidate_accounts(subject.patterns_for(qualified))) {
    for (std::string& r : chosen_resources(subject, action, account)) {
      if (out.size() >= kMax) return out;
      push_unique(out, std::move(r));
    }
  }
  return out;
}

void fix_account(const Subject& subject, std::string_view account, eval::Context& fixed) {
  for (std::string_view key : {std::string_view("aws:PrincipalAccount"), std::string_view("aws:ResourceAccount")}) {
    if (subject.reads_key(key)) fixed.set(key, std::string(account));
  }
}

std::string describe_in_account(const eval::Request& request, const std::vector<std::string>& shown,
                                std::string_view account) {
  eval::Request copy = request;
  for (std::string_view key : {std::string_view("aws:PrincipalAccount"), std::string_view("aws:ResourceAccount")}) {
    const auto* values = copy.context.find(key);
    if (values != nullptr && values->size() == 1 && values->front() == account) copy.context.erase(key);
  }
  return describe_request(copy, shown);
}

eval::Answer find_allowed_untagged(const eval::PolicySet& set, eval::Question question,
                                   const std::vector<std::string>& tag_keys) {
  question.absent.insert(question.absent.end(), tag_keys.begin(), tag_keys.end());
  // Each round takes away the tag keys the last counterexample needed; a handful of keys at most.
  for (int round = 0; round < 8; ++round) {
    eval::Answer answer = eval::find_allowed(set, question);
    if (!answer.allowed()) return answer;
    bool tagged = false;
    for (const auto& entry : answer.counterexamples.front().request.context.entries()) {
      if (!is_resource_tag(entry.key)) continue;
      question.absent.push_back(entry.key);
      tagged = true;
    }
    if (!tagged) return answer;
  }
  return {};
}

namespace {

// A pattern of only wildcards with at least one '*': it matches every string.
bool matches_all(std::string_view pattern) {
  return all_wildcards(pattern) && pattern.find('*') != std::string_view::npos;
}

// Every action: "*" or "*:*"; or a NotAction whose patterns leave every catalog action (it names
// only actions no service has).
bool every_action(const policy::Statement& st) {
  if (!st.actions_negated) {
    return std::any_of(st.actions.begin(), st.actions.end(), [](const policy::StringValue& a) {
      const size_t colon = a.text.find(':');
      if (colon == std::string_view::npos) return matches_all(a.text);
      return matches_all(a.text.substr(0, colon)) && matches_all(a.text.substr(colon + 1));
    });
  }
  const catalog::Catalog& cat = catalog::Catalog::builtin();
  return std::all_of(st.actions.begin(), st.actions.end(), [&](const policy::StringValue& a) {
    return cat.action(a.text) == nullptr && cat.match_actions(a.text).empty();
  });
}

// An Allow of every action on every resource with no condition.
bool allows_everything(const policy::Statement& st) {
  if (!st.is_allow() || !complete(st) || !st.conditions.empty() || st.condition != nullptr) return false;
  if (st.resources_negated) return false;
  const bool every_resource = std::any_of(st.resources.begin(), st.resources.end(),
                                          [](const policy::StringValue& r) { return matches_all(r.text); });
  return every_resource && every_action(st);
}

}  // namespace

bool unrestricted(const Subject& subject) {
  if (!subject.complete()) return false;
  bool identity = false;
  bool has_boundary = false;
  bool boundary = false;
  for (const principal::SubjectStatement& s : subject.statements()) {
    // Any Deny may take away exactly what the escalation gives (the role's s3:*, say).
    if (s.statement->is_deny()) return false;
    const bool all = allows_everything(*s.statement);
    if (s.boundary) {
      has_boundary = true;
      boundary = boundary || all;
    } else {
      identity = identity || all;
    }
  }
  return identity && (!has_boundary || boundary);
}

namespace {

bool weighty(catalog::AccessLevel level) {
  return level == catalog::AccessLevel::PermissionsManagement || level == catalog::AccessLevel::Write;
}

// A concrete resource for a request the role's statement allows: its first Resource with the
// wildcards filled in, or the action's example when the statement names "*".
std::optional<std::string> statement_resource(const policy::Statement& st, const catalog::Action& action,
                                              std::string_view account) {
  if (st.resources_negated || st.resources.empty()) return std::nullopt;
  const std::string_view r = st.resources.front().text;
  if (r == "*") return with_account(example_resource(action), account);
  auto out = concrete_arn(r, account, action.service, {});
  // Only a resource the request always names makes a fair example (CreateTrainingJob on its
  // training job, not on the optional training plan).
  const bool fits = std::any_of(action.resource_types.begin(), action.resource_types.end(), [&](const auto& ref) {
    return ref.required && ref.type != nullptr && out && arn::fits_format_by_field(*out, ref.type->arn_format);
  });
  if (!fits) return std::nullopt;
  return out;
}

}  // namespace

std::optional<std::string> privilege_beyond(const Subject& role, const eval::PolicySet& subject,
                                            std::string_view account) {
  const catalog::Catalog& cat = catalog::Catalog::builtin();
  const eval::PolicySet& role_set = *role.evaluator();
  size_t budget = 4000;
  // Two passes: permission-management and write actions say more than a read the subject lacks.
  for (int pass = 0; pass < 2; ++pass) {
    for (const policy::Policy* p : role.identity_policies()) {
      for (const auto& st : p->statements) {
        if (!st.is_allow() || st.actions_negated || !complete(st)) continue;
        for (const auto& a : st.actions) {
          std::vector<const catalog::Action*> actions;
          if (text::has_wildcard(a.text)) {
            actions = cat.match_actions(a.text);
          } else if (const catalog::Action* one = cat.action(a.text)) {
            actions.push_back(one);
          }
          for (const catalog::Action* action : actions) {
            if (weighty(action->level) != (pass == 0)) continue;
            if (budget == 0) return std::nullopt;
            --budget;
            const auto resource = statement_resource(st, *action, account);
            if (!resource) continue;
            eval::Request request;
            request.action = std::string(action->service) + ":" + std::string(action->name);
            request.resource = *resource;
            if (eval::decide(role_set, request) != eval::Decision::Allow) continue;
            if (eval::decide(subject, request) == eval::Decision::Allow) continue;
            return quote(request.action) + " on " + quote(request.resource);
          }
        }
      }
    }
  }
  return std::nullopt;
}

}  // namespace sagelint::rules
