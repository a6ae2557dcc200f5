// Bounded enumeration of request contexts for guardrail questions (see guardrail.hpp for the
// bound and what it covers).
#include "eval/guardrail.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>

#include "eval/compiled.hpp"
#include "text/text.hpp"

namespace sagelint::eval {

namespace {

using detail::Clause;
using detail::CompiledStatement;
using detail::Family;
using detail::Glob;

// nullopt: the key is absent from the request.
using Assignment = std::optional<std::vector<std::string>>;

struct Relevant {
  const CompiledStatement* st = nullptr;
  bool dynamic_resource = false;  // a Resource pattern holds a variable: decided per context
};

struct KeyInfo {
  std::string spelled;  // first spelling met in the policies
  std::vector<const Clause*> clauses;
  bool multivalued = false;
  bool mergeable = true;  // outcomes depend on this key alone, so equal-outcome values can merge
  bool is_variable = false;
};

constexpr std::string_view kNoneString = "sagelint-unmatched";
constexpr std::string_view kNoneArn = "arn:aws:sagelint:us-east-1:000000000000:unmatched/sagelint";

std::string format_number(double v) {
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string("0");
}

std::string instantiate(const Glob& g, std::string_view star) {
  std::string out;
  for (detail::GlobChar c : g) {
    if (c == detail::kStar) {
      out += star;
    } else if (c == detail::kQuestion) {
      out += 'x';
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string swap_case(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    } else if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return s;
}

detail::IpNet ip_step(detail::IpNet a, int delta) {
  const size_t n = a.v6 ? 16 : 4;
  for (size_t k = n; k-- > 0;) {
    const int v = a.bytes[k] + delta;
    a.bytes[k] = static_cast<uint8_t>(v & 0xFF);
    if (v >= 0 && v <= 0xFF) break;  // no carry or borrow left
  }
  return a;
}

void add_ip_candidates(const detail::IpNet& net, std::vector<std::string>& out) {
  detail::IpNet first = net;
  detail::IpNet last = net;
  const size_t n = net.v6 ? 16 : 4;
  int bits = net.prefix;
  for (size_t k = 0; k < n; ++k, bits -= 8) {
    const uint8_t mask = bits >= 8 ? 0xFF : bits <= 0 ? 0 : static_cast<uint8_t>(0xFF << (8 - bits));
    first.bytes[k] = net.bytes[k] & mask;
    last.bytes[k] = static_cast<uint8_t>(net.bytes[k] | ~mask);
  }
  out.push_back(detail::format_ip(first));
  out.push_back(detail::format_ip(last));
  out.push_back(detail::format_ip(ip_step(first, -1)));
  out.push_back(detail::format_ip(ip_step(last, +1)));
}

void add_candidates(const Clause& c, const Context& fixed, std::vector<std::string>& out) {
  Glob buffer;
  for (const auto& o : c.operands) {
    if (!o.valid) continue;
    switch (c.family) {
      case Family::String:
      case Family::StringIgnoreCase:
        if (detail::resolve(o.text, fixed, buffer)) {
          out.push_back(instantiate(buffer, ""));
          if (c.family == Family::StringIgnoreCase) out.push_back(swap_case(out.back()));
        }
        break;
      case Family::StringLike:
      case Family::Arn:
        if (detail::resolve(o.text, fixed, buffer)) {
          out.push_back(instantiate(buffer, ""));
          out.push_back(instantiate(buffer, "x"));
        }
        break;
      case Family::Numeric:
        out.push_back(format_number(o.number - 1));
        out.push_back(format_number(o.number));
        out.push_back(format_number(o.number + 1));
        break;
      case Family::Date:
        out.push_back(detail::format_date(o.date - 1000));
        out.push_back(detail::format_date(o.date));
        out.push_back(detail::format_date(o.date + 1000));
        break;
      case Family::Bool:
        out.emplace_back("true");
        out.emplace_back("false");
        break;
      case Family::Ip:
        add_ip_candidates(o.net, out);
        break;
      case Family::Binary:
        out.push_back(o.raw);
        break;
      case Family::Null:
      case Family::Unknown:
        break;
    }
  }
}

void add_unmatched_values(const KeyInfo& k, std::vector<std::string>& out) {
  bool any = false;
  for (const Clause* c : k.clauses) {
    switch (c->family) {
      case Family::String:
      case Family::StringIgnoreCase:
      case Family::StringLike:
      case Family::Binary:
        out.emplace_back(kNoneString);
        any = true;
        break;
      case Family::Arn:
        out.emplace_back(kNoneArn);
        any = true;
        break;
      case Family::Numeric:
        out.emplace_back("0");
        any = true;
        break;
      case Family::Date:
        out.emplace_back("1970-01-01T00:00:00Z");
        any = true;
        break;
      case Family::Bool:
        out.emplace_back("true");
        out.emplace_back("false");
        any = true;
        break;
      case Family::Ip:
        out.emplace_back("192.0.2.1");
        out.emplace_back("2001:db8::1");
        any = true;
        break;
      case Family::Null:
      case Family::Unknown:
        break;
    }
  }
  if (!any) out.emplace_back(kNoneString);
}

void unique_in_place(std::vector<std::string>& v) {
  std::vector<std::string> out;
  for (auto& s : v) {
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  }
  v = std::move(out);
}

std::vector<Assignment> build_domain(const KeyInfo& k, const Context& fixed) {
  std::vector<std::string> values;
  for (const Clause* c : k.clauses) add_candidates(*c, fixed, values);
  std::vector<std::string> unmatched;
  add_unmatched_values(k, unmatched);
  unique_in_place(unmatched);
  const std::string none = unmatched.front();
  values.insert(values.end(), unmatched.begin(), unmatched.end());
  unique_in_place(values);

  std::vector<Assignment> domain;
  domain.emplace_back(std::nullopt);
  if (k.multivalued) {
    domain.emplace_back(std::vector<std::string>{});
    for (const auto& v : values) domain.emplace_back(std::vector<std::string>{v});
    for (const auto& v : values) {
      if (v != none) domain.emplace_back(std::vector<std::string>{v, none});
    }
    if (values.size() > 2) domain.emplace_back(values);
  } else {
    for (const auto& v : values) domain.emplace_back(std::vector<std::string>{v});
  }
  if (!k.mergeable || k.clauses.empty()) return domain;

  // Merge values every condition on the key treats alike.
  std::vector<std::vector<bool>> seen;
  std::vector<Assignment> kept;
  Context probe;
  for (auto& a : domain) {
    probe.clear();
    if (a) probe.set(k.spelled, *a);
    std::vector<bool> signature;
    signature.reserve(k.clauses.size());
    for (const Clause* c : k.clauses) signature.push_back(detail::clause_holds(*c, probe));
    if (std::find(seen.begin(), seen.end(), signature) != seen.end()) continue;
    seen.push_back(std::move(signature));
    kept.push_back(std::move(a));
  }
  return kept;
}

std::vector<std::string> expand_actions(const catalog::Catalog& catalog, const std::vector<std::string>& patterns) {
  std::vector<std::string> out;
  for (const auto& p : patterns) {
    if (p.find_first_of("*?") == std::string::npos) {
      out.push_back(p);
      continue;
    }
    for (const catalog::Action* a : catalog.match_actions(p)) {
      out.push_back(std::string(a->service) + ":" + std::string(a->name));
    }
  }
  return out;
}

bool resource_has_variables(const CompiledStatement& st) {
  for (const auto& t : st.resources) {
    if (t.has_variables) return true;
  }
  return false;
}

class Search {
 public:
  Search(const PolicySet& set, const Question& q, const GuardrailOptions& options, Answer& answer)
      : set_(set), q_(q), options_(options), answer_(answer) {}

  // False once enough counterexamples are found.
  bool run(const std::string& action, const std::string& resource) {
    action_ = &action;
    resource_ = &resource;
    if (!collect_relevant()) return true;
    collect_keys();
    std::vector<std::vector<Assignment>> domains;
    std::vector<const KeyInfo*> infos;
    for (const auto& [lower, info] : keys_) {
      if (!is_free(lower)) continue;
      domains.push_back(build_domain(info, q_.fixed));
      infos.push_back(&info);
      if (std::find(answer_.free_keys.begin(), answer_.free_keys.end(), info.spelled) == answer_.free_keys.end()) {
        answer_.free_keys.push_back(info.spelled);
      }
    }
    std::vector<size_t> index(domains.size(), 0);
    for (size_t n = 0;; ++n) {
      if (n >= options_.max_contexts) {
        answer_.complete = false;
        return true;
      }
      Context context = q_.fixed;
      for (size_t k = 0; k < domains.size(); ++k) {
        if (const Assignment& a = domains[k][index[k]]) context.set(infos[k]->spelled, *a);
      }
      ++answer_.contexts;
      if (allowed(context)) {
        answer_.counterexamples.push_back(describe(std::move(context)));
        if (answer_.counterexamples.size() >= options_.max_counterexamples) return false;
      }
      size_t k = 0;
      for (; k < domains.size(); ++k) {
        if (++index[k] < domains[k].size()) break;
        index[k] = 0;
      }
      if (k == domains.size()) return true;
    }
  }

 private:
  bool collect_relevant() {
    relevant_.clear();
    const detail::ActionKey key = detail::action_key(*action_);
    bool identity_allow = false;
    bool boundary_allow = false;
    for (const auto& st : set_.compiled().statements) {
      if (!st.usable || !detail::matches_action(st, key)) continue;
      Relevant r{&st, resource_has_variables(st)};
      if (!r.dynamic_resource && !detail::matches_resource(st, *resource_, q_.fixed)) continue;
      relevant_.push_back(r);
      if (st.ref.effect == policy::Effect::Allow) (st.ref.boundary ? boundary_allow : identity_allow) = true;
    }
    // Without an Allow that can match, no context allows the request.
    return identity_allow && (!set_.has_boundary() || boundary_allow);
  }

  void collect_keys() {
    keys_.clear();
    auto info = [&](std::string_view lower, std::string_view spelled) -> KeyInfo& {
      auto [it, inserted] = keys_.try_emplace(std::string(lower));
      if (inserted) it->second.spelled = std::string(spelled);
      return it->second;
    };
    std::vector<std::string> vars;
    for (const Relevant& r : relevant_) {
      for (const auto& t : r.st->resources) {
        vars.clear();
        detail::template_variables(t, vars);
        for (const auto& v : vars) {
          KeyInfo& k = info(v, v);
          k.is_variable = true;
          k.mergeable = false;
        }
      }
      for (const Clause& c : r.st->clauses) {
        KeyInfo& k = info(c.key_lower, c.key);
        k.clauses.push_back(&c);
        k.multivalued = k.multivalued || c.key_multivalued || c.qualifier != policy::SetQualifier::None;
        if (c.has_variables) k.mergeable = false;
        for (const auto& o : c.operands) {
          vars.clear();
          detail::template_variables(o.text, vars);
          for (const auto& v : vars) {
            KeyInfo& vk = info(v, v);
            vk.is_variable = true;
            vk.mergeable = false;
          }
        }
      }
    }
  }

  bool is_free(const std::string& lower) const {
    if (q_.fixed.find_lower(lower) != nullptr) return false;
    for (const auto& a : q_.absent) {
      if (text::ci_equal(a, lower)) return false;
    }
    if (q_.free.empty()) return true;
    for (const auto& f : q_.free) {
      if (text::ci_equal(f, lower)) return true;
    }
    return false;
  }

  bool applies(const Relevant& r, const Context& context) const {
    if (r.dynamic_resource && !detail::matches_resource(*r.st, *resource_, context)) return false;
    return detail::conditions_hold(*r.st, context);
  }

  bool allowed(const Context& context) const {
    bool allow = false;
    bool boundary_allow = false;
    for (const Relevant& r : relevant_) {
      if (r.st->ref.effect == policy::Effect::Allow && (r.st->ref.boundary ? boundary_allow : allow)) continue;
      if (!applies(r, context)) continue;
      if (r.st->ref.effect == policy::Effect::Deny) return false;
      (r.st->ref.boundary ? boundary_allow : allow) = true;
    }
    return allow && (!set_.has_boundary() || boundary_allow);
  }

  Counterexample describe(Context context) const {
    Counterexample ce;
    for (const Relevant& r : relevant_) {
      if (r.dynamic_resource && !detail::matches_resource(*r.st, *resource_, context)) continue;
      if (r.st->ref.effect == policy::Effect::Allow) {
        if (detail::conditions_hold(*r.st, context)) ce.allowed_by.push_back(r.st->ref);
        continue;
      }
      UnmetDeny d;
      d.statement = r.st->ref;
      for (const Clause& c : r.st->clauses) {
        if (!detail::clause_holds(c, context)) d.conditions.push_back({c.op_member, c.key_member});
      }
      ce.unmet_denies.push_back(std::move(d));
    }
    ce.request.action = *action_;
    ce.request.resource = *resource_;
    ce.request.context = std::move(context);
    return ce;
  }

  const PolicySet& set_;
  const Question& q_;
  const GuardrailOptions& options_;
  Answer& answer_;
  const std::string* action_ = nullptr;
  const std::string* resource_ = nullptr;
  std::vector<Relevant> relevant_;
  std::map<std::string, KeyInfo> keys_;  // ordered: the enumeration order is deterministic
};

}  // namespace

Answer find_allowed(const PolicySet& set, const Question& question, const GuardrailOptions& options) {
  Answer answer;
  Search search(set, question, options, answer);
  for (const auto& action : expand_actions(*set.compiled().catalog, question.actions)) {
    for (const auto& resource : question.resources) {
      if (!search.run(action, resource)) return answer;
    }
  }
  return answer;
}

}  // namespace sagelint::eval
