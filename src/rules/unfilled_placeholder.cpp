// SL204: documentation placeholders left in a policy: "<execution-role-arn>", "{アカウントID}",
// "対象のバケット ARN", or the words "region" / "account-id" in the Region and account fields of
// an ARN. The message says what belongs there, from the ARN formats of the statement's actions.
// Text outside IAM's character set (tab, LF, CR, U+0020-U+00FF) makes IAM reject the whole policy.
#include <algorithm>

#include "rules/support/arn.hpp"
#include "rules/support/arn_glob.hpp"
#include "rules/support/arn_placeholders.hpp"
#include "rules/support/prelude.hpp"
#include "rules/support/resource_types.hpp"

namespace sagelint::rules {
namespace {

enum class Where { Resource, Principal, Condition };

struct Context {
  Where where = Where::Resource;
  const Statement* statement = nullptr;
  std::string_view principal_type;  // "AWS", "Service", ...
  std::string_view condition_key;
};

class UnfilledPlaceholder final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    for (const auto& st : ctx.policy().statements) {
      for (const auto& r : st.resources) check_value(ctx, *r.node, {Where::Resource, &st, {}, {}});
      for (const auto& p : st.principals) check_value(ctx, *p.value.node, {Where::Principal, &st, p.type, {}});
      for (const auto& c : st.conditions) {
        if (c.key_member != nullptr) check_key(ctx, *c.key_member);
        for (const JsonNode* v : c.values) {
          if (v->is_string()) check_value(ctx, *v, {Where::Condition, &st, {}, c.key});
        }
      }
    }
  }

 private:
  // A placeholder in a condition key ("<oidc-provider>:sub", "{provider}:aud"): the key names
  // nothing until it is filled in, typically with an identity provider's host and path.
  static void check_key(RuleContext& ctx, const JsonMember& member) {
    const std::string_view key = member.key;
    const auto placeholders = arn::find_placeholders(key);
    if (placeholders.empty()) return;
    std::string msg = "condition key " + quote(key) +
                      (placeholders.size() == 1 ? " holds an unfilled placeholder: replace "
                                                : " holds unfilled placeholders: replace ");
    for (size_t i = 0; i < placeholders.size(); ++i) {
      if (i > 0) msg += i + 1 == placeholders.size() ? " and " : ", ";
      msg += quote(key.substr(placeholders[i].begin, placeholders[i].end - placeholders[i].begin));
    }
    const size_t colon = key.find(':');
    const bool whole_prefix = placeholders.size() == 1 && placeholders[0].begin == 0 && placeholders[0].end == colon;
    if (whole_prefix) {
      msg +=
          " with the prefix it stands for (for an OIDC provider, its URL without https://, such as "
          "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE)";
    } else {
      msg += placeholders.size() == 1 ? " with the value it stands for" : " with the values they stand for";
    }
    msg += "; until then no request carries the key";
    ctx.report_key(member, msg);
  }

  static void check_value(RuleContext& ctx, const JsonNode& node, const Context& where) {
    std::string_view text = node.text;
    auto placeholders = arn::find_placeholders(text, where.where != Where::Condition);
    if (placeholders.empty()) return;
    std::vector<const catalog::ResourceType*> types;
    if (where.where == Where::Resource) types = resource_types_of(expand_actions(ctx.catalog(), *where.statement));
    const arn::Parts parts = arn::split(text);
    const bool is_arn = parts.count == arn::kFieldCount && parts.field[arn::kPrefix] == "arn";
    std::string msg;
    if (placeholders.size() == 1 && placeholders[0].begin == 0 && placeholders[0].end == text.size() && !is_arn) {
      msg = quote(text) + " is an unfilled placeholder: replace it with " + whole_value(where, types);
    } else {
      msg = placeholders.size() == 1 ? "unfilled placeholder: replace " : "unfilled placeholders: replace ";
      for (size_t i = 0; i < placeholders.size(); ++i) {
        const auto& p = placeholders[i];
        if (i > 0) msg += i + 1 == placeholders.size() ? " and " : ", ";
        std::string_view ph = text.substr(p.begin, p.end - p.begin);
        msg += quote(ph) + " with ";
        msg += is_arn ? in_arn(ctx, text, parts, p, types) : whole_value(where, types);
      }
    }
    size_t bad = arn::first_forbidden_char(text);
    if (bad != std::string_view::npos) {
      size_t len = 1;
      while (bad + len < text.size() && (static_cast<unsigned char>(text[bad + len]) & 0xC0) == 0x80) ++len;
      msg += "; IAM also rejects the policy for " + quote(text.substr(bad, len)) +
             ", which is outside the characters a policy may contain";
    }
    ctx.report(node, msg);
  }

  // What a placeholder standing for the whole value should become.
  static std::string whole_value(const Context& where, const std::vector<const catalog::ResourceType*>& types) {
    switch (where.where) {
      case Where::Principal:
        if (where.principal_type == "Service") return "the service principal (e.g. sagemaker.amazonaws.com)";
        return "the principal: a 12-digit account id or the ARN of a role or user";
      case Where::Condition:
        return "the value to compare " + quote(where.condition_key) + " with";
      case Where::Resource:
        break;
    }
    if (types.empty()) return "the ARN of the resource";
    return (types.size() == 1 ? "the ARN of a " : "an ARN of ") + describe_types(types, 2);
  }

  static std::string in_arn(RuleContext& ctx, std::string_view text, const arn::Parts& parts, const arn::Placeholder& p,
                            const std::vector<const catalog::ResourceType*>& types) {
    std::string_view ph = text.substr(p.begin, p.end - p.begin);
    // The placeholder's own words say what it stands for ("{アカウントID}" inside a bucket name).
    const bool says_account =
        lower(ph).find("account") != std::string::npos || ph.find("アカウント") != std::string_view::npos;
    switch (p.field) {
      case arn::kPrefix:
        return "\"arn\"";
      case arn::kPartition:
        return "the partition \"aws\" (or \"aws-cn\", \"aws-us-gov\")";
      case arn::kService:
        return "the service prefix (e.g. \"sagemaker\")";
      case arn::kRegion:
        return "a Region code such as us-east-1 (or \"*\")";
      case arn::kAccount:
        return "the 12-digit AWS account id";
      case arn::kResource:
      case arn::kFieldCount:
        break;
    }
    // Lay the ARN over the formats of its service, preferring those the statement's actions use,
    // to name the part of the format the placeholder stands for.
    std::vector<const catalog::ResourceType*> formats;
    for (const auto* t : types) {
      if (arn::format_service(t->arn_format) == parts.field[arn::kService]) formats.push_back(t);
    }
    if (const catalog::Service* svc = ctx.catalog().service(parts.field[arn::kService]); svc != nullptr) {
      for (const auto& t : svc->resource_types()) {
        if (std::find(formats.begin(), formats.end(), &t) == formats.end()) formats.push_back(&t);
      }
    }
    for (const auto* t : formats) {
      bool whole = true;
      std::string_view var = arn::variable_at(text, p.begin, p.end, t->arn_format, &whole);
      if (var.empty()) continue;
      std::string where = "${" + std::string(var) + "} of " + describe_type(*t);
      if (whole) return "the " + where;
      return (says_account ? "the 12-digit AWS account id" : std::string("the value it stands for")) +
             " (part of the " + where + ")";
    }
    return says_account ? "the 12-digit AWS account id" : "the name of the resource";
  }
};

}  // namespace

std::unique_ptr<lint::Rule> make_unfilled_placeholder() { return std::make_unique<UnfilledPlaceholder>(); }

}  // namespace sagelint::rules
