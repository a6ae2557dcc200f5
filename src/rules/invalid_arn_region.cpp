// SL202: the Region field of a resource ARN does not fit the service's ARN format: a Region
// where the format has none (IAM, S3 buckets and objects), none where every matching format
// needs one, or text that is not a Region code. Such an ARN names no resource, so the
// statement silently grants (or denies) nothing for it; IAM rejects some of them outright.
#include "rules/support/arn.hpp"
#include "rules/support/arn_glob.hpp"
#include "rules/support/arn_placeholders.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class InvalidArnRegion final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    for (const auto& st : ctx.policy().statements) {
      for (const auto& r : st.resources) check_value(ctx, r);
    }
  }

 private:
  static void check_value(RuleContext& ctx, const policy::StringValue& r) {
    std::string_view text = r.text;
    arn::Parts parts;
    if (!arn::split_complete(text, parts)) return;
    std::string_view region = parts.field[arn::kRegion];
    std::string_view service = parts.field[arn::kService];
    // A wildcard Region fits every format; only a literal Region (or none) can be wrong.
    if (arn::has_variable(region) || text::has_wildcard(region) || text::has_wildcard(service) ||
        !arn::find_placeholders(text, true).empty()) {
      return;
    }
    const JsonNode& node = *r.node;
    const auto [b, e] = arn::field_range(node, ctx.document().source->text(), parts, arn::kRegion);
    auto types = arn::candidate_types(ctx.catalog(), parts);
    if (types.empty()) {
      // Unknown service or resource: only the shape of the Region can be judged.
      if (!region.empty() && !arn::is_region_code(region)) {
        ctx.report_range(b, e, &node, quote(region) + " is not a Region code (e.g. us-east-1)");
      }
      return;
    }
    const bool none_has_region = arn::none_has_field(types, arn::kRegion);
    const bool all_need_region = arn::all_have_field(types, arn::kRegion);
    const std::string what = arn::describe_type(service, *types.front());
    if (!region.empty() && none_has_region) {
      ctx.report_range(b, e, &node,
                       "the ARN of " + what + " has no Region: remove " + quote(region) +
                           " so the field is empty (arn:...:" + std::string(service) + "::...)" +
                           (service == "iam" ? "; IAM rejects IAM resource ARNs with a Region" : ""));
      return;
    }
    if (region.empty() && all_need_region) {
      ctx.report_range(b, b + 1, &node,
                       "the Region field is empty, but the ARN of " + what +
                           " needs one: put the Region code (e.g. us-east-1) or \"*\" between the colons");
      return;
    }
    if (!region.empty() && !arn::is_region_code(region) && !none_has_region) {
      ctx.report_range(b, e, &node, quote(region) + " is not a Region code (e.g. us-east-1, eu-west-1)");
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_invalid_arn_region() { return std::make_unique<InvalidArnRegion>(); }

}  // namespace sagelint::rules
