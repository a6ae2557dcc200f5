// SL401: a condition operator IAM does not define ("StringEqual", "ForAllValue:StringEquals",
// "stringEquals"). IAM rejects the policy ("Invalid Condition type"); operator names are
// case-sensitive. The suggestion repairs each part — qualifier, operator, IfExists — separately.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>

#include "catalog/catalog.hpp"
#include "rules/support/conditions.hpp"
#include "rules/support/fixes.hpp"
#include "rules/support/messages.hpp"
#include "rules/support/prelude.hpp"
#include "text/text.hpp"

namespace sagelint::rules {
namespace {

constexpr std::string_view kQualifiers[] = {"ForAllValues", "ForAnyValue"};
constexpr std::string_view kIfExists = "IfExists";

struct Closest {
  size_t distance = SIZE_MAX;
  std::vector<std::string_view> names;  // several when tied
};

// The closest names within the typo threshold.
Closest closest(std::string_view typed, std::span<const std::string_view> names) {
  Closest out;
  for (std::string_view n : names) {
    const size_t d = text::edit_distance(typed, n);
    if (d > text::typo_threshold(typed.size()) || d > out.distance) continue;
    if (d < out.distance) {
      out.distance = d;
      out.names.clear();
    }
    out.names.push_back(n);
  }
  return out;
}

// Every spelling IAM would accept that is nearest to `written`, repairing the qualifier, the
// operator and an IfExists suffix each on its own.
std::vector<std::string> suggestions(std::string_view written) {
  std::string_view qualifier_part, rest = written;
  if (const size_t colon = written.rfind(':'); colon != std::string_view::npos) {
    qualifier_part = written.substr(0, colon);
    rest = written.substr(colon + 1);
  }
  std::vector<std::string_view> qualifiers{std::string_view()};
  if (!qualifier_part.empty()) {
    qualifiers = closest(qualifier_part, kQualifiers).names;
    if (qualifiers.empty()) return {};
  }
  // Without a suffix, or with the last 7 to 9 characters read as a slip of "IfExists".
  Closest best = closest(rest, base_operators());
  bool if_exists = false;
  for (size_t tail = kIfExists.size() - 1; tail <= kIfExists.size() + 1; ++tail) {
    if (rest.size() < tail + 4) continue;
    const size_t suffix_distance = text::edit_distance(rest.substr(rest.size() - tail), kIfExists);
    if (suffix_distance > 1) continue;
    Closest head = closest(rest.substr(0, rest.size() - tail), base_operators());
    if (head.names.empty()) continue;
    head.distance += suffix_distance;
    if (head.distance <= best.distance) {
      best = std::move(head);
      if_exists = true;
    }
  }
  std::vector<std::string> out;
  for (std::string_view q : qualifiers) {
    for (std::string_view b : best.names) {
      if (if_exists && b == "Null") continue;  // NullIfExists is not an operator
      std::string s;
      if (!q.empty()) s = std::string(q) + ":";
      s += b;
      if (if_exists) s += kIfExists;
      if (s != written) out.push_back(std::move(s));
    }
  }
  return out;
}

class UnknownConditionOperator final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const std::string_view source = ctx.document().source->text();
    for_each_condition_operator(ctx.policy(), [&](const JsonNode& block, const input::JsonMember& member) {
      if (policy::parse_operator(member.key).known) return;
      const std::vector<std::string> hints = suggestions(member.key);
      std::string message = "unknown condition operator " + quote(member.key);
      std::vector<lint::Fix> fixes;
      if (hints.empty()) {
        message +=
            ": IAM rejects the policy; use one of the operators on the condition operators page "
            "(StringEquals, ArnLike, Bool, ...), optionally with ForAllValues:/ForAnyValue: and IfExists";
      } else {
        message += ": did you mean " + quote_alternatives(hints) +
                   "? IAM rejects the policy (operator names are case-sensitive)";
        if (hints.size() == 1) fixes = rename_key(source, block, member, hints[0]);
      }
      ctx.report_key(member, std::move(message), std::move(fixes));
    });
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_unknown_condition_operator() { return std::make_unique<UnknownConditionOperator>(); }

}  // namespace sagelint::rules
