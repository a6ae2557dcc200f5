// Resource patterns against the ARN formats of the catalog: can a pattern (IAM wildcards, policy
// variables) name a resource of a given type, and which types an ARN most likely means.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "rules/support/arn.hpp"

namespace sagelint::rules::arn {

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

// The format as an IAM pattern: each ${...} becomes '*', except ${Partition}, which becomes
// `partition` ("*" by default: the pattern every ARN of the type matches, in any partition).
std::string format_as_pattern(std::string_view arn_format, std::string_view partition = "*");

// The service field of a format ("s3" for "arn:${Partition}:s3:::${BucketName}").
std::string_view format_service(std::string_view arn_format);

// Resource types of the ARN's service (its service field, an IAM service prefix) whose format
// fits the ARN once its Region and account fields are taken as wildcards: the types the ARN
// most likely means. Empty when the service is unknown or nothing fits.
std::vector<const catalog::ResourceType*> candidate_types(const catalog::Catalog& catalog, const Parts& parts);

// Field `field` of the type's ARN format: "" where the format has none (no Region in IAM ARNs,
// no account in S3 bucket ARNs).
std::string_view format_field(const catalog::ResourceType& type, Field field);
// Whether no type of `types` has field `field` in its format; whether every one has it.
bool none_has_field(const std::vector<const catalog::ResourceType*>& types, Field field);
bool all_have_field(const std::vector<const catalog::ResourceType*>& types, Field field);

// "sagemaker notebook-instance (arn:${Partition}:sagemaker:...)": a type of `service` as the
// ARN field messages name it.
std::string describe_type(std::string_view service, const catalog::ResourceType& type);

}  // namespace sagelint::rules::arn
