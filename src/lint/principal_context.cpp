#include "lint/rule.hpp"
#include "principal/model.hpp"
#include "principal/subject.hpp"

namespace sagelint::lint {

PrincipalContext::PrincipalContext(const principal::Subjects& subjects, const RuleMeta& meta,
                                   const toml::table& options, Severity severity, std::vector<Finding>& sink,
                                   std::vector<const input::SourceFile*>& sources)
    : subjects_(subjects),
      principals_(subjects.principals()),
      meta_(meta),
      options_(options),
      severity_(severity),
      sink_(sink),
      sources_(sources) {}

namespace {
const toml::node* option_node(const toml::table& options, const RuleMeta& meta, std::string_view name) {
  if (const toml::node* n = options.get(name)) return n;
  return meta.options.get(name);
}
}  // namespace

int64_t PrincipalContext::option_int(std::string_view name) const {
  const toml::node* n = option_node(options_, meta_, name);
  return n != nullptr ? n->value_or<int64_t>(0) : 0;
}

bool PrincipalContext::option_bool(std::string_view name) const {
  const toml::node* n = option_node(options_, meta_, name);
  return n != nullptr && n->value_or(false);
}

std::string PrincipalContext::option_string(std::string_view name) const {
  const toml::node* n = option_node(options_, meta_, name);
  return n != nullptr ? n->value_or<std::string>("") : std::string();
}

std::vector<std::string> PrincipalContext::option_strings(std::string_view name) const {
  std::vector<std::string> out;
  const toml::node* n = option_node(options_, meta_, name);
  if (n == nullptr) return out;
  if (const toml::array* arr = n->as_array()) {
    for (const auto& item : *arr) {
      if (auto s = item.value<std::string>()) out.push_back(*s);
    }
  }
  return out;
}

void PrincipalContext::report(const principal::Location& where, std::string message) {
  if (where.source == nullptr) return;
  Finding f;
  f.rule = &meta_;
  f.severity = severity_;
  f.path = where.source->path();
  f.begin = where.begin;
  f.end = std::max(where.end, where.begin);
  f.message = std::move(message);
  f.pointer = where.pointer;
  sink_.push_back(std::move(f));
  sources_.push_back(where.source);
  ++reported_;
}

void PrincipalContext::relate(const principal::Location& where, std::string message) {
  if (reported_ == 0 || where.source == nullptr) return;
  Related r;
  r.path = where.source->path();
  r.begin = where.begin;
  r.end = std::max(where.end, where.begin);
  r.start = where.source->position(r.begin);
  r.stop = where.source->position(r.end);
  r.message = std::move(message);
  sink_.back().related.push_back(std::move(r));
}

}  // namespace sagelint::lint
