#include "lint/rule.hpp"
#include "principal/model.hpp"
#include "principal/subject.hpp"

namespace sagelint::lint {

PrincipalContext::PrincipalContext(const principal::Subjects& subjects, const RuleMeta& meta, const Options& options,
                                   Severity severity, std::vector<Finding>& sink,
                                   std::vector<const input::SourceFile*>& sources)
    : OptionReader(options, meta.options),
      subjects_(subjects),
      principals_(subjects.principals()),
      meta_(meta),
      severity_(severity),
      sink_(sink),
      sources_(sources) {}

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
