#include "rules/support/arn.hpp"

#include <algorithm>
#include <array>

#include "catalog/catalog.hpp"

namespace sagelint::rules::arn {

using text::is_digit;

Parts split(std::string_view text) {
  Parts parts;
  size_t start = 0;
  size_t field = 0;
  const size_t n = text.size();
  for (size_t i = 0; i < n && field < kResource; ++i) {
    if (text[i] == '$' && i + 1 < n && text[i + 1] == '{') {
      // A plain scan to the '}' (variables are short; find() costs a memchr call, and this runs
      // on every format and resource that rules compare).
      size_t close = i + 2;
      while (close < n && text[close] != '}') ++close;
      if (close == n) break;
      i = close;
      continue;
    }
    if (text[i] == ':') {
      parts.field[field] = text.substr(start, i - start);
      parts.at[field] = start;
      ++field;
      start = i + 1;
    }
  }
  parts.field[field] = text.substr(start);
  parts.at[field] = start;
  parts.count = field + 1;
  return parts;
}

bool has_variable(std::string_view text) { return text.find("${") != std::string_view::npos; }

bool is_known_partition(std::string_view partition) {
  static constexpr std::array<std::string_view, 8> kPartitions = {"aws",       "aws-cn",    "aws-us-gov", "aws-iso",
                                                                  "aws-iso-b", "aws-iso-e", "aws-iso-f",  "aws-eusc"};
  if (text::has_wildcard(partition)) {
    return std::any_of(kPartitions.begin(), kPartitions.end(),
                       [&](std::string_view p) { return catalog::wildcard_match(partition, p); });
  }
  return std::find(kPartitions.begin(), kPartitions.end(), partition) != kPartitions.end();
}

bool is_region_code(std::string_view region) {
  // area (2-4 letters), one or more words, then a number: us-east-1, us-gov-west-1, eusc-de-east-1.
  size_t i = 0;
  while (i < region.size() && region[i] >= 'a' && region[i] <= 'z') ++i;
  if (i < 2 || i > 4 || i == region.size() || region[i] != '-') return false;
  size_t words = 0;
  while (i < region.size() && region[i] == '-') {
    size_t j = i + 1;
    while (j < region.size() && region[j] >= 'a' && region[j] <= 'z') ++j;
    if (j == i + 1) break;
    ++words;
    i = j;
  }
  if (words == 0 || i >= region.size() || region[i] != '-') return false;
  size_t digits = region.size() - i - 1;
  if (digits < 1 || digits > 2) return false;
  return std::all_of(region.begin() + static_cast<std::ptrdiff_t>(i) + 1, region.end(), is_digit);
}

bool is_account_pattern(std::string_view account) {
  if (account.empty()) return false;
  if (!text::has_wildcard(account))
    return account.size() == 12 && std::all_of(account.begin(), account.end(), is_digit);
  if (!std::all_of(account.begin(), account.end(), [](char c) { return is_digit(c) || c == '*' || c == '?'; })) {
    return false;
  }
  size_t fixed = static_cast<size_t>(std::count_if(account.begin(), account.end(), [](char c) { return c != '*'; }));
  bool star = account.find('*') != std::string_view::npos;
  return star ? fixed <= 12 : fixed == 12;
}

bool is_example_account(std::string_view account) {
  if (account.size() != 12 || !std::all_of(account.begin(), account.end(), is_digit)) return false;
  if (std::all_of(account.begin(), account.end(), [&](char c) { return c == account[0]; })) return true;
  static constexpr std::array<std::string_view, 7> kExamples = {
      "123456789012", "012345678901", "012345678910", "111122223333", "444455556666", "777788889999", "210987654321"};
  return std::find(kExamples.begin(), kExamples.end(), account) != kExamples.end();
}

bool split_complete(std::string_view text, Parts& out) {
  if (!text.starts_with("arn:")) return false;
  out = split(text);
  return out.count == kFieldCount;
}

SourceRange field_range(const input::JsonNode& node, std::string_view source, const Parts& parts, Field field) {
  return {source_offset(node, source, parts.at[field]),
          source_offset(node, source, parts.at[field] + parts.field[field].size())};
}

uint32_t source_offset(const input::JsonNode& node, std::string_view source, size_t index) {
  const uint32_t first = node.begin + 1;
  if (node.end < node.begin + 2 || node.end > source.size()) return first;
  std::string_view raw = source.substr(first, node.end - node.begin - 2);
  if (raw.size() == node.text.size()) return first + static_cast<uint32_t>(std::min(index, raw.size()));
  size_t ri = 0;
  size_t ti = 0;
  while (ri < raw.size() && ti < index) {
    if (raw[ri] != '\\' || ri + 1 >= raw.size()) {
      ++ri;
      ++ti;
      continue;
    }
    if (raw[ri + 1] != 'u' || ri + 6 > raw.size()) {
      ri += 2;
      ++ti;
      continue;
    }
    auto hex = [&](size_t at) {
      return static_cast<uint32_t>(std::stoul(std::string(raw.substr(at, 4)), nullptr, 16));
    };
    uint32_t cp = 0;
    try {
      cp = hex(ri + 2);
    } catch (...) {
      ri += 2;
      ++ti;
      continue;
    }
    ri += 6;
    if (cp >= 0xD800 && cp <= 0xDBFF && ri + 6 <= raw.size() && raw[ri] == '\\' && raw[ri + 1] == 'u') {
      ri += 6;
      ti += 4;
      continue;
    }
    ti += cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
  }
  return first + static_cast<uint32_t>(ri);
}

std::string_view field_name(Field field) {
  switch (field) {
    case kPrefix:
      return "prefix";
    case kPartition:
      return "partition";
    case kService:
      return "service";
    case kRegion:
      return "Region";
    case kAccount:
      return "account";
    case kResource:
      return "resource";
    case kFieldCount:
      break;
  }
  return "resource";
}

}  // namespace sagelint::rules::arn
