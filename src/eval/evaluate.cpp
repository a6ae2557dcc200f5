// Request evaluation. Each rule cites the IAM User Guide page it comes from.
#include <algorithm>

#include "eval/compiled.hpp"
#include "text/text.hpp"

namespace sagelint::eval {

std::string_view to_string(Decision decision) {
  switch (decision) {
    case Decision::Allow:
      return "Allow";
    case Decision::ExplicitDeny:
      return "ExplicitDeny";
    case Decision::ImplicitDeny:
      return "ImplicitDeny";
  }
  return "ImplicitDeny";
}

// ---- Context -------------------------------------------------------------------------------

namespace {

auto lower_bound_key(std::vector<Context::Entry>& entries, std::string_view lower) {
  return std::lower_bound(entries.begin(), entries.end(), lower,
                          [](const Context::Entry& e, std::string_view k) { return e.lower < k; });
}

}  // namespace

void Context::set(std::string_view key, std::string value) {
  std::vector<std::string> values;
  values.push_back(std::move(value));
  set(key, std::move(values));
}

void Context::set(std::string_view key, std::vector<std::string> values) {
  std::string lower = text::lower(key);
  auto it = lower_bound_key(entries_, lower);
  if (it != entries_.end() && it->lower == lower) {
    it->key = std::string(key);
    it->values = std::move(values);
    return;
  }
  entries_.insert(it, Entry{std::move(lower), std::string(key), std::move(values)});
}

void Context::erase(std::string_view key) {
  const std::string lower = text::lower(key);
  auto it = lower_bound_key(entries_, lower);
  if (it != entries_.end() && it->lower == lower) entries_.erase(it);
}

const std::vector<std::string>* Context::find(std::string_view key) const { return find_lower(text::lower(key)); }

const std::vector<std::string>* Context::find_lower(std::string_view lower_key) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), lower_key,
                             [](const Entry& e, std::string_view k) { return e.lower < k; });
  if (it != entries_.end() && it->lower == lower_key) return &it->values;
  return nullptr;
}

