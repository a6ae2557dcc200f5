#include "lint/linter.hpp"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <map>

#include "input/glob.hpp"
#include "lint/access.hpp"
#include "lint/inline_suppress.hpp"
#include "principal/model.hpp"
#include "principal/subject.hpp"

namespace sagelint::lint {

namespace {

bool matches_any(const Registry& registry, const std::vector<std::string>& selectors, const RuleMeta& meta) {
  return std::any_of(selectors.begin(), selectors.end(),
                     [&](const std::string& s) { return registry.selector_matches(s, meta); });
}

// Opt-in rules (default_enabled = false) run only when a selector names them exactly: "ALL",
// an id prefix or a tag never turns them on.
bool names_rule(const std::vector<std::string>& selectors, const RuleMeta& meta) {
  return std::any_of(selectors.begin(), selectors.end(),
                     [&](const std::string& s) { return s == meta.id || s == meta.name; });
}

bool check_selectors(const Registry& registry, const std::vector<std::string>& selectors, std::string_view what,
                     std::string& error) {
  for (const auto& s : selectors) {
    if (!registry.selector_known(s)) {
      error = std::string(what) + ": no rule, id prefix or tag matches '" + s + "'";
      std::string hint = registry.suggest_selector(s);
      if (!hint.empty()) error += " (did you mean '" + hint + "'?)";
      return false;
    }
  }
  return true;
}

uint64_t fnv1a(std::string_view text, uint64_t hash = 1469598103934665603ull) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

}  // namespace

std::string without_line_numbers(std::string_view message) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  auto alnum = [&](char c) { return digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  std::string out;
  out.reserve(message.size());
  size_t i = 0;
  while (i < message.size()) {
    // "(line 12)" -> "(line)"
    if (message.substr(i).starts_with("(line ")) {
      size_t j = i + 6;
      while (j < message.size() && digit(message[j])) ++j;
      if (j > i + 6 && j < message.size() && message[j] == ')') {
        out += "(line)";
        i = j + 1;
        continue;
      }
    }
    // "file.json:12" and "file.toml:3:7" -> "file.json", "file.toml": a ':' and digits right after a
    // file extension, up to ')', ',', ';', ' ', ':' or the end. An ARN's account ("iam::123456789012:")
    // or Region ("eu-west-1:1234...:") follows no extension, or is followed by another ':'.
    if (message[i] == ':' && i + 1 < message.size() && digit(message[i + 1])) {
      size_t k = out.size();
      while (k > 0 && alnum(out[k - 1])) --k;
      const bool after_extension = k < out.size() && k > 1 && out[k - 1] == '.' && out[k - 2] != '.';
      size_t j = i;
      while (j < message.size() && message[j] == ':' && j + 1 < message.size() && digit(message[j + 1])) {
        ++j;
        while (j < message.size() && digit(message[j])) ++j;
      }
      const bool at_end = j == message.size() || message[j] == ')' || message[j] == ',' || message[j] == ';' ||
                          message[j] == ' ' || message[j] == ':';
      if (after_extension && at_end) {
        i = j;
        continue;
      }
    }
    out += message[i++];
  }
  return out;
}

namespace {

// A path that lexically_normal() leaves as it is: '/'-separated names, none empty, "." or "..".
bool plain_path(std::string_view p) {
  if (p.empty() || p.back() == '/' || p == "/") return false;
  for (size_t i = p.front() == '/' ? 1 : 0; i <= p.size();) {
    const size_t next = std::min(p.find('/', i), p.size());
    const std::string_view name = p.substr(i, next - i);
    if (name.empty() || name == "." || name == "..") return false;
    i = next + 1;
  }
  return true;
}

// relative_for_matching() for plain paths under a plain absolute base, by string comparison: the
// same answer without std::filesystem's component lists (a corpus run asks twice per file, and
// that was 4 % of its time). Empty when the general code must answer.
std::string plain_relative(const std::string& path, const std::filesystem::path& base) {
  const std::string& b = base.native();
  if (!plain_path(path) || b.empty() || b.front() != '/' || !plain_path(b)) return {};
  std::string abs = path;
  if (path.front() != '/') {
    std::error_code ec;
    const std::filesystem::path cwd = std::filesystem::current_path(ec);
    if (ec || !plain_path(cwd.native()) || cwd.native().front() != '/') return {};
    abs = cwd.native() + "/" + path;
  }
  if (abs.size() > b.size() && abs.compare(0, b.size(), b) == 0 && abs[b.size()] == '/') {
    std::string rest = abs.substr(b.size() + 1);
    return rest.starts_with("..") ? path : rest;
  }
  if (abs == b) return {};
  // Outside the base: the relative path climbs out ("../..."), so the path itself is the answer.
  return path;
}

}  // namespace

std::string relative_for_matching(const std::string& path, const std::filesystem::path& base) {
  if (std::string fast = plain_relative(path, base); !fast.empty()) return fast;
  std::error_code ec;
  std::filesystem::path abs = std::filesystem::absolute(path, ec);
  if (ec || base.empty()) return path;
  std::filesystem::path rel = abs.lexically_normal().lexically_relative(base);
  std::string s = rel.generic_string();
  if (s.empty() || s.starts_with("..")) return std::filesystem::path(path).lexically_normal().generic_string();
  return s;
}

bool Linter::create(const Registry& registry, const LintConfig& config, const catalog::Catalog& catalog, Linter& out,
                    std::string& error) {
  out.registry_ = &registry;
  out.config_ = &config;
  out.catalog_ = &catalog;
  out.active_.clear();
  if (!check_selectors(registry, config.select, "select", error) ||
      !check_selectors(registry, config.ignore, "ignore", error)) {
    return false;
  }
  for (const auto& [key, severity] : config.severity) {
    if (registry.find(key) == nullptr) {
      error = "severity: no rule '" + key + "'";
      return false;
    }
  }
  for (const auto& ignore : config.ignores) {
    if (!check_selectors(registry, ignore.rules, "ignore rules (" + ignore.origin + ")", error)) return false;
  }
  for (const auto& [name, options] : config.rule_options) {
    const RegisteredRule* rule = registry.find(name);
    if (rule == nullptr) {
      error = "options: no rule '" + name + "'";
      return false;
    }
    // Options are looked up by name below; under an id they would be ignored without a word.
    if (rule->meta.name != name) {
      error = "options: [rules." + name + "] names the rule by its id; options are set under its name, [rules." +
              rule->meta.name + "]";
      return false;
    }
    if (!check_options(options, rule->meta.options, rule->meta.name, error)) return false;
  }
  for (const auto& r : registry.rules()) {
    bool selected = config.select.empty() || matches_any(registry, config.select, r.meta);
    if (!selected || matches_any(registry, config.ignore, r.meta)) continue;
    if (!r.meta.default_enabled && !names_rule(config.select, r.meta)) continue;
    Severity severity = r.meta.severity;
    if (auto it = config.severity.find(r.meta.id); it != config.severity.end()) severity = it->second;
    if (auto it = config.severity.find(r.meta.name); it != config.severity.end()) severity = it->second;
    Options options;
    if (auto it = config.rule_options.find(r.meta.name); it != config.rule_options.end()) options = it->second;
    out.active_.push_back(ActiveRule{&r, severity, std::move(options)});
  }
  return true;
}

input::KindHint Linter::kind_for(const std::string& relative_path, input::KindHint from_container) const {
  for (const auto& k : config_->kinds) {
    if (input::glob_match(k.glob, relative_path)) return k.kind;
  }
  return from_container;
}

void Linter::suppress(Finding& finding, const std::string& relative_path) const {
  for (const auto& ignore : config_->ignores) {
    if (!input::glob_match(ignore.glob, relative_path)) continue;
    if (!ignore.sid.empty() && ignore.sid != finding.sid) continue;
    if (!ignore.rules.empty() && !matches_any(*registry_, ignore.rules, *finding.rule)) continue;
    finding.suppressed = true;
    finding.suppression = "ignored by configuration (" + ignore.origin + ")";
    return;
  }
}

FileReport Linter::lint(const input::LoadedFile& file, bool part_of_principal) const {
  FileReport report;
  report.path = file.source->path();
  const std::string relative = relative_for_matching(report.path, config_->base_dir);
  // A plain policy file that no principal takes in: access rules judge it on its own.
  const bool standalone = !part_of_principal && file.entities.empty();
  for (const auto& doc : file.documents) {
    if (doc.generated) continue;
    std::optional<policy::Policy> policy;
    if (doc.root != nullptr) policy = policy::build_policy(*doc.root, kind_for(relative, doc.kind_hint));
    std::optional<principal::Subject> subject;  // for the access rules, built for the first one
    const size_t first_finding = report.findings.size();
    for (const auto& active : active_) {
      const RegisteredRule& r = *active.rule;
      if (r.meta.scope == RuleScope::Principal) continue;
      if (r.rule->needs_parsed_document() && !policy) continue;
      // Registry::build checked that the scope is the class's: the cast cannot be wrong.
      const auto* access = r.meta.scope == RuleScope::Access ? static_cast<const AccessRule*>(r.rule.get()) : nullptr;
      if (access != nullptr && (!standalone || policy->kind != policy::PolicyKind::Identity)) continue;
      RuleContext ctx(doc, policy ? &*policy : nullptr, *catalog_, r.meta, active.options, active.severity,
                      report.findings);
      try {
        if (access != nullptr) {
          if (!subject) subject.emplace(doc, *policy);
          AccessContext access_ctx(*subject, ctx);
          access->check_access(access_ctx);
        } else {
          r.rule->check(ctx);
        }
      } catch (const std::exception& e) {
        report.internal_errors.push_back(r.meta.id + " " + r.meta.name + " failed on " + report.path + ": " + e.what());
      }
    }
    // A policy parsed from a string (URL-encoded in a dump): its pointers start inside the
    // string, and its byte ranges are the string token, so no fix can apply.
    const bool embedded = doc.root != nullptr && doc.root->parent == nullptr && doc.root != file.json.root.get();
    for (size_t i = first_finding; i < report.findings.size(); ++i) {
      Finding& f = report.findings[i];
      if (!doc.fixable) f.fixes.clear();
      if (embedded && !doc.origin.empty()) f.pointer = "/" + doc.origin + f.pointer;
      if (!doc.label.empty()) {
        f.message = doc.label + ": " + f.message;
        f.label = doc.label;
      }
    }
  }
  const input::SourceFile& source = *file.source;
  const InlineSuppressions inline_ignores(source, file.json.root.get());
  for (auto& f : report.findings) {
    f.start = source.position(f.begin);
    f.stop = source.position(std::max(f.end, f.begin));
    for (auto& fix : f.fixes) {
      for (auto& r : fix.replacements) {
        r.start = source.position(r.begin);
        r.stop = source.position(r.end);
      }
    }
    for (auto& r : f.related) {
      r.start = source.position(r.begin);
      r.stop = source.position(r.end);
    }
    // Content, not position: a finding keeps its fingerprint when the file is reformatted.
    std::string_view content =
        source.text().substr(std::min<size_t>(f.begin, source.text().size()), f.end > f.begin ? f.end - f.begin : 0);
    uint64_t h = fnv1a(f.rule->id);
    h = fnv1a(relative, h);
    h = fnv1a(f.pointer, h);
    h = fnv1a(content, h);
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    f.fingerprint = buf;
    suppress(f, relative);
    inline_ignores.apply(*registry_, f);
  }
  // Stable: of equal findings, the first document's comes first (and is the one kept below).
  std::stable_sort(report.findings.begin(), report.findings.end(), finding_less);
  // The renderings of a policy template share most of their bytes: a finding on the same bytes
  // is one finding, whatever the statement's index in each rendering.
  auto same = [](const Finding& a, const Finding& b) {
    return a.rule == b.rule && a.begin == b.begin && a.end == b.end && a.severity == b.severity &&
           a.message == b.message && a.suppressed == b.suppressed;
  };
  report.findings.erase(std::unique(report.findings.begin(), report.findings.end(), same), report.findings.end());
  return report;
}

bool Linter::has_principal_rules() const {
  return std::any_of(active_.begin(), active_.end(),
                     [](const ActiveRule& a) { return a.rule->meta.scope != RuleScope::Document; });
}

std::vector<FileReport> Linter::lint_principals(const principal::PrincipalSet& principals) const {
  std::vector<Finding> findings;
  std::vector<const input::SourceFile*> sources;
  std::vector<std::string> errors;
  const principal::Subjects subjects(principals);
  for (const auto& active : active_) {
    const RegisteredRule& r = *active.rule;
    if (r.meta.scope == RuleScope::Document) continue;
    PrincipalContext ctx(subjects, r.meta, active.options, active.severity, findings, sources);
    try {
      if (r.meta.scope == RuleScope::Principal) {
        static_cast<const PrincipalRule*>(r.rule.get())->check_principals(ctx);
      } else {
        const auto* access = static_cast<const AccessRule*>(r.rule.get());
        // Groups are not asked: every member is, with the group's policies among its own.
        for (const auto& p : principals.principals()) {
          if (p.kind == principal::PrincipalKind::Group) continue;
          AccessContext access_ctx(subjects.of(p), ctx);
          access->check_access(access_ctx);
        }
      }
    } catch (const std::exception& e) {
      errors.push_back(r.meta.id + " " + r.meta.name + " failed on the principal model: " + e.what());
    }
  }
  std::map<std::string, FileReport> by_path;
  std::map<const input::SourceFile*, InlineSuppressions> inline_ignores;
  for (size_t i = 0; i < findings.size(); ++i) {
    Finding& f = findings[i];
    const input::SourceFile& source = *sources[i];
    const std::string relative = relative_for_matching(f.path, config_->base_dir);
    f.start = source.position(f.begin);
    f.stop = source.position(std::max(f.end, f.begin));
    std::string_view content =
        source.text().substr(std::min<size_t>(f.begin, source.text().size()), f.end > f.begin ? f.end - f.begin : 0);
    uint64_t h = fnv1a(f.rule->id);
    h = fnv1a(relative, h);
    h = fnv1a(f.pointer, h);
    h = fnv1a(content, h);
    // Several principal findings may share one anchor, so the message is hashed too; without the
    // line numbers it names ("(policies/dev.json:4)"), so the fingerprint stays when lines move.
    const std::string stable = without_line_numbers(f.message);
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(fnv1a(stable, h)));
    f.fingerprint = buf;
    if (stable != f.message) {
      std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(fnv1a(f.message, h)));
      f.legacy_fingerprint = buf;
    }
    suppress(f, relative);
    inline_ignores.try_emplace(&source, source).first->second.apply(*registry_, f);
    FileReport& report = by_path[f.path];
    report.path = f.path;
    report.findings.push_back(std::move(f));
  }
  std::vector<FileReport> out;
  for (auto& [path, report] : by_path) {
    std::sort(report.findings.begin(), report.findings.end(), finding_less);
    out.push_back(std::move(report));
  }
  if (!errors.empty()) {
    if (out.empty()) out.emplace_back();
    out.front().internal_errors = std::move(errors);
  }
  return out;
}

}  // namespace sagelint::lint
