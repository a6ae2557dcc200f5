#include "rules/support/counterexamples.hpp"

#include <algorithm>

#include "catalog/catalog.hpp"
#include "rules/support/arn.hpp"
#include "rules/support/arn_glob.hpp"
#include "rules/support/messages.hpp"
#include "rules/support/prelude.hpp"
#include "text/text.hpp"

namespace sagelint::rules {

std::string describe_subject(const lint::AccessContext& ctx) {
  return ctx.principal() != nullptr ? describe(*ctx.principal()) : "this policy";
}

namespace {
// Not shortened like quote(): a counterexample is only useful in full.
std::string full(std::string_view text) { return "'" + std::string(text) + "'"; }
}  // namespace

std::string describe_request(const eval::Request& request, const std::vector<std::string>& shown) {
  std::string out = full(request.action) + " on " + full(request.resource);
  std::vector<std::string> parts;
  for (const auto& key : shown) {
    const auto* values = request.context.find(key);
    if (values == nullptr) {
      parts.push_back(key + " absent");
    } else if (values->size() == 1) {
      parts.push_back(key + "=" + full((*values)[0]));
    } else {
      std::string list;
      for (const auto& v : *values) list += (list.empty() ? "" : ", ") + v;
      parts.push_back(key + "=[" + list + "]");
    }
  }
  for (const auto& entry : request.context.entries()) {
    const bool listed =
        std::any_of(shown.begin(), shown.end(), [&](const std::string& k) { return text::ci_equal(k, entry.key); });
    if (listed) continue;
    std::string list;
    for (const auto& v : entry.values) list += (list.empty() ? "" : ", ") + v;
    parts.push_back(entry.key + "=" + (entry.values.size() == 1 ? full(list) : "[" + list + "]"));
  }
  if (!parts.empty()) {
    out += " with ";
    for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  }
  return out;
}

std::string describe_allows(const Subject& subject, const eval::Counterexample& cx) {
  std::string out;
  for (const auto& s : cx.allowed_by) {
    if (!s.boundary) out += (out.empty() ? "" : ", ") + subject.describe(s);
  }
  return out;
}

const input::JsonNode* allow_anchor(const eval::Counterexample& cx) {
  for (const auto& s : cx.allowed_by) {
    if (!s.boundary) return s.node;
  }
  return nullptr;
}

namespace {
std::string allows_message(const eval::Counterexample& cx) {
  return "allows " + full(cx.request.action) + " on " + full(cx.request.resource);
}
}  // namespace

void relate_counterexample(lint::PrincipalContext& ctx, const Subject& subject, const eval::Counterexample& cx) {
  for (const auto& s : cx.allowed_by) {
    if (s.boundary) continue;
    if (const principal::Location where = subject.location(s); where.source != nullptr) {
      ctx.relate(where, allows_message(cx));
    }
  }
}

void relate_counterexample(lint::AccessContext& ctx, const eval::Counterexample& cx) {
  for (const auto& s : cx.allowed_by) {
    if (!s.boundary) ctx.relate(s, allows_message(cx));
  }
}

std::string describe_unmet_deny(const Subject& subject, const eval::UnmetDeny& deny) {
  std::string keys;
  for (const auto& c : deny.conditions) {
    if (c.key == nullptr || c.op == nullptr) continue;
    keys += (keys.empty() ? "" : ", ") + quote(c.op->key + " " + c.key->key);
  }
  std::string out = "; the Deny " + subject.describe(deny.statement) + " did not apply";
  if (!keys.empty()) out += " (condition " + keys + " not met)";
  return out;
}

std::string describe_unmet(const Subject& subject, const eval::Counterexample& cx, std::string_view key) {
  std::string out;
  for (const auto& d : cx.unmet_denies) {
    if (!key.empty() && std::none_of(d.conditions.begin(), d.conditions.end(), [&](const eval::UnmetCondition& c) {
          return c.key != nullptr && text::ci_equal(c.key->key, key);
        })) {
      continue;
    }
    out += describe_unmet_deny(subject, d);
  }
  return out + describe_void_denies(subject, cx.request);
}

namespace {

// Does the pattern `outer` match every string the pattern `inner` matches? Sound, not complete:
// a '*' of `inner` is covered only by a '*' of `outer`, a '?' of `inner` by a '?' or '*'.
bool pattern_covers(std::string_view outer, std::string_view inner) {
  const size_t n = outer.size();
  const size_t m = inner.size();
  // reach[j]: outer[0, i) can cover inner[0, j) (rolled over i).
  std::vector<char> reach(m + 1, 0);
  reach[0] = 1;
  for (size_t i = 0; i < n; ++i) {
    std::vector<char> next(m + 1, 0);
    const char o = outer[i];
    for (size_t j = 0; j <= m; ++j) {
      if (o == '*') {
        // '*' takes any run of inner, wildcards included.
        if (reach[j] || (j > 0 && next[j - 1])) next[j] = 1;
      } else if (j > 0 && reach[j - 1]) {
        const char c = inner[j - 1];
        next[j] = o == '?' ? c != '*' : (c != '*' && c != '?' && c == o);
      }
    }
    reach = std::move(next);
  }
  return reach[m] != 0;
}

bool action_named(const policy::Statement& st, std::string_view action) {
  const bool named = std::any_of(st.actions.begin(), st.actions.end(),
                                 [&](const policy::StringValue& a) { return catalog::wildcard_match(a.text, action); });
  return named != st.actions_negated;
}

}  // namespace

std::string describe_void_denies(const Subject& subject, const eval::Request& request) {
  const catalog::Catalog& cat = catalog::Catalog::builtin();
  const catalog::Action* action = cat.action(request.action);
  if (action == nullptr || request.resource == "*") return {};
  const arn::Parts resource = arn::split(request.resource);
  if (resource.count != arn::kFieldCount) return {};
  // The resource type of the request's resource.
  const catalog::ResourceType* type = nullptr;
  for (const auto& ref : action->resource_types) {
    if (ref.type != nullptr && !ref.type->arn_format.empty() &&
        arn::fits_format_by_field(request.resource, ref.type->arn_format)) {
      type = ref.type;
      break;
    }
  }
  if (type == nullptr) return {};
  const std::string every = arn::format_as_pattern(type->arn_format, resource.field[arn::kPartition]);
  std::string out;
  for (const principal::SubjectStatement& s : subject.statements()) {
    const policy::Statement& st = *s.statement;
    if (!st.is_deny() || (st.action == nullptr && st.not_action == nullptr) ||
        (st.resource == nullptr && st.not_resource == nullptr) || !action_named(st, request.action)) {
      continue;
    }
    std::string why;
    if (st.resources_negated) {
      for (const auto& r : st.resources) {
        if (arn::has_variable(r.text) || !pattern_covers(r.text, every)) continue;
        why = "its NotResource " + quote(r.text) + " covers every " + std::string(type->name);
        break;
      }
    } else if (!st.resources.empty() && std::none_of(st.resources.begin(), st.resources.end(), [&](const auto& r) {
                 return r.text == "*" || arn::has_variable(r.text) ||
                        arn::fits_format_by_field(r.text, type->arn_format);
               })) {
      why = "its Resource names no " + std::string(type->name);
    }
    if (why.empty()) continue;
    std::string policy_name;
    for (const auto& p : subject.policies()) {
      if (p.policy == s.policy && p.boundary == s.boundary) policy_name = p.name;
    }
    eval::StatementRef ref;
    ref.policy = policy_name;
    ref.boundary = s.boundary;
    ref.index = st.index;
    ref.sid = st.sid_text();
    ref.node = st.node;
    ref.effect = policy::Effect::Deny;
    out += "; the Deny " + subject.describe(ref) + " never applies to " + quote(request.action) + " (" + why +
           "), so it is no guardrail";
  }
  return out;
}

}  // namespace sagelint::rules
