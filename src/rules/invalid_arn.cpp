// SL201: a Resource or NotResource value that is not "*" and not a well-formed ARN: no "arn:"
// prefix, fewer than six fields, an unknown partition, or a service field that is empty,
// wildcarded or not lowercase. IAM rejects most of these ("must be in ARN format or \"*\"").
// Unfilled placeholders are left to unfilled-placeholder, which says what to fill in. API
// Gateway's "execute-api:/stage/METHOD/path" is accepted in a resource policy.
#include "rules/support/arn.hpp"
#include "rules/support/arn_placeholders.hpp"
#include "rules/support/policy_kind.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

class InvalidArn final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    for (const auto& st : ctx.policy().statements) {
      for (const auto& r : st.resources) check_value(ctx, r);
    }
  }

 private:
  static void check_value(RuleContext& ctx, const policy::StringValue& r) {
    std::string_view text = r.text;
    const JsonNode& node = *r.node;
    // A template computes this value at deploy time: only its final text could be judged.
    if (node.opaque && arn::has_variable(text)) return;
    if (text == "*" || !arn::find_placeholders(text, true).empty()) return;
    std::string_view source = ctx.document().source->text();
    auto field_range = [&](const arn::Parts& parts, arn::Field f, std::string message) {
      const arn::SourceRange range = arn::field_range(node, source, parts, f);
      ctx.report_range(range.begin, std::max(range.end, range.begin + 1), &node, std::move(message));
    };
    if (!text.starts_with("arn:")) {
      if (text.starts_with("execute-api:/")) {
        // API Gateway's abbreviated form, expanded to the API's full ARN when a resource policy is
        // saved: execute-api:/stage/METHOD/path, execute-api:/* (apigateway-resource-policies-examples).
        if (effective_kind(ctx) != policy::PolicyKind::Resource) {
          ctx.report(node, quote(text) +
                               " is API Gateway's abbreviation, which only an API's resource policy accepts: "
                               "elsewhere write the full ARN, "
                               "arn:aws:execute-api:region:account-id:api-id/stage/METHOD/path");
        }
      } else if (text.starts_with("aws:arn:")) {
        std::string fixed = "arn:aws:" + std::string(text.substr(8));
        uint32_t b = arn::source_offset(node, source, 0);
        uint32_t e = arn::source_offset(node, source, 8);
        ctx.report(node,
                   quote(text) + " starts with \"aws:arn:\": an ARN starts with \"arn:\" and then the partition, " +
                       quote(fixed),
                   {{"write \"arn:aws:\"", {{b, e, "arn:aws:", {}, {}}}}});
      } else if (lower(text.substr(0, 4)) == "arn:") {
        ctx.report(node, quote(text) + ": the ARN prefix is lowercase \"arn:\"");
      } else if (text.empty()) {
        ctx.report(node, "empty Resource value: IAM rejects the policy; write the ARN of the resource, or \"*\"");
      } else {
        ctx.report(node, quote(text) +
                             " is not an ARN: a Resource must be \"*\" or an ARN "
                             "(arn:partition:service:region:account-id:resource), otherwise IAM rejects "
                             "the policy");
      }
      return;
    }
    arn::Parts parts = arn::split(text);
    if (parts.count < arn::kFieldCount) {
      std::string msg = quote(text) + " has " + std::to_string(parts.count) +
                        " of the six ARN fields arn:partition:service:region:account-id:resource (fields may be "
                        "empty, but every colon must be there)";
      std::string_view second = parts.field[arn::kPartition];
      if (!arn::is_known_partition(second) && ctx.catalog().service(second) != nullptr) {
        // "arn:s3:::bucket": the partition was left out.
        ctx.report(node, msg + ": the partition is missing, write " + quote("arn:aws:" + std::string(text.substr(4))));
      } else if (arn::is_known_partition(second) && text.ends_with('*')) {
        // A trailing '*' may stretch over the missing fields when IAM matches ("arn:aws:ecr:*"),
        // so the intent probably works; it is still not an ARN.
        ctx.report_with(lint::Severity::Warning, node, msg + "; IAM Access Analyzer reports it as an error");
      } else {
        ctx.report(node, msg);
      }
      return;
    }
    std::string_view partition = parts.field[arn::kPartition];
    if (!arn::has_variable(partition) && !arn::is_known_partition(partition)) {
      field_range(parts, arn::kPartition,
                  partition.empty() ? "the ARN has no partition: use \"aws\" (or \"aws-cn\", \"aws-us-gov\")"
                                    : "unknown partition " + quote(partition) +
                                          ": use \"aws\" (or \"aws-cn\", \"aws-us-gov\", \"aws-iso\", ...)");
    }
    std::string_view service = parts.field[arn::kService];
    if (service.empty()) {
      field_range(parts, arn::kService, "the ARN has no service field (e.g. \"sagemaker\", \"s3\", \"iam\")");
    } else if (text::has_wildcard(service) || arn::has_variable(service)) {
      field_range(parts, arn::kService,
                  "wildcard or variable in the ARN service field " + quote(service) +
                      ": IAM requires the service namespace to be spelled out");
    } else if (lower(service) != service) {
      const auto [b, e] = arn::field_range(node, source, parts, arn::kService);
      ctx.report_range(b, e, &node,
                       "service " + quote(service) + " must be lowercase in an ARN: write " + quote(lower(service)),
                       {{"write " + quote(lower(service)), {{b, e, lower(service), {}, {}}}}});
    }
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_invalid_arn() { return std::make_unique<InvalidArn>(); }

}  // namespace sagelint::rules
