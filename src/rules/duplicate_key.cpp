// SL002: an object has the same member name twice. The IAM grammar forbids it, and JSON
// readers keep only one of the two (most keep the last), so the other (often a whole
// Condition block or Action list) silently disappears. Condition keys are case-insensitive,
// so two keys of one condition operator that differ only in case are duplicates too (Access
// Analyzer reports that as an error).
#include <unordered_map>

#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

std::string line_of(const RuleContext& ctx, uint32_t offset) {
  return std::to_string(ctx.document().source->position(offset).line);
}

void visit(RuleContext& ctx, const JsonNode& node) {
  if (node.is_object()) {
    std::unordered_map<std::string_view, const JsonMember*> seen;
    for (const auto& m : node.members) {
      auto [it, inserted] = seen.emplace(m.key, &m);
      if (!inserted) {
        ctx.report_key(m, "duplicate key " + quote(m.key) + " (first at line " + line_of(ctx, it->second->key_begin) +
                              "): a JSON reader keeps only one of the two, so the other is silently lost; merge them "
                              "into one");
        ctx.relate_key(*it->second, "the first " + quote(m.key));
      }
    }
    for (const auto& m : node.members) visit(ctx, m.value);
  } else if (node.is_array()) {
    for (const auto& item : node.items) visit(ctx, item);
  }
}

void condition_keys_by_case(RuleContext& ctx, const Statement& st) {
  if (st.condition == nullptr || !st.condition->value.is_object()) return;
  for (const auto& op : st.condition->value.members) {
    if (!op.value.is_object()) continue;
    std::unordered_map<std::string, const JsonMember*> seen;
    for (const auto& key : op.value.members) {
      auto [it, inserted] = seen.emplace(lower(key.key), &key);
      // Exact repeats are reported above.
      if (inserted || it->second->key == key.key) continue;
      ctx.report_key(key, "condition key " + quote(key.key) + " repeats " + quote(it->second->key) + " (line " +
                              line_of(ctx, it->second->key_begin) + ") of the same " + quote(op.key) +
                              " block: condition key names are case-insensitive; merge the values into one key");
      ctx.relate_key(*it->second, "the first spelling, " + quote(it->second->key));
    }
  }
}

class DuplicateKey final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    visit(ctx, *ctx.document().root);
    for (const auto& st : ctx.policy().statements) condition_keys_by_case(ctx, st);
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_duplicate_key() { return std::make_unique<DuplicateKey>(); }

}  // namespace sagelint::rules
