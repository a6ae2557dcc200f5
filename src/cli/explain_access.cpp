#include "cli/explain_access.hpp"

#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cli/discover.hpp"
#include "cli/principals.hpp"
#include "eval/eval.hpp"
#include "input/document.hpp"
#include "input/source.hpp"
#include "policy/policy.hpp"
#include "principal/aws_managed.hpp"
#include "principal/model.hpp"
#include "principal/subject.hpp"
#include "report/escape.hpp"

namespace sagelint::cli {
namespace {

struct Loaded {
  std::string name;
  const input::Document* document = nullptr;
  bool aws = false;
};

// A policy file, or an AWS managed policy by name or ARN (from the bundled data).
bool load(const std::string& what, std::vector<std::unique_ptr<input::LoadedFile>>& files, Loaded& out,
          std::string& error) {
  input::ReadResult read = input::read_file(what);
  if (read.status == input::ReadStatus::Ok) {
    files.push_back(std::make_unique<input::LoadedFile>(
        input::load_source(std::make_unique<input::SourceFile>(what, std::move(read.text)))));
    const input::LoadedFile& f = *files.back();
    if (f.format != input::Format::Policy || f.documents.size() != 1 || f.documents[0].root == nullptr) {
      error = what + ": not a policy document (explain-access reads policy JSON files)";
      return false;
    }
    out = {what, &f.documents[0], false};
    return true;
  }
  const auto& aws = principal::AwsManagedPolicies::builtin();
  if (const principal::AwsManagedPolicy* p = aws.find(what)) {
    out = {"AWS managed " + p->name, &aws.document(*p), true};
    return true;
  }
  error =
      what + ": " + (read.status == input::ReadStatus::NotFound ? "no such file or AWS managed policy" : read.error);
  return false;
}

std::string describe(const eval::StatementRef& s, const std::map<std::string, Loaded, std::less<>>& by_name) {
  std::string out = s.sid.empty() ? "statement " + std::to_string(s.index) : "statement '" + std::string(s.sid) + "'";
  auto it = by_name.find(s.policy);
  if (it != by_name.end() && !it->second.aws && s.node != nullptr && it->second.document->source != nullptr) {
    const auto pos = it->second.document->source->position(s.node->begin);
    return out + (s.boundary ? " of boundary " : " at ") + it->second.document->source->path() + ":" +
           std::to_string(pos.line) + ":" + std::to_string(pos.column);
  }
  return out + " of " + std::string(s.policy);
}

}  // namespace

namespace {

// --context KEY=VALUE, repeated: a key given twice is one multivalued key
// (aws:TagKeys=a --context aws:TagKeys=b).
bool build_request(const Options& opts, eval::Request& request) {
  request.action = opts.access_action;
  request.resource = opts.access_resource.empty() ? "*" : opts.access_resource;
  std::map<std::string, std::vector<std::string>> values;
  for (const auto& kv : opts.access_context) {
    const size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::fprintf(stderr, "sagelint: --context takes KEY=VALUE, got '%s'\n", report::escape_text(kv).c_str());
      return false;
    }
    values[kv.substr(0, eq)].push_back(kv.substr(eq + 1));
  }
  for (auto& [k, v] : values) {
    if (v.size() == 1) {
      request.context.set(k, std::move(v[0]));
    } else {
      request.context.set(k, std::move(v));
    }
  }
  return true;
}

using Describe = std::function<std::string(const eval::StatementRef&)>;

int print_decision(const eval::PolicySet& set, const eval::Request& request, const Describe& describe,
                   std::string out) {
  const eval::Result result = eval::evaluate(set, request);
  out += std::string(eval::to_string(result.decision)) + ": " + request.action + " on " + request.resource;
  if (request.context.empty()) {
    out += " (no condition keys in the request)";
  } else {
    out += " with";
    for (const auto& e : request.context.entries()) {
      out += " " + e.key + "=";
      for (size_t i = 0; i < e.values.size(); ++i) out += (i ? "," : "") + e.values[i];
    }
  }
  out += "\n";
  for (const auto& s : result.denies) out += "  denied by " + describe(s) + "\n";
  for (const auto& s : result.allows) {
    out += std::string(result.decision == eval::Decision::Allow ? "  allowed by " : "  matching Allow (overridden) ") +
           describe(s) + "\n";
  }
  for (const auto& s : result.boundary_allows) out += "  within boundary: " + describe(s) + "\n";
  if (result.decision == eval::Decision::ImplicitDeny) {
    out += result.denied_by_boundary ? "  the permissions boundary allows nothing that matches this request\n"
                                     : "  no Allow statement matches this request\n";
  }
  std::fputs(report::escape_text(out, true).c_str(), stdout);
  return result.decision == eval::Decision::Allow ? 0 : 1;
}

std::string where(const principal::Location& l) {
  if (l.source == nullptr) return "";
  const auto pos = l.source->position(l.begin);
  return " (" + l.source->path() + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) + ")";
}