namespace detail {

// ---- Action and Resource -------------------------------------------------------------------

ActionKey action_key(std::string_view action) {
  ActionKey k;
  const size_t colon = action.find(':');
  if (colon == std::string_view::npos) {
    k.service = text::lower(action);
  } else {
    k.service = text::lower(action.substr(0, colon));
    k.name = text::lower(action.substr(colon + 1));
  }
  return k;
}

namespace {

// Action names are case-insensitive (reference_policies_elements_action.html); both sides are
// folded when compiled, so the comparison itself is exact.
bool action_pattern_matches(const ActionPattern& p, const ActionKey& a) {
  if (p.all) return true;
  if (p.never) return false;
  return p.service == a.service && glob_match(p.name, a.name, false);
}

const Glob* pattern_of(const Template& t, const Context& context, Glob& buffer) {
  if (!t.has_variables) return &t.flat;
  return resolve(t, context, buffer) ? &buffer : nullptr;
}

}  // namespace

bool matches_action(const CompiledStatement& st, const ActionKey& action) {
  bool any = false;
  for (const auto& p : st.actions) {
    if (action_pattern_matches(p, action)) {
      any = true;
      break;
    }
  }
  return st.actions_negated ? !any : any;
}

bool matches_resource(const CompiledStatement& st, std::string_view resource, const Context& context) {
  Glob buffer;
  if (!st.resources_negated) {
    for (const auto& t : st.resources) {
      const Glob* p = pattern_of(t, context, buffer);
      if (p != nullptr && arn_match(*p, resource)) return true;
    }
    return false;
  }
  // NotResource: the statement applies when no listed pattern covers the resource. A pattern
  // whose variable cannot be resolved is a problem only if its value could matter: a pattern that
  // cannot match whatever the variable holds (another service, account or resource type) does
  // not cover the resource. Otherwise "if AWS cannot resolve a variable, this might cause the
  // entire statement to be invalid" (reference_policies_variables.html): it does not apply.
  for (const auto& t : st.resources) {
    const Glob* p = pattern_of(t, context, buffer);
    if (p != nullptr) {
      if (arn_match(*p, resource)) return false;
      continue;
    }
    resolve_widened(t, context, buffer);
    if (arn_match(buffer, resource)) return false;
  }
  return true;
}

// ---- Conditions ----------------------------------------------------------------------------

namespace {

enum class Tri : uint8_t { False, True, Invalid };

struct RequestValue {
  bool ok = true;
  double number = 0;
  int64_t date = 0;
  IpNet ip;
  bool boolean = false;
};

RequestValue parse_request_value(Family family, std::string_view v) {
  RequestValue rv;
  switch (family) {
    case Family::Numeric: {
      const auto n = parse_number(v);
      rv.ok = n.has_value();
      rv.number = n.value_or(0);
      break;
    }
    case Family::Date: {
      const auto d = parse_date(v);
      rv.ok = d.has_value();
      rv.date = d.value_or(0);
      break;
    }
    case Family::Ip: {
      const auto ip = parse_ip(v, false);
      rv.ok = ip.has_value();
      if (ip) rv.ip = *ip;
      break;
    }
    case Family::Bool: {
      const auto b = parse_bool(v);
      rv.ok = b.has_value();
      rv.boolean = b.value_or(false);
      break;
    }
    case Family::Arn:
      rv.ok = std::count(v.begin(), v.end(), ':') >= 5;
      break;
    default:
      break;
  }
  return rv;
}

template <typename T>
bool ordered(Compare c, T request, T policy) {
  switch (c) {
    case Compare::Equal:
      return request == policy;
    case Compare::Less:
      return request < policy;
    case Compare::LessEqual:
      return request <= policy;
    case Compare::Greater:
      return request > policy;
    case Compare::GreaterEqual:
      return request >= policy;
  }
  return false;
}

// One policy value against one request value, before negation. Invalid: the two cannot be
// compared (unparseable value, or a variable without a value that could decide the outcome);
// that never counts as a match, for the negated operators neither ("any attempt to match it
// fails", reference_policies_variables.html). A value whose unresolvable variable cannot change
// the outcome (the rest of it already differs) compares as unequal.
Tri compare_one(const Clause& c, const Operand& o, std::string_view v, const RequestValue& rv, const Context& context,
                Glob& buffer) {
  if (!o.valid || !rv.ok) return Tri::Invalid;
  auto tri = [](bool b) { return b ? Tri::True : Tri::False; };
  auto text_match = [&](const Glob& p) {
    return c.family == Family::Arn ? arn_match(p, v) : glob_match(p, v, c.family == Family::StringIgnoreCase);
  };
  switch (c.family) {
    case Family::String:
    case Family::StringLike:
    case Family::StringIgnoreCase:
    case Family::Arn: {
      if (const Glob* p = pattern_of(o.text, context, buffer)) return tri(text_match(*p));
      resolve_widened(o.text, context, buffer);
      return text_match(buffer) ? Tri::Invalid : Tri::False;
    }
    case Family::Bool: {
      bool want = o.boolean;
      if (o.text.has_variables) {
        const Glob* p = pattern_of(o.text, context, buffer);
        if (p == nullptr) return Tri::Invalid;
        const auto b = parse_bool(glob_text(*p));
        if (!b) return Tri::Invalid;
        want = *b;
      }
      return tri(rv.boolean == want);
    }
    case Family::Numeric:
      return tri(ordered(c.compare, rv.number, o.number));
    case Family::Date:
      return tri(ordered(c.compare, rv.date, o.date));
    case Family::Ip:
      return tri(ip_in(o.net, rv.ip));
    case Family::Binary:
      return tri(o.raw == v);
    case Family::Null:
    case Family::Unknown:
      return Tri::Invalid;
  }
  return Tri::Invalid;
}

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
// Several values for one key are ORed; for a negated operator they are NORed.
bool value_holds(const Clause& c, std::string_view v, const Context& context, Glob& buffer) {
  const RequestValue rv = parse_request_value(c.family, v);
  if (!c.negated) {
    for (const auto& o : c.operands) {
      if (compare_one(c, o, v, rv, context, buffer) == Tri::True) return true;
    }
    return false;
  }
  for (const auto& o : c.operands) {
    if (compare_one(c, o, v, rv, context, buffer) != Tri::False) return false;
  }
  return true;
}

}  // namespace

bool clause_holds(const Clause& c, const Context& context) {
  const std::vector<std::string>* values = context.find_lower(c.key_lower);
  if (c.family == Family::Null) {
    // "Null": true means the key is absent, false that it is present (condition operators page,
    // "Condition operator to check existence of condition keys").
    const bool absent = values == nullptr;
    for (const auto& o : c.operands) {
      if (o.valid && o.boolean == absent) return true;
    }
    return false;
  }
  if (c.family == Family::Unknown) return false;
  Glob buffer;
  switch (c.qualifier) {
    case policy::SetQualifier::ForAnyValue:
      // reference_policies_condition-single-vs-multi-valued-context-keys.html: ForAnyValue is false
      // for a missing key or an empty set, IfExists or not.
      if (values == nullptr) return false;
      for (const auto& v : *values) {
        if (value_holds(c, v, context, buffer)) return true;
      }
      return false;
    case policy::SetQualifier::ForAllValues:
      // Same page: ForAllValues is true when the key is missing or its set is empty.
      if (values == nullptr) return true;
      for (const auto& v : *values) {
        if (!value_holds(c, v, context, buffer)) return false;
      }
      return true;
    case policy::SetQualifier::None:
      break;
  }
  if (values == nullptr) {
    // Condition operators page, "Important": a missing key makes the condition false, except that
    // a negated operator (StringNotLike, ArnNotLike ...) is then true, and ...IfExists is true.
    return c.if_exists || c.negated;
  }
  // A multivalued key needs a set operator: without one the comparison does not match, even for
  // a request carrying a single value (single-vs-multi-valued page: "Multivalued context keys
  // require a condition set operator").
  if (c.key_multivalued || values->size() != 1) return false;
  return value_holds(c, (*values)[0], context, buffer);
}

bool conditions_hold(const CompiledStatement& st, const Context& context) {
  // Operators are ANDed and so are the keys under one operator.
  for (const auto& c : st.clauses) {
    if (!clause_holds(c, context)) return false;
  }
  return true;
}

}  // namespace detail

