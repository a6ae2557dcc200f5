// SL002: an object has the same member name twice. IAM keeps only one of them, so the other
// (often a whole Statement or Condition block) silently does nothing.
#include <unordered_map>

#include "rules/common.hpp"

namespace sagelint::rules {
namespace {

void visit(RuleContext& ctx, const JsonNode& node) {
  if (node.is_object()) {
    std::unordered_map<std::string_view, const JsonMember*> seen;
    for (const auto& m : node.members) {
      auto [it, inserted] = seen.emplace(m.key, &m);
      if (!inserted) {
        auto first = ctx.document().source->position(it->second->key_begin);
        ctx.report_key(m, "duplicate key " + quote(m.key) + " (first at line " + std::to_string(first.line) +
                              "): IAM keeps only one of them and ignores the other");
      }
    }
    for (const auto& m : node.members) visit(ctx, m.value);
  } else if (node.is_array()) {
    for (const auto& item : node.items) visit(ctx, item);
  }
}

class DuplicateKey final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override { visit(ctx, *ctx.document().root); }
};

}  // namespace

std::unique_ptr<lint::Rule> make_duplicate_key() { return std::make_unique<DuplicateKey>(); }

}  // namespace sagelint::rules