// Why the Subject is not complete(): the first attachment that is not resolved.
std::string incomplete_reason(const principal::Principal& p) {
  if (p.managed_list_opaque) return "its managed policy list is computed at deploy time";
  if (!p.unresolved_groups.empty()) return "group '" + p.unresolved_groups.front() + "' is not defined in the input";
  auto unresolved = [](const std::vector<principal::AttachedPolicy>& list) -> const principal::AttachedPolicy* {
    for (const auto& a : list) {
      if (a.document == nullptr) return &a;
    }
    return nullptr;
  };
  const principal::AttachedPolicy* a = unresolved(p.inline_policies);
  if (a == nullptr) a = unresolved(p.managed);
  if (a == nullptr && p.boundary && p.boundary->document == nullptr) a = &*p.boundary;
  if (a != nullptr) return "policy '" + a->name + "'" + where(a->where) + " is not defined in the input";
  for (const principal::Principal* g : p.groups) {
    if (g->managed_list_opaque || unresolved(g->inline_policies) || unresolved(g->managed)) {
      return "a policy of group '" + g->name + "' is not defined in the input";
    }
  }
  return "a policy is not defined in the input";
}

// --principal [KIND/]NAME: the principal's own policies, from the templates, dumps and
// [[principal]] manifest among the inputs.
int explain_principal(const Options& opts, const FileConfig& config, const eval::Request& request) {
  if (!opts.access_boundary.empty()) {
    std::fputs("sagelint: --boundary cannot be combined with --principal (the principal's own boundary is used)\n",
               stderr);
    return 2;
  }
  std::string_view wanted = opts.access_principal;
  std::string_view kind;
  if (const size_t slash = wanted.find('/'); slash != std::string_view::npos) {
    kind = wanted.substr(0, slash);
    wanted.remove_prefix(slash + 1);
    if (kind != "role" && kind != "user" && kind != "group") {
      std::fprintf(stderr, "sagelint: --principal takes NAME or role/NAME, user/NAME, group/NAME, got '%s'\n",
                   report::escape_text(opts.access_principal).c_str());
      return 2;
    }
  }
  const std::vector<std::string> paths = opts.paths.empty() ? std::vector<std::string>{"."} : opts.paths;
  DiscoverResult found =
      discover(paths, config.include, config.exclude, config.lint.base_dir, opts.follow_symlinks, !opts.no_gitignore);
  for (const auto& e : found.errors) std::fprintf(stderr, "sagelint: %s\n", report::escape_text(e).c_str());
  if (!found.errors.empty()) return 2;
  PrincipalPhase phase(config);
  for (const auto& path : found.files) {
    if (path == "-") continue;
    input::ReadResult read = input::read_file(path);
    if (read.status != input::ReadStatus::Ok) {
      std::fprintf(stderr, "sagelint: %s: %s\n", report::escape_text(path).c_str(),
                   report::escape_text(read.error).c_str());
      return 2;
    }
    auto file = std::make_unique<input::LoadedFile>(
        input::load_source(std::make_unique<input::SourceFile>(path, std::move(read.text))));
    if (phase.wanted(*file)) phase.keep(std::move(file));
  }
  std::vector<std::string> errors;
  const principal::PrincipalSet set = phase.build_model(errors);
  for (const auto& e : errors) std::fprintf(stderr, "sagelint: %s\n", report::escape_text(e).c_str());

  std::vector<const principal::Principal*> matches;
  for (const auto& p : set.principals()) {
    if (p.name == wanted && (kind.empty() || principal::kind_name(p.kind) == kind)) matches.push_back(&p);
  }
  if (matches.size() != 1) {
    std::string msg = matches.empty() ? "no principal '" + opts.access_principal + "' in the input"
                                      : "'" + opts.access_principal + "' names more than one principal; write " +
                                            "role/NAME, user/NAME or group/NAME";
    std::string known;
    size_t shown = 0;
    for (const auto& p : set.principals()) {
      if (++shown > 20) {
        known += ", ...";
        break;
      }
      known += (known.empty() ? "" : ", ") + std::string(principal::kind_name(p.kind)) + "/" + p.name;
    }
    msg += known.empty() ? " (no roles, users or groups found: give the templates, authorization dumps or a "
                           ".sagelint.toml with [[principal]] entries)"
                         : " (found: " + known + ")";
    std::fprintf(stderr, "sagelint: %s\n", report::escape_text(msg).c_str());
    return 2;
  }
  const principal::Principal& p = *matches.front();
  const principal::Subjects subjects(set);
  const principal::Subject& subject = subjects.of(p);
  const eval::PolicySet* policies = subject.evaluator();
  if (policies == nullptr) {
    std::fprintf(stderr, "sagelint: cannot evaluate %s '%s': %s\n", std::string(principal::kind_name(p.kind)).c_str(),
                 report::escape_text(p.name).c_str(), report::escape_text(incomplete_reason(p)).c_str());
    return 2;
  }
  std::string header = std::string(principal::kind_name(p.kind)) + " '" + p.name + "'" + where(p.definition) + ": " +
                       std::to_string(policies->identity_count()) + " identity polic" +
                       (policies->identity_count() == 1 ? "y" : "ies") +
                       (policies->has_boundary() ? " and a permissions boundary" : "") + "\n";
  return print_decision(
      *policies, request, [&](const eval::StatementRef& s) { return subject.describe(s); }, header);
}

}  // namespace

