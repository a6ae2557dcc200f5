// Text that is not what IAM will read: unfilled documentation placeholders ("<execution-role-arn>",
// "{account-id}"), characters IAM rejects, and template references CloudFormation fills in.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "rules/support/arn.hpp"

namespace sagelint::rules::arn {

// An unfilled placeholder inside a string value: "<execution-role-arn>", "{アカウントID}",
// "対象のバケット ARN", or the words "region"/"account-id" where an ARN needs a Region or account.
struct Placeholder {
  size_t begin = 0;  // byte range in the unescaped text
  size_t end = 0;
  Field field = kResource;  // ARN field it sits in (kResource when the string is not an ARN)
  bool non_latin1 = false;  // contains characters IAM rejects in any policy document
};
// With `arn_expected` (Resource, Principal), a whole value that describes an ARN in words
// ("your_KMS_key_ARN", "execution-role-arn") counts as a placeholder too.
std::vector<Placeholder> find_placeholders(std::string_view text, bool arn_expected = false);

// `text` with every placeholder replaced by "*", for matching against ARN formats.
std::string wildcard_placeholders(std::string_view text, const std::vector<Placeholder>& placeholders);

// First character outside what IAM accepts in a policy document (tab, LF, CR, U+0020-U+00FF),
// as a byte offset into `text`; npos if none.
size_t first_forbidden_char(std::string_view text);

// A ${...} name that belongs to a template rather than to IAM: a CloudFormation reference
// ("Bucket", "Role.Arn"), pseudo parameter ("AWS::Region") or function ("Fn::ImportValue").
bool is_template_reference(std::string_view name);

// `text` of a value CloudFormation computes (Fn::Sub, rendered as "${Name}"), with every template
// reference ${Name} replaced by `stand_in`, so the text around it can still be judged:
// "${Service}:GetObject" -> "x:GetObject". IAM policy variables (${aws:username}) are kept.
std::string mask_template_references(std::string_view text, std::string_view stand_in);

}  // namespace sagelint::rules::arn
