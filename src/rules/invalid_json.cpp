// SL001: the text is not JSON. The parser already found where and why; this rule turns that
// into a finding so malformed files are reported like any other problem, never a crash.
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class InvalidJson final : public lint::Rule {
 public:
  bool needs_parsed_document() const override { return false; }
  void check(RuleContext& ctx) const override {
    // A repaired file has a tree and its errors; the other rules lint the repaired tree.
    if (const auto* errors = ctx.document().syntax_errors) {
      for (const auto& e : *errors) ctx.report_range(e.offset, e.end, nullptr, e.message);
      return;
    }
    if (const input::JsonError* error = ctx.document().error) {
      ctx.report_range(error->offset, error->end, nullptr, error->message);
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_invalid_json() { return std::make_unique<InvalidJson>(); }

}  // namespace sagelint::rules