// ---- Decision ------------------------------------------------------------------------------

namespace {

template <typename OnMatch>
void walk(const detail::Compiled& c, const Request& request, OnMatch&& on_match) {
  const detail::ActionKey action = detail::action_key(request.action);
  for (const auto& st : c.statements) {
    if (!st.usable || !detail::matches_action(st, action)) continue;
    if (!detail::matches_resource(st, request.resource, request.context)) continue;
    if (!detail::conditions_hold(st, request.context)) continue;
    if (!on_match(st)) return;
  }
}

}  // namespace

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html:
// an explicit Deny in any policy wins; otherwise the identity policies must allow and, when a
// permissions boundary is set, the boundary must allow too.
Result evaluate(const PolicySet& set, const Request& request) {
  Result r;
  r.has_boundary = set.has_boundary();
  walk(set.compiled(), request, [&](const detail::CompiledStatement& st) {
    if (st.ref.effect == policy::Effect::Deny) {
      r.denies.push_back(st.ref);
    } else if (st.ref.boundary) {
      r.boundary_allows.push_back(st.ref);
    } else {
      r.allows.push_back(st.ref);
    }
    return true;
  });
  if (!r.denies.empty()) {
    r.decision = Decision::ExplicitDeny;
  } else if (!r.allows.empty() && (!r.has_boundary || !r.boundary_allows.empty())) {
    r.decision = Decision::Allow;
  } else {
    r.decision = Decision::ImplicitDeny;
    r.denied_by_boundary = !r.allows.empty();
  }
  return r;
}

Decision decide(const PolicySet& set, const Request& request) {
  bool deny = false;
  bool allow = false;
  bool boundary_allow = false;
  walk(set.compiled(), request, [&](const detail::CompiledStatement& st) {
    if (st.ref.effect == policy::Effect::Deny) {
      deny = true;
      return false;
    }
    (st.ref.boundary ? boundary_allow : allow) = true;
    return true;
  });
  if (deny) return Decision::ExplicitDeny;
  if (allow && (!set.has_boundary() || boundary_allow)) return Decision::Allow;
  return Decision::ImplicitDeny;
}

}  // namespace sagelint::eval
