// SL009: a member IAM does not know, at the top level or in a statement. IAM rejects the
// policy ("Invalid policy element"); most often it is a case mistake ("action"), a plural
// ("Actions") or an element put at the wrong level.
#include <array>

#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

constexpr std::array<std::string_view, 3> kTop = {"Version", "Id", "Statement"};
constexpr std::array<std::string_view, 9> kStatement = {
    "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"};

template <size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view key) {
  for (auto k : names) {
    if (k == key) return true;
  }
  return false;
}

// The known element `key` was probably meant as: same letters in another case, or a
// singular/plural slip ("Actions", "Statements", "Conditions").
template <size_t N>
std::string_view intended(const std::array<std::string_view, N>& known, std::string_view key) {
  std::string k = lower(key);
  for (auto name : known) {
    std::string n = lower(name);
    if (k == n || k == n + "s") return name;
  }
  return {};
}

template <size_t N>
void check_members(RuleContext& ctx, const JsonNode& object, const std::array<std::string_view, N>& known,
                   bool top_level) {
  const std::string where = top_level ? "top-level" : "statement";
  for (const auto& m : object.members) {
    if (contains(known, m.key)) continue;
    std::string msg = "unknown " + where + " element " + quote(m.key);
    if (std::string_view meant = intended(known, m.key); !meant.empty()) {
      msg += ": did you mean " + quote(meant) + "? (element names are case-sensitive and singular)";
      std::vector<lint::Fix> fixes;
      // Renaming onto an element that is already there would make a duplicate key.
      if (object.find(meant) == nullptr) {
        fixes.push_back(
            {"rename to " + quote(meant), {{m.key_begin, m.key_end, "\"" + std::string(meant) + "\"", {}, {}}}});
      }
      ctx.report_key(m, msg, std::move(fixes));
      continue;
    }
    if (top_level && (contains(kStatement, m.key) || !intended(kStatement, m.key).empty())) {
      // A bare statement without "Statement" is reported once, by missing-statement.
      if (object.find("Statement") == nullptr) continue;
      msg += " (statement elements belong inside \"Statement\")";
    } else if (!top_level && (contains(kTop, m.key) || !intended(kTop, m.key).empty())) {
      msg += " (" + quote(m.key) + " belongs at the top level of the policy, next to \"Statement\")";
    } else {
      msg += top_level ? ": a policy has only Version, Id and Statement"
                       : ": a statement has only Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, "
                         "NotResource and Condition";
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