int explain_access(const Options& opts, const FileConfig& config) {
  eval::Request request;
  if (!build_request(opts, request)) return 2;
  if (!opts.access_principal.empty()) return explain_principal(opts, config, request);
  if (opts.paths.empty() && opts.access_boundary.empty()) {
    std::fputs(
        "sagelint: explain-access needs at least one policy (file, or AWS managed name), or --principal NAME with "
        "the templates that define it\n",
        stderr);
    return 2;
  }
  std::vector<std::unique_ptr<input::LoadedFile>> files;
  std::vector<std::unique_ptr<policy::Policy>> policies;
  std::map<std::string, Loaded, std::less<>> by_name;
  eval::PolicySet set;
  auto add = [&](const std::string& what, bool boundary) {
    Loaded l;
    std::string error;
    if (!load(what, files, l, error)) {
      std::fprintf(stderr, "sagelint: %s\n", report::escape_text(error).c_str());
      return false;
    }
    if (boundary) l.name = "boundary " + l.name;
    policies.push_back(
        std::make_unique<policy::Policy>(policy::build_policy(*l.document->root, input::KindHint::Identity)));
    if (boundary) {
      set.add_boundary(l.name, *policies.back());
    } else {
      set.add_identity(l.name, *policies.back());
    }
    by_name.emplace(l.name, l);
    return true;
  };
  for (const auto& p : opts.paths) {
    if (!add(p, false)) return 2;
  }
  if (!opts.access_boundary.empty() && !add(opts.access_boundary, true)) return 2;
  return print_decision(
      set, request, [&](const eval::StatementRef& s) { return describe(s, by_name); }, "");
}

}  // namespace sagelint::cli
