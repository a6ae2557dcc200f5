#include "principal/subject.hpp"

#include <algorithm>
#include <filesystem>

#include "catalog/catalog.hpp"
#include "text/text.hpp"

namespace sagelint::principal {

namespace {

// IAM ignores a statement without an action or resource element.
bool complete_statement(const policy::Statement& st) {
  return (st.action != nullptr || st.not_action != nullptr) && (st.resource != nullptr || st.not_resource != nullptr);
}

// Do the statement's Action (or NotAction) patterns match `action`? Negation is the caller's.
bool lists_action(const policy::Statement& st, std::string_view action) {
  return std::any_of(st.actions.begin(), st.actions.end(),
                     [&](const policy::StringValue& a) { return catalog::wildcard_match(a.text, action); });
}

bool is_resource_tag(std::string_view key) {
  return text::ci_starts_with(key, "aws:resourcetag/") || text::ci_starts_with(key, "sagemaker:resourcetag/");
}

// Policy files named in the manifest are loaded by absolute path; relative to the working
// directory (where findings' paths start) the message reads the same on every machine.
std::string display_path(const std::string& path) {
  const std::filesystem::path p(path);
  if (!p.is_absolute()) return path;
  std::error_code ec;
  const std::filesystem::path cwd = std::filesystem::current_path(ec);
  if (ec) return path;
  const std::filesystem::path rel = p.lexically_relative(cwd);
  return rel.empty() ? path : rel.generic_string();
}

// Does the statement's Principal take in `service` ("*" or Service: the service)?
bool names_service(const policy::Statement& st, std::string_view service) {
  return std::any_of(st.principals.begin(), st.principals.end(), [&](const policy::Principal& p) {
    return p.type == "*" || (p.type == "Service" && text::ci_equal(p.value.text, service));
  });
}

size_t characters(std::string_view text) {
  size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::string quote(std::string_view text) {
  constexpr size_t kMax = 80;
  std::string out;
  out.reserve(std::min(text.size(), kMax) + 64);
  out += '\'';
  if (text.size() <= kMax) {
    out.append(text);
    out += '\'';
    return out;
  }
  size_t cut = kMax;
  // Do not cut inside a UTF-8 sequence.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  // Says that it is cut, and how much is left out: "..." alone could be part of the value.
  out.append(text.substr(0, cut));
  out += "...' (truncated: ";
  out += std::to_string(characters(text.substr(0, cut)));
  out += " of ";
  out += std::to_string(characters(text));
  out += " characters)";
  return out;
}

bool statement_may_grant(const policy::Statement& st, std::string_view action) {
  if (!st.is_allow() || !complete_statement(st)) return false;
  return st.actions_negated ? !lists_action(st, action) : lists_action(st, action);
}

bool trust_admits(const policy::Policy& trust, std::string_view service) {
  constexpr std::string_view kAssume = "sts:AssumeRole";
  bool allowed = false;
  for (const auto& st : trust.statements) {
    // NotPrincipal with Allow is not supported in trust policies; with Deny it spares principals,
    // and which ones a service acts as is not something to guess: only Principal counts.
    if (st.principals_negated || !names_service(st, service)) continue;
    const bool covers = st.actions_negated ? !lists_action(st, kAssume) : lists_action(st, kAssume);
    if (!covers) continue;
    if (st.is_deny() && st.conditions.empty()) return false;
    if (st.is_allow()) allowed = true;
  }
  return allowed;
}

Subject::Subject(const input::Document& document, const policy::Policy& policy) : standalone_(true) {
  policies_.push_back({"this policy", &document, &policy, false, false});
  identity_.push_back(&policy);
  for (const auto& st : policy.statements) statements_.push_back({&policy, &st, false});
}

const eval::PolicySet* Subject::evaluator() const {
  if (!complete_) return nullptr;
  if (!compiled_) {
    compiled_ = true;
    evaluator_ = std::make_unique<eval::PolicySet>();
    for (const Policy& p : policies_) {
      if (p.boundary) {
        evaluator_->add_boundary(p.name, *p.policy);
      } else {
        evaluator_->add_identity(p.name, *p.policy);
      }
    }
  }
  return evaluator_.get();
}

std::string Subject::describe(const eval::StatementRef& ref) const {
  std::string out = ref.sid.empty() ? "statement " + std::to_string(ref.index) : "statement " + quote(ref.sid);
  if (standalone_) {
    const input::Document* doc = policies_.front().document;
    if (ref.node != nullptr && doc->source != nullptr) {
      out += " (line " + std::to_string(doc->source->position(ref.node->begin).line) + ")";
    }
    return out;
  }
  out += " of " + std::string(ref.policy);
  for (const Policy& p : policies_) {
    if (p.name != ref.policy) continue;
    // A bundled AWS managed policy has no line the user can open.
    if (!p.aws && p.document->source != nullptr && ref.node != nullptr) {
      const auto pos = p.document->source->position(ref.node->begin);
      out += " (" + display_path(p.document->source->path()) + ":" + std::to_string(pos.line) + ")";
    }
    break;
  }
  return out;
}

Location Subject::location(const eval::StatementRef& ref) const {
  Location out;
  if (ref.node == nullptr) return out;
  for (const Policy& p : policies_) {
    if (!standalone_ && p.name != ref.policy) continue;
    if (p.aws || p.document == nullptr || p.document->source == nullptr) break;
    out.source = p.document->source;
    out.begin = ref.node->begin;
    out.end = std::max(ref.node->end, ref.node->begin);
    out.pointer = ref.node->pointer();
    break;
  }
  return out;
}

bool Subject::may_grant(std::string_view action) const {
  for (const policy::Policy* p : identity_) {
    for (const auto& st : p->statements) {
      if (statement_may_grant(st, action)) return true;
    }
  }
  return false;
}

std::vector<std::string_view> Subject::patterns_for(std::string_view action) const {
  std::vector<std::string_view> out;
  for (const policy::Policy* p : identity_) {
    for (const auto& st : p->statements) {
      const bool allow = statement_may_grant(st, action) && !st.resources_negated;
      const bool spared = st.is_deny() && complete_statement(st) && !st.actions_negated && lists_action(st, action) &&
                          st.resources_negated;
      if (!allow && !spared) continue;
      for (const auto& r : st.resources) out.push_back(r.text);
    }
  }
  return out;
}

bool Subject::reads_key(std::string_view key) const {
  const std::string wanted = text::lower(key);
  const std::string variable = "${" + wanted;
  auto mentions = [&](std::string_view text) { return text::lower(text).find(variable) != std::string::npos; };
  for (const policy::Policy* p : identity_) {
    for (const auto& st : p->statements) {
      for (const auto& c : st.conditions) {
        if (text::ci_equal(c.key, wanted)) return true;
        for (const input::JsonNode* v : c.values) {
          if (v->is_string() && mentions(v->text)) return true;
        }
      }
      for (const auto& r : st.resources) {
        if (mentions(r.text)) return true;
      }
    }
  }
  return false;
}

std::vector<std::string_view> Subject::condition_values(std::string_view key) const {
  std::vector<std::string_view> out;
  for (const policy::Policy* p : identity_) {
    for (const auto& st : p->statements) {
      for (const auto& c : st.conditions) {
        if (!text::ci_equal(c.key, key)) continue;
        for (const input::JsonNode* v : c.values) {
          if (v->is_string()) out.push_back(v->text);
        }
      }
    }
  }
  return out;
}

std::vector<std::string> Subject::resource_tag_keys() const {
  std::vector<std::string> out;
  for (const policy::Policy* p : identity_) {
    for (const auto& st : p->statements) {
      for (const auto& c : st.conditions) {
        if (is_resource_tag(c.key) && std::find(out.begin(), out.end(), c.key) == out.end()) out.emplace_back(c.key);
      }
    }
  }
  return out;
}

std::vector<std::string> Subject::keys_with_prefix(std::string_view prefix) const {
  std::vector<std::string> out;
  for (const auto& s : statements_) {
    for (const auto& clause : s.statement->conditions) {
      if (!text::ci_starts_with(clause.key, prefix)) continue;
      const bool seen =
          std::any_of(out.begin(), out.end(), [&](const std::string& k) { return text::ci_equal(k, clause.key); });
      if (!seen) out.emplace_back(clause.key);
    }
  }
  return out;
}

bool Subject::trusted_by(std::string_view service) const { return trust_ != nullptr && trust_admits(*trust_, service); }

const policy::Policy& Subjects::typed(const input::Document& document, input::KindHint hint) const {
  auto& slot = typed_[Key{&document, hint}];
  if (!slot) slot = std::make_unique<policy::Policy>(policy::build_policy(*document.root, hint));
  return *slot;
}

const Subject& Subjects::of(const Principal& p) const {
  auto& slot = subjects_[&p];
  if (slot) return *slot;
  slot.reset(new Subject());
  Subject& s = *slot;
  s.principal_ = &p;
  s.complete_ = !p.managed_list_opaque && p.unresolved_groups.empty();
  auto add = [&](const AttachedPolicy& a, bool boundary, const std::string& prefix) {
    if (a.document == nullptr || a.document->root == nullptr) {
      s.complete_ = false;
      return;
    }
    const bool aws = a.kind == PolicyKind::AwsManaged;
    const policy::Policy& typed_policy = typed(*a.document, input::KindHint::Identity);
    s.policies_.push_back(
        {prefix + (aws ? "AWS managed " : "") + quote(a.name), a.document, &typed_policy, boundary, aws});
    if (!boundary) s.identity_.push_back(&typed_policy);
    for (const auto& st : typed_policy.statements) s.statements_.push_back({&typed_policy, &st, boundary});
  };
  auto add_owner = [&](const Principal& owner, const std::string& prefix) {
    for (const auto& a : owner.inline_policies) add(a, false, prefix);
    for (const auto& a : owner.managed) add(a, false, prefix);
    if (owner.managed_list_opaque) s.complete_ = false;
  };
  add_owner(p, "");
  for (const Principal* g : p.groups) add_owner(*g, "group `" + g->name + "` ");
  if (p.boundary) add(*p.boundary, true, "boundary ");
  if (p.kind == PrincipalKind::Role && p.trust != nullptr && p.trust->root != nullptr) {
    s.trust_ = &typed(*p.trust, input::KindHint::Trust);
  }
  return s;
}

std::vector<const Principal*> Subjects::trusting_roles(const std::string& scope, std::string_view service,
                                                       const std::vector<std::string_view>* name_prefixes) const {
  auto [it, fresh] = trusting_.try_emplace(std::string(service));
  auto& by_file = it->second;
  if (fresh) {
    size_t order = 0;
    for (const Principal& p : principals_->principals()) {
      ++order;
      if (p.kind != PrincipalKind::Role || !of(p).trusted_by(service)) continue;
      by_file[p.scope].push_back({p.name, order, &p});
    }
    for (auto& [file, roles] : by_file) {
      std::sort(roles.begin(), roles.end(), [](const IndexedRole& a, const IndexedRole& b) {
        return a.name < b.name || (a.name == b.name && a.order < b.order);
      });
    }
  }
  std::vector<const Principal*> out;
  const auto found = by_file.find(scope);
  if (found == by_file.end()) return out;
  const std::vector<IndexedRole>& roles = found->second;
  std::vector<const IndexedRole*> picked;
  if (name_prefixes == nullptr) {
    for (const IndexedRole& r : roles) picked.push_back(&r);
  } else {
    for (std::string_view prefix : *name_prefixes) {
      auto at = std::lower_bound(roles.begin(), roles.end(), prefix,
                                 [](const IndexedRole& r, std::string_view p) { return r.name < p; });
      for (; at != roles.end() && at->name.starts_with(prefix); ++at) picked.push_back(&*at);
    }
  }
  std::sort(picked.begin(), picked.end(),
            [](const IndexedRole* a, const IndexedRole* b) { return a->order < b->order; });
  picked.erase(std::unique(picked.begin(), picked.end()), picked.end());
  out.reserve(picked.size());
  for (const IndexedRole* r : picked) out.push_back(r->role);
  return out;
}

}  // namespace sagelint::principal
