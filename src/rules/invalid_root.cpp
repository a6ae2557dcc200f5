// SL003: a policy document is a JSON object; anything else cannot be a policy.
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class InvalidRoot final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    const JsonNode& root = *ctx.document().root;
    if (root.is_object()) return;
    std::string msg = "a policy document must be a JSON object, found " + std::string(input::type_name(root.type));
    if (root.is_array() && !root.items.empty() && root.items[0].is_object() && root.items[0].find("Effect")) {
      msg += " of statements: put them in {\"Version\": \"2012-10-17\", \"Statement\": [...]}";
    }
    ctx.report_range(root.begin, root.is_array() || root.is_object() ? root.begin + 1 : root.end, &root, msg);
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_invalid_root() { return std::make_unique<InvalidRoot>(); }

}  // namespace sagelint::rules
