// SL009: a member IAM does not know, at the top level or in a statement. IAM rejects the
// policy; most often it is a case mistake ("action") or a misplaced element.
#include <array>

#include "rules/common.hpp"

namespace sagelint::rules {
namespace {

constexpr std::array<std::string_view, 3> kTop = {"Version", "Id", "Statement"};
constexpr std::array<std::string_view, 9> kStatement = {"Sid",         "Effect",    "Principal",
                                                        "NotPrincipal", "Action",    "NotAction",
                                                        "Resource",    "NotResource", "Condition"};

template <size_t N>
void check_members(RuleContext& ctx, const JsonNode& object, const std::array<std::string_view, N>& known,
                   bool top_level) {
  std::string_view where = top_level ? "top-level" : "statement";
  for (const auto& m : object.members) {
    bool found = false;
    std::string_view case_match;
    for (auto k : known) {
      if (k == m.key) found = true;
      if (lower(k) == lower(m.key)) case_match = k;
    }
    if (found) continue;
    std::string msg = "unknown " + std::string(where) + " element " + quote(m.key);
    if (!case_match.empty()) {
      msg += ": element names are case-sensitive, did you mean " + quote(case_match) + "?";
      ctx.report_key(m, msg, {{"rename to " + quote(case_match), {{m.key_begin, m.key_end, "\"" + std::string(case_match) + "\"", {}, {}}}}});
      continue;
    }
    if (top_level) {
      bool statement_element = false;
      for (auto k : kStatement) statement_element = statement_element || k == m.key;
      // A bare statement without "Statement" is reported once, by missing-statement.
      if (statement_element && object.find("Statement") == nullptr) continue;
      if (statement_element) msg += " (statement elements belong inside \"Statement\")";
    }
    ctx.report_key(m, msg);
  }
}

class UnknownElement final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const auto& policy = ctx.policy();
    if (!policy.root->is_object()) return;
    check_members(ctx, *policy.root, kTop, true);
    for (const auto& st : policy.statements) {
      if (st.node->is_object()) check_members(ctx, *st.node, kStatement, false);
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_unknown_element() { return std::make_unique<UnknownElement>(); }

}  // namespace sagelint::rules
