// Fixes that rewrite one JSON string token of the policy.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lint/finding.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {

// A fix that rewrites the JSON string `node` to hold `replacement`, or nothing when the token in
// `source` is not exactly the quoted text (JSON escapes, or a policy embedded in another string,
// whose nodes all span the containing token) or `replacement` would need escaping.
std::optional<lint::Fix> rewrite_string(std::string_view source, const JsonNode& node, std::string_view replacement,
                                        std::string description);
// The same for the key of an object member.
std::optional<lint::Fix> rewrite_key(std::string_view source, const JsonMember& member, std::string_view replacement,
                                     std::string description);
// "rename to 'name'": the key of `member` of `object` rewritten; none when another member of the
// object already has that name (the rename would make a duplicate key, which IAM rejects) or
// rewrite_key has none.
std::vector<lint::Fix> rename_key(std::string_view source, const JsonNode& object, const JsonMember& member,
                                  std::string_view name);

}  // namespace sagelint::rules
