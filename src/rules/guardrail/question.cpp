#include "rules/guardrail/question.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <sstream>

#include "lint/rule_meta.hpp"
#include "policy/policy.hpp"
#include "rules/support/counterexamples.hpp"
#include "rules/support/escalation.hpp"
#include "rules/support/example_resources.hpp"
#include "rules/support/messages.hpp"
#include "rules/support/prelude.hpp"
#include "text/text.hpp"

namespace sagelint::rules {

namespace {

using lint::GuardrailSpec;

std::string qualified(const catalog::Action& a) { return std::string(a.service) + ":" + std::string(a.name); }

std::string where(const GuardrailSpec& spec, const lint::SpecValue& v) {
  return spec.source + ":" + std::to_string(v.line) + ":" + std::to_string(v.column) + ": ";
}

bool is_pattern(std::string_view text) { return text.find_first_of("*?") != std::string_view::npos; }

// The service-specific keys of the question: a wildcard keeps the actions that carry them all.
std::vector<std::string> service_keys(const GuardrailSpec& spec, const catalog::Catalog& catalog) {
  std::vector<std::string> out;
  auto add = [&](const std::string& key) {
    const catalog::ConditionKey* k = catalog.condition_key(key);
    if (k != nullptr && !k->global) out.push_back(key);
  };
  for (const auto& c : spec.context) add(c.key.text);
  for (const auto& a : spec.absent) add(a.text);
  return out;
}

// Every key the question fixes or declares absent, for the request description and the Denies
// worth naming.
std::vector<std::string> question_keys(const GuardrailSpec& spec) {
  std::vector<std::string> out;
  for (const auto& c : spec.context) out.push_back(c.key.text);
  for (const auto& a : spec.absent) out.push_back(a.text);
  return out;
}

bool glob_any(const std::vector<lint::SpecValue>& globs, std::string_view text) {
  return std::any_of(globs.begin(), globs.end(),
                     [&](const lint::SpecValue& g) { return catalog::wildcard_match(g.text, text); });
}

bool has_managed(const principal::Principal& p, const std::vector<lint::SpecValue>& globs) {
  auto matches = [&](const principal::AttachedPolicy& a) {
    if (glob_any(globs, a.name)) return true;
    const size_t slash = a.name.rfind('/');
    return a.name.starts_with("arn:") && slash != std::string::npos && glob_any(globs, a.name.substr(slash + 1));
  };
  if (std::any_of(p.managed.begin(), p.managed.end(), matches)) return true;
  return std::any_of(p.groups.begin(), p.groups.end(), [&](const principal::Principal* g) {
    return std::any_of(g->managed.begin(), g->managed.end(), matches);
  });
}

bool selected(const GuardrailSpec& spec, const principal::Principal& p, const principal::Subjects& subjects) {
  if (p.kind == principal::PrincipalKind::Group) return false;  // its members are asked
  if (!spec.kinds.empty() && std::find(spec.kinds.begin(), spec.kinds.end(), p.kind) == spec.kinds.end()) {
    return false;
  }
  if (!spec.names.empty() && !glob_any(spec.names, p.name)) return false;
  if (glob_any(spec.exclude, p.name)) return false;
  if (!spec.trusts.empty()) {
    // The role's trust policy lets one of the services assume it.
    const principal::Subject& subject = subjects.of(p);
    if (std::none_of(spec.trusts.begin(), spec.trusts.end(),
                     [&](const lint::SpecValue& s) { return subject.trusted_by(s.text); })) {
      return false;
    }
  }
  return spec.managed.empty() || has_managed(p, spec.managed);
}

eval::Context fixed_context(const GuardrailSpec& spec) {
  eval::Context c;
  for (const auto& k : spec.context) c.set(k.key.text, k.values);
  return c;
}

std::string join_quoted(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + quote(i);
  return out;
}

// A Deny condition on `tested` was written for the question's `key`: the same key, or one name
// extending the other (sagemaker:VolumeKmsKey, renamed sagemaker:VolumeKmsKeyArn), so a Deny on
// the old name is shown as the one that did not stop the request.
bool related_key(std::string_view tested, std::string_view key) {
  const size_t n = std::min(tested.size(), key.size());
  return text::ci_equal(tested.substr(0, n), key.substr(0, n)) && tested.find(':') < n;
}

// The Denies that applied to the action but not to this request, limited to those that test a
// key of the question (the ones written to stop it); all of them when the question has no key.
std::string unmet_denies(const Subject& subject, const eval::Counterexample& cx, const std::vector<std::string>& keys) {
  std::string out;
  for (const auto& d : cx.unmet_denies) {
    const bool relevant = keys.empty() || std::any_of(d.conditions.begin(), d.conditions.end(), [&](const auto& c) {
                            return c.key != nullptr && std::any_of(keys.begin(), keys.end(), [&](const std::string& k) {
                                     return related_key(c.key->key, k);
                                   });
                          });
    if (!relevant) continue;
    out += describe_unmet_deny(subject, d);
  }
  return out;
}

std::string fill(std::string_view message, const std::map<std::string, std::string, std::less<>>& values) {
  std::string out;
  size_t i = 0;
  while (i < message.size()) {
    if (message[i] == '{') {
      const size_t close = message.find('}', i);
      if (close != std::string_view::npos) {
        auto it = values.find(message.substr(i + 1, close - i - 1));
        if (it != values.end()) {
          out += it->second;
          i = close + 1;
          continue;
        }
      }
    }
    out += message[i++];
  }
  return out;
}

constexpr std::string_view kDefaultDenyMessage =
    "{principal} can make a request this guardrail must deny: {request} is allowed by {allowed_by} and no Deny "
    "stops it{unmet_denies} (allowed: {actions})";
constexpr std::string_view kDefaultAllowMessage =
    "{principal} cannot make a request this guardrail requires: {request} is {decision} ({denied_by}); not allowed: "
    "{actions}";

class GuardrailQuestion final : public lint::PrincipalRule {
 public:
  void check_principals(lint::PrincipalContext& ctx) const override {
    const GuardrailSpec* spec = ctx.meta().guardrail.get();
    if (spec == nullptr) return;
    const std::vector<GuardrailAction> actions = guardrail_actions(*spec, catalog::Catalog::builtin());
    if (actions.empty()) return;
    const eval::Context fixed = fixed_context(*spec);
    const std::vector<std::string> keys = question_keys(*spec);
    std::vector<std::string> absent;
    for (const auto& a : spec->absent) absent.push_back(a.text);
    for (const auto& p : ctx.principals().principals()) {
      if (!selected(*spec, p, ctx.subjects())) continue;
      const Subject& subject = ctx.subjects().of(p);
      if (subject.evaluator() == nullptr) continue;  // a policy sagelint cannot see may hold the answer
      if (spec->expect == GuardrailSpec::Expect::Deny) {
        ask_deny(ctx, *spec, p, subject, actions, fixed, absent, keys);
      } else {
        ask_allow(ctx, *spec, p, subject, actions, fixed, absent, keys);
      }
    }
  }

