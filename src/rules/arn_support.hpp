// ARN helpers shared by the resource rules (2xx) and the PassRole rule: splitting an ARN into
// its fields without breaking policy variables apart, recognising unfilled placeholders, and
// deciding whether a Resource pattern can name a resource of a catalog resource type.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "input/json.hpp"

namespace sagelint::rules::arn {

// The six ARN fields. `resource` is everything after the fifth colon (it may contain colons).
enum Field : uint8_t { kPrefix = 0, kPartition, kService, kRegion, kAccount, kResource, kFieldCount };

struct Parts {
  std::string_view field[kFieldCount];
  size_t at[kFieldCount] = {};  // byte offset of each field in the text
  size_t count = 0;             // fields present (6 for a complete ARN)
};

// Splits on ':' outside ${...} (so ${aws:PrincipalAccount} stays one account field).
Parts split(std::string_view text);

// IAM wildcards or a policy variable in the text.
bool has_wildcard(std::string_view text);
bool has_variable(std::string_view text);

bool is_known_partition(std::string_view partition);
// A Region code shape (us-east-1, us-gov-west-1, cn-north-1, eu-isoe-west-1), lowercase.
bool is_region_code(std::string_view region);
// 12 digits, or digits with IAM wildcards standing in for some of them.
bool is_account_pattern(std::string_view account);

// Common documentation stand-ins (123456789012, 111122223333, twelve equal digits ...).
bool is_example_account(std::string_view account);

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

// Can the Resource pattern `pattern` (IAM wildcards, policy variables) match some ARN of the
// format `arn_format` ("arn:${Partition}:s3:::${BucketName}")? This is IAM's matching: the whole
// ARN as one string, a '*' may run across '/' and ':'. Each ${...} of the format stands for one
// or more characters: no ':' before the resource part, no '/' or ':' in a bucket name (what tells
// a bucket ARN from an object ARN), anything in other resource names. Letters compare
// case-insensitively: this is about resource types, not exact names.
bool fits_format(std::string_view pattern, std::string_view arn_format);

// The same, field by field as IAM Access Analyzer reads ARNs: a '*' in the Region or account
// field stays in its field. `arn:aws:sagemaker:*:*:training-job/*` fits a cluster ARN only in
// the first sense (a cluster id containing ":training-job/..."), not in this one.
bool fits_format_by_field(std::string_view pattern, std::string_view arn_format);
// The same with both already split (`pattern_parts` = split(pattern)): a rule that compares one
// ARN with many formats splits each once.
bool fits_format_by_field(const Parts& pattern_parts, std::string_view pattern, const Parts& format_parts,
                          std::string_view arn_format);

// The resource parts alone (what follows the fifth colon): fits_format("arn:p:s:r:a:" + pattern,
// "arn:p:s:r:a:" + format) without building either string. A literal head that both share
// matches only itself, so this is the same question.
bool fits_resource_part(std::string_view pattern_resource, std::string_view format_resource);

// The ${Name} of `arn_format` that covers the placeholder [at, at_end) of `text` when the text is
// laid over the format; empty when the text does not fit the format. `whole` tells whether the
// placeholder is all of that variable ("{bucket}") or only part of it ("prefix-{account}").
std::string_view variable_at(std::string_view text, size_t at, size_t at_end, std::string_view arn_format,
                             bool* whole = nullptr);

// The service field of a format ("s3" for "arn:${Partition}:s3:::${BucketName}").
std::string_view format_service(std::string_view arn_format);

// Resource types of the ARN's service (its service field, an IAM service prefix) whose format
// fits the ARN once its Region and account fields are taken as wildcards: the types the ARN
// most likely means. Empty when the service is unknown or nothing fits.
std::vector<const catalog::ResourceType*> candidate_types(const catalog::Catalog& catalog, const Parts& parts);

// A ${...} name that belongs to a template rather than to IAM: a CloudFormation reference
// ("Bucket", "Role.Arn"), pseudo parameter ("AWS::Region") or function ("Fn::ImportValue").
bool is_template_reference(std::string_view name);

// `text` of a value CloudFormation computes (Fn::Sub, rendered as "${Name}"), with every template
// reference ${Name} replaced by `stand_in`, so the text around it can still be judged:
// "${Service}:GetObject" -> "x:GetObject". IAM policy variables (${aws:username}) are kept.
std::string mask_template_references(std::string_view text, std::string_view stand_in);

// Byte offset in the source of byte `index` of the unescaped text of string node `node`.
uint32_t source_offset(const input::JsonNode& node, std::string_view source, size_t index);

// ARN fields by name, for messages.
std::string_view field_name(Field field);

}  // namespace sagelint::rules::arn
