// Matching primitives of the evaluator: IAM wildcards, policy variables, ARNs, numbers, dates
// and IP ranges. Internal to src/eval.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/text.hpp"

namespace sagelint::eval {
class Context;
}

namespace sagelint::eval::detail {

// A pattern after policy variables are resolved. Values 0..255 are literal bytes; the two
// negative values are the wildcards. Keeping wildcards out of band means a literal '*' that
// came from ${*} or from a variable's value can never act as a wildcard.
using GlobChar = int16_t;
inline constexpr GlobChar kStar = -1;      // any run of characters, also empty
inline constexpr GlobChar kQuestion = -2;  // exactly one character
using Glob = std::vector<GlobChar>;

void append_literal(Glob& out, std::string_view text);
// Whole-string match; `fold_case` compares ASCII letters case-insensitively.
bool glob_match(const Glob& pattern, std::string_view text, bool fold_case);
bool has_wildcard(const Glob& pattern);
// The pattern as IAM would print it (wildcards as '*' and '?').
std::string glob_text(const Glob& pattern);

// ARN matching as the Resource element and the Arn* operators do it: the six colon-delimited
// parts (arn, partition, service, region, account, resource) are compared one by one, so a
// wildcard cannot run across a ':' in the first five; the resource part, which may itself hold
// colons, is compared as a whole. A pattern with fewer than six parts is compared as a plain
// wildcard string over the whole text (this is how "arn:aws:s3:::*"-style prefixes and the
// "*key/volume-kms-key-12345" ArnLike example of the SageMaker developer guide read).
bool arn_match(const Glob& pattern, std::string_view arn);

// A string value from a policy, split into literal text, wildcards and policy variables.
struct Piece {
  enum class Kind : uint8_t { Text, Star, Question, Variable };
  Kind kind = Kind::Text;
  std::string text;      // literal text, or the variable's key folded to lower case
  std::string fallback;  // ${key, 'default'}
  bool has_fallback = false;
  bool multivalued = false;  // the variable names a multivalued key: it never resolves
};

struct Template {
  std::vector<Piece> pieces;
  bool has_variables = false;
  Glob flat;  // the resolved form when there are no variables
};

// `wildcards`: '*' and '?' are wildcards (StringLike, Arn*, Resource); otherwise literal.
// `variables`: ${...} is a policy variable (policies with Version 2012-10-17 only);
// `variables_from`: variables are recognised only from this byte offset on (the Resource element
// takes them only in the resource part of the ARN).
Template compile_template(std::string_view raw, bool wildcards, bool variables, size_t variables_from = 0);
// Where an ARN's resource part starts (after the fifth ':'), npos when there is none: policy
// variables in a Resource are recognised only there.
size_t after_fifth_colon(std::string_view raw);
// Resolves the variables from the request context. False when a variable is absent, has no single
// value, or names a multivalued key, and has no default: the value then matches nothing.
bool resolve(const Template& tpl, const Context& context, Glob& out);
// Like resolve, but a variable that does not resolve becomes '*': the pattern then covers every
// value the variable could have had.
void resolve_widened(const Template& tpl, const Context& context, Glob& out);
// Variables the template reads (keys folded to lower case).
void template_variables(const Template& tpl, std::vector<std::string>& out);

std::optional<double> parse_number(std::string_view text);
// ISO 8601 as the W3C profile writes it (YYYY, YYYY-MM, YYYY-MM-DD, with Thh:mm[:ss[.s]] and a
// zone designator), or UNIX epoch seconds. Milliseconds since the epoch.
std::optional<int64_t> parse_date(std::string_view text);
std::string format_date(int64_t epoch_ms);
std::optional<bool> parse_bool(std::string_view text);

struct IpNet {
  std::array<uint8_t, 16> bytes{};
  bool v6 = false;
  int prefix = 32;  // bits
};
// An address, or with `allow_prefix` a CIDR range; a bare address in a policy is a /32 or /128.
std::optional<IpNet> parse_ip(std::string_view text, bool allow_prefix);
bool ip_in(const IpNet& net, const IpNet& address);
std::string format_ip(const IpNet& address);

}  // namespace sagelint::eval::detail