 private:
  static eval::Question question(const GuardrailAction& a, const eval::Context& fixed,
                                 const std::vector<std::string>& absent) {
    eval::Question q;
    q.actions = {a.action};
    q.resources = a.resources;
    q.fixed = fixed;
    q.absent = absent;
    return q;
  }

  static void ask_deny(lint::PrincipalContext& ctx, const GuardrailSpec& spec, const principal::Principal& p,
                       const Subject& subject, const std::vector<GuardrailAction>& actions, const eval::Context& fixed,
                       const std::vector<std::string>& absent, const std::vector<std::string>& keys) {
    std::vector<std::string> allowed;
    std::optional<eval::Counterexample> first;
    const catalog::Catalog& cat = catalog::Catalog::builtin();
    for (const auto& a : actions) {
      eval::Question q = question(a, fixed, absent);
      // Without resources in the question, the subject's own accounts and Regions as well.
      const catalog::Action* action = spec.resources.empty() ? cat.action(a.action) : nullptr;
      if (action != nullptr) q.resources = subject_resources(subject, *action);
      eval::Answer answer = eval::find_allowed(*subject.evaluator(), q);
      if (!answer.allowed()) continue;
      allowed.push_back(a.action);
      if (!first) first = std::move(answer.counterexamples.front());
    }
    if (!first) return;
    const std::map<std::string, std::string, std::less<>> values = {
        {"principal", describe(p)},
        {"request", describe_request(first->request, keys)},
        {"action", quote(first->request.action)},
        {"actions", join_quoted(allowed)},
        {"resource", quote(first->request.resource)},
        {"allowed_by", describe_allows(subject, *first)},
        {"unmet_denies", unmet_denies(subject, *first, keys) + describe_void_denies(subject, first->request)},
    };
    ctx.report(p.definition, fill(spec.message.empty() ? kDefaultDenyMessage : spec.message, values));
    relate_counterexample(ctx, subject, *first);
  }

