// ARNs as the resource rules read them: the six fields (split without breaking policy variables
// apart), what each field may hold, and where a byte of a string value is in the source.
#pragma once

#include <cstdint>
#include <string_view>

#include "input/json.hpp"
#include "text/text.hpp"

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
// A complete ARN: "arn:" and all six fields, split into `out`; false for anything else.
bool split_complete(std::string_view text, Parts& out);

// A policy variable ("${aws:username}") in the text.
bool has_variable(std::string_view text);

bool is_known_partition(std::string_view partition);
// A Region code shape (us-east-1, us-gov-west-1, cn-north-1, eu-isoe-west-1), lowercase.
bool is_region_code(std::string_view region);
// 12 digits, or digits with IAM wildcards standing in for some of them.
bool is_account_pattern(std::string_view account);

// Common documentation stand-ins (123456789012, 111122223333, twelve equal digits ...).
bool is_example_account(std::string_view account);

// Byte offset in the source of byte `index` of the unescaped text of string node `node`.
uint32_t source_offset(const input::JsonNode& node, std::string_view source, size_t index);

// Where field `field` of `parts` (split from string node `node`) is in the source, [begin, end).
struct SourceRange {
  uint32_t begin = 0;
  uint32_t end = 0;
};
SourceRange field_range(const input::JsonNode& node, std::string_view source, const Parts& parts, Field field);

// ARN fields by name, for messages.
std::string_view field_name(Field field);

}  // namespace sagelint::rules::arn
