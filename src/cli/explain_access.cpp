#include "cli/explain_access.hpp"

#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "eval/eval.hpp"
#include "input/document.hpp"
#include "input/source.hpp"
#include "policy/policy.hpp"
#include "principal/aws_managed.hpp"

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

int explain_access(const Options& opts) {
  if (opts.access_action.empty() || (opts.paths.empty() && opts.access_boundary.empty())) {
    std::fputs("sagelint: explain-access needs --action and at least one policy (file, or AWS managed name)\n", stderr);
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
      std::fprintf(stderr, "sagelint: %s\n", error.c_str());
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

  eval::Request request;
  request.action = opts.access_action;
  request.resource = opts.access_resource.empty() ? "*" : opts.access_resource;
  // A key given twice is one multivalued key (aws:TagKeys=a --context aws:TagKeys=b).
  std::map<std::string, std::vector<std::string>> values;
  for (const auto& kv : opts.access_context) {
    const size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::fprintf(stderr, "sagelint: --context takes KEY=VALUE, got '%s'\n", kv.c_str());
      return 2;
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

  const eval::Result result = eval::evaluate(set, request);
  std::string out = std::string(eval::to_string(result.decision)) + ": " + request.action + " on " + request.resource;
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
  for (const auto& s : result.denies) out += "  denied by " + describe(s, by_name) + "\n";
  for (const auto& s : result.allows) {
    out += std::string(result.decision == eval::Decision::Allow ? "  allowed by " : "  matching Allow (overridden) ") +
           describe(s, by_name) + "\n";
  }
  for (const auto& s : result.boundary_allows) out += "  within boundary: " + describe(s, by_name) + "\n";
  if (result.decision == eval::Decision::ImplicitDeny) {
    out += result.denied_by_boundary ? "  the permissions boundary allows nothing that matches this request\n"
                                     : "  no Allow statement matches this request\n";
  }
  std::fputs(out.c_str(), stdout);
  return result.decision == eval::Decision::Allow ? 0 : 1;
}

}  // namespace sagelint::cli