  static void ask_allow(lint::PrincipalContext& ctx, const GuardrailSpec& spec, const principal::Principal& p,
                        const Subject& subject, const std::vector<GuardrailAction>& actions, const eval::Context& fixed,
                        const std::vector<std::string>& absent, const std::vector<std::string>& keys) {
    std::vector<std::string> refused;
    std::optional<eval::Request> first;
    for (const auto& a : actions) {
      for (const auto& resource : a.resources) {
        GuardrailAction one{a.action, {resource}};
        if (eval::find_allowed(*subject.evaluator(), question(one, fixed, absent)).allowed()) continue;
        if (std::find(refused.begin(), refused.end(), a.action) == refused.end()) refused.push_back(a.action);
        if (!first) first = eval::Request{a.action, resource, fixed};
      }
    }
    if (!first) return;
    // Why the request with only the question's keys is refused: an explicit Deny, the
    // boundary, or no Allow at all.
    const eval::Result result = eval::evaluate(*subject.evaluator(), *first);
    std::string denied_by;
    for (const auto& d : result.denies)
      denied_by += (denied_by.empty() ? "the Deny " : ", the Deny ") + subject.describe(d);
    if (denied_by.empty()) {
      denied_by = result.denied_by_boundary ? "the permissions boundary does not allow it"
                  : result.decision == eval::Decision::Allow
                      ? "it is allowed only with condition keys the question fixes otherwise"
                      : "no statement allows it";
    }
    const std::map<std::string, std::string, std::less<>> values = {
        {"principal", describe(p)},
        {"request", describe_request(*first, keys)},
        {"action", quote(first->action)},
        {"actions", join_quoted(refused)},
        {"resource", quote(first->resource)},
        {"decision", result.decision == eval::Decision::ExplicitDeny ? "explicitly denied" : "implicitly denied"},
        {"denied_by", denied_by},
    };
    ctx.report(p.definition, fill(spec.message.empty() ? kDefaultAllowMessage : spec.message, values));
    for (const auto& d : result.denies) {
      if (const principal::Location where = subject.location(d); where.source != nullptr) {
        ctx.relate(where, "denies '" + first->action + "' on '" + first->resource + "'");
      }
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_guardrail_question() { return std::make_unique<GuardrailQuestion>(); }

std::vector<GuardrailAction> guardrail_actions(const GuardrailSpec& spec, const catalog::Catalog& catalog) {
  const std::vector<std::string> keys = service_keys(spec, catalog);
  std::vector<GuardrailAction> out;
  auto add = [&](std::string name, const catalog::Action* action) {
    for (const auto& o : out) {
      if (text::ci_equal(o.action, name)) return;
    }
    GuardrailAction a{std::move(name), {}};
    if (!spec.resources.empty()) {
      for (const auto& r : spec.resources) a.resources.push_back(r.text);
    } else {
      a.resources.push_back(action != nullptr ? example_resource(*action) : "*");
    }
    out.push_back(std::move(a));
  };
  for (const auto& written : spec.actions) {
    if (!is_pattern(written.text)) {
      const catalog::Action* a = catalog.action(written.text);
      add(a != nullptr ? qualified(*a) : written.text, a);
      continue;
    }
    for (const catalog::Action* a : catalog.match_actions(written.text)) {
      const bool carries =
          std::all_of(keys.begin(), keys.end(), [&](const std::string& k) { return catalog.action_lists_key(*a, k); });
      if (carries) add(qualified(*a), a);
    }
  }
  return out;
}

std::vector<std::string> check_guardrail(const GuardrailSpec& spec, const catalog::Catalog& catalog) {
  std::vector<std::string> out;
  auto check_key = [&](const lint::SpecValue& k) {
    if (catalog.condition_key(k.text) != nullptr) return;
    std::string msg = where(spec, k) + "unknown condition key '" + k.text + "'";
    const auto hints = catalog.suggest_condition_keys(k.text);
    if (!hints.empty()) msg += " (did you mean '" + std::string(hints.front().name) + "'?)";
    out.push_back(msg + ": no request carries it");
  };
  for (const auto& c : spec.context) check_key(c.key);
  for (const auto& a : spec.absent) check_key(a);
  const std::vector<std::string> keys = service_keys(spec, catalog);
  for (const auto& written : spec.actions) {
    if (is_pattern(written.text)) {
      GuardrailSpec one;
      one.context = spec.context;
      one.absent = spec.absent;
      one.actions = {written};
      if (guardrail_actions(one, catalog).empty()) {
        out.push_back(where(spec, written) + "'" + written.text + "' matches no action" +
                      (keys.empty() ? std::string() : " whose request can carry " + join_quoted(keys)));
      }
      continue;
    }
    const catalog::Action* a = catalog.action(written.text);
    if (a == nullptr) {
      const size_t colon = written.text.find(':');
      std::string msg = where(spec, written) + "unknown action '" + written.text + "'";
      const auto hints = catalog.suggest_actions(written.text.substr(0, colon), written.text.substr(colon + 1));
      if (!hints.empty()) {
        msg += " (did you mean '" + written.text.substr(0, colon) + ":" + std::string(hints.front().name) + "'?)";
      }
      out.push_back(msg);
      continue;
    }
    for (const auto& k : keys) {
      if (!catalog.action_lists_key(*a, k)) {
        out.push_back(where(spec, written) + "'" + qualified(*a) + "' does not list '" + k +
                      "': its requests never carry the key, so the question says nothing about it");
      }
    }
  }
  return out;
}

std::string guardrail_markdown(const lint::RuleMeta& meta) {
  const GuardrailSpec& spec = *meta.guardrail;
  std::ostringstream out;
  out << "## Question\n\nThis rule is data: its question is the `[guardrail]` table of `rules/" << meta.name
      << ".toml`, answered by the evaluator for every principal it selects (see "
      << "[user guardrails](../configuration.md#user-guardrails) to write your own).\n\n";
  auto list = [](const std::vector<lint::SpecValue>& values) {
    std::string s;
    for (const auto& v : values) s += (s.empty() ? "`" : ", `") + v.text + "`";
    return s;
  };
  out << "- **Principals**: ";
  std::string who =
      spec.kinds.size() == 1 ? std::string(principal::kind_name(spec.kinds.front())) + "s" : "roles and users";
  out << who;
  if (!spec.names.empty()) out << " named " << list(spec.names);
  if (!spec.exclude.empty()) out << ", except " << list(spec.exclude);
  if (!spec.trusts.empty()) out << ", trusting " << list(spec.trusts);
  if (!spec.managed.empty()) out << ", with managed policy " << list(spec.managed);
  out << " (groups are not asked: each member is, with the group's policies)\n";
  const auto actions = guardrail_actions(spec, catalog::Catalog::builtin());
  out << "- **Actions**: ";
  for (size_t i = 0; i < actions.size(); ++i) out << (i ? ", `" : "`") << actions[i].action << "`";
  out << "\n- **Resources**: "
      << (spec.resources.empty() ? "an example ARN of each action's resource type, then those the principal's own "
                                   "policies name for it (in their accounts and Regions)"
                                 : list(spec.resources))
      << "\n";
  out << "- **Request context**: ";
  std::string context;
  for (const auto& k : spec.context) {
    std::string values;
    for (const auto& v : k.values) values += (values.empty() ? "" : ", ") + v;
    context += (context.empty() ? "`" : "; `") + k.key.text + "` = `" +
               (k.values.size() == 1 ? values : "[" + values + "]") + "`";
  }
  if (!spec.absent.empty()) context += (context.empty() ? "" : "; ") + list(spec.absent) + " absent";
  out << (context.empty() ? "" : context + "; ")
      << "every other condition key the principal's policies test takes each value that changes the outcome\n";
  out << "- **Expected**: "
      << (spec.expect == GuardrailSpec::Expect::Deny ? "denied; a finding shows an allowed request"
                                                     : "allowed; a finding shows a request no context allows")
      << "\n";
  if (!meta.default_enabled) {
    out << "- **Enabled**: only when selected by id or name (`--select " << meta.id << "`, or `select = [\"ALL\", \""
        << meta.id << "\"]` in `.sagelint.toml`)\n";
  }
  out << "\n```toml\n" << spec.toml_text << "\n```\n\n";
  return out.str();
}

}  // namespace sagelint::rules
