#include "rules/support/api_calls.hpp"

#include <algorithm>

#include "principal/model.hpp"
#include "rules/support/actions.hpp"
#include "rules/support/arn_glob.hpp"
#include "rules/support/example_resources.hpp"
#include "rules/support/prelude.hpp"
#include "text/text.hpp"

namespace sagelint::rules::api {

namespace {

// Enough to cover a policy's distinct scopings of one action without making the evaluator
// ask about every ARN of a large policy.
constexpr size_t kMaxCandidates = 12;

// One ARN a Resource pattern matches. Wildcards take a value that reads as what the segment
// holds; the last wildcard of the resource part also spans `extra` more path levels, so that
// "app/*" can stand for an app ARN ("app/domain/user/type/name"). A policy variable
// (recognised where the evaluator recognises it: in the resource part of a 2012-10-17 policy)
// takes a fixed value the request context must then carry.
Candidate instantiate(std::string_view pattern, bool variables, int extra) {
  const std::vector<eval::PatternPart> parts = eval::resource_pattern_parts(pattern, variables);
  size_t last_star = parts.size();
  for (size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].kind == eval::PatternPart::Kind::Star) last_star = i;
  }
  Candidate c;
  size_t colons = 0;
  for (size_t i = 0; i < parts.size(); ++i) {
    const auto& piece = parts[i];
    switch (piece.kind) {
      case eval::PatternPart::Kind::Text:
        c.arn += piece.text;
        colons += static_cast<size_t>(std::count(piece.text.begin(), piece.text.end(), ':'));
        break;
      case eval::PatternPart::Kind::Star:
        c.arn += colons == 1 ? "aws" : colons == 3 ? "us-east-1" : colons == 4 ? "123456789012" : "sagelint-example";
        if (i == last_star && colons >= 5) {
          for (int k = 0; k < extra; ++k) c.arn += "/sagelint-example";
        }
        break;
      case eval::PatternPart::Kind::Question:
        c.arn += 'x';
        break;
      case eval::PatternPart::Kind::Variable:
        c.arn += "sagelint-value";
        c.bindings.set(piece.text, std::string("sagelint-value"));
        break;
    }
  }
  return c;
}

bool names_any(const policy::Statement& st, std::span<const std::string_view> actions) {
  return std::any_of(actions.begin(), actions.end(), [&](std::string_view a) { return names_action(st, a); });
}

bool is_2012(const policy::Policy& p) {
  return p.version != nullptr && p.version->value.is_string() && p.version->value.text == "2012-10-17";
}

}  // namespace

bool names_action(const policy::Statement& st, std::string_view qualified) {
  const size_t colon = qualified.find(':');
  const std::string_view service = qualified.substr(0, colon);
  const std::string_view name = qualified.substr(colon + 1);
  bool any = false;
  for (const auto& a : st.actions) {
    if (a.text == "*") {
      any = true;
      break;
    }
    // Runs on every action of every standalone policy (the pre-checks): a plain split, the
    // service compared first; malformed entries are malformed-action's business.
    const size_t c = a.text.find(':');
    if (c == std::string_view::npos || !text::ci_equal(a.text.substr(0, c), service)) continue;
    if (catalog::wildcard_match(a.text.substr(c + 1), name)) {
      any = true;
      break;
    }
  }
  return st.actions_negated ? !any : any;
}

bool any_statement_names(const policy::Policy& policy, policy::Effect effect,
                         std::span<const std::string_view> actions) {
  return std::any_of(policy.statements.begin(), policy.statements.end(),
                     [&](const policy::Statement& st) { return st.effect_value == effect && names_any(st, actions); });
}

std::vector<Candidate> candidate_resources(const std::vector<SubjectStatement>& statements,
                                           const catalog::Action& action, Scope scope,
                                           std::span<const std::string_view> naming) {
  std::vector<Candidate> out;
  const catalog::ResourceType* type = main_resource_type(action);
  const std::string glob = type != nullptr ? arn::format_as_pattern(type->arn_format) : std::string();
  auto push = [&](Candidate c) {
    if (out.size() >= kMaxCandidates) return;
    if (std::none_of(out.begin(), out.end(), [&](const Candidate& o) { return o.arn == c.arn; })) {
      out.push_back(std::move(c));
    }
  };
  // Granted: the ARNs a Deny exempts (NotResource) first, as the ones most likely left
  // allowed, then those the Allows name. Denied: the ARNs the Denies name.
  auto wanted = [&](const policy::Statement& st, bool exemptions) {
    if (!names_any(st, naming)) return false;
    if (scope == Scope::Denied) return !exemptions && st.is_deny() && !st.resources_negated;
    return exemptions ? st.is_deny() && st.resources_negated : st.is_allow() && !st.resources_negated;
  };
  for (const bool exemptions : {true, false}) {
    if (type == nullptr) break;
    for (const auto& s : statements) {
      const policy::Statement& st = *s.statement;
      if (!wanted(st, exemptions)) continue;
      for (const auto& r : st.resources) {
        if (r.text == "*") continue;
        bool typed = false;
        for (int extra = 0; extra <= 3 && !typed; ++extra) {
          Candidate c = instantiate(r.text, is_2012(*s.policy), extra);
          typed = catalog::wildcard_match(glob, c.arn);
          if (typed) push(std::move(c));
        }
        // Not an ARN of the type but a value the evaluator still compares as written: a
        // CloudFormation reference (!GetAtt Role.Arn, known at deploy time) or a placeholder
        // ("<execution-role-arn>", which unfilled-placeholder reports). Asking about it as
        // written reads the grant as its author meant it, instead of as a missing permission.
        const bool as_written = (r.node != nullptr && r.node->opaque) || r.text.substr(0, 4) != "arn:";
        if (!typed && as_written) push(instantiate(r.text, is_2012(*s.policy), 0));
      }
    }
  }
  push({example_resource(action), {}});
  return out;
}

std::optional<eval::Counterexample> first_allowed(const eval::PolicySet& set, std::string_view action,
                                                  const std::vector<Candidate>& candidates, const eval::Context& fixed,
                                                  const std::vector<std::string>& absent) {
  for (const auto& c : candidates) {
    eval::Question q;
    q.actions = {std::string(action)};
    q.resources = {c.arn};
    q.fixed = fixed;
    for (const auto& e : c.bindings.entries()) q.fixed.set(e.key, e.values);
    q.absent = absent;
    eval::Answer a = eval::find_allowed(set, q);
    if (a.allowed()) return std::move(a.counterexamples.front());
  }
  return std::nullopt;
}

std::string refusal(const Subject& subject, const eval::Request& request) {
  const std::vector<SubjectStatement>& statements = subject.statements();
  const bool any_allow = std::any_of(statements.begin(), statements.end(), [&](const SubjectStatement& s) {
    return !s.boundary && s.statement->is_allow() && names_action(*s.statement, request.action);
  });
  if (!any_allow) return "no statement allows " + quote(request.action);
  const eval::Result r = eval::evaluate(*subject.evaluator(), request);
  if (r.decision == eval::Decision::ExplicitDeny && !r.denies.empty()) {
    return "denied by " + subject.describe(r.denies.front());
  }
  if (r.denied_by_boundary) return "the permissions boundary does not allow it";
  return "no statement that allows " + quote(request.action) + " matches this request under any condition values";
}

}  // namespace sagelint::rules::api
