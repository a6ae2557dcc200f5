// SL004: no Version element. Without "2012-10-17", policy variables such as ${aws:username}
// are plain text and newer language features are unavailable (Access Analyzer: "Missing version").
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class MissingVersion final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const auto& policy = ctx.policy();
    if (!policy.root->is_object() || policy.version != nullptr) return;
    const JsonNode& root = *policy.root;
    std::vector<lint::Fix> fixes;
    // Insert right after the opening brace, matching the indentation of the first member.
    if (!root.members.empty()) {
      std::string_view text = ctx.document().source->text();
      uint32_t first = root.members.front().key_begin;
      uint32_t line_start = first;
      while (line_start > root.begin + 1 && text[line_start - 1] != '\n') --line_start;
      std::string insertion;
      if (line_start > root.begin + 1) {
        std::string indent(text.substr(line_start, first - line_start));
        bool blank = indent.find_first_not_of(" \t") == std::string::npos;
        insertion = "\"Version\": \"2012-10-17\",\n" + (blank ? indent : std::string());
      } else {
        insertion = "\"Version\": \"2012-10-17\", ";
      }
      fixes.push_back({"add \"Version\": \"2012-10-17\"", {{first, first, insertion, {}, {}}}});
    }
    ctx.report_range(root.begin, root.begin + 1, &root,
                     "policy has no Version: IAM assumes \"2008-10-17\", where policy variables are not "
                     "substituted; add \"Version\": \"2012-10-17\"",
                     std::move(fixes));
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_missing_version() { return std::make_unique<MissingVersion>(); }

}  // namespace sagelint::rules
