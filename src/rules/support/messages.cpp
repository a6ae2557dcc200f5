#include "rules/support/messages.hpp"

namespace sagelint::rules {

std::string quote_alternatives(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += (i + 1 == names.size()) ? " or " : ", ";
    out += quote(names[i]);
  }
  return out;
}

std::string_view statement_verb(const Statement& st) {
  if (st.actions_negated) return "excludes";
  return st.is_deny() ? "denies" : "grants";
}

std::string describe(const principal::Principal& p) {
  return std::string(principal::kind_name(p.kind)) + " " + quote(p.name);
}

std::string limit_phrase(size_t limit, size_t iam_quota, std::string_view per) {
  const std::string unit = per.empty() ? std::string() : " per " + std::string(per);
  if (limit == iam_quota) return "IAM allows " + thousands(limit) + unit;
  return "the configured limit is " + thousands(limit) + unit + " (IAM allows " + thousands(iam_quota) + ")";
}

std::string thousands(size_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace sagelint::rules
