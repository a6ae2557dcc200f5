#include "rules/common.hpp"

#include <algorithm>

namespace sagelint::rules {

namespace {
size_t characters(std::string_view text) {
  size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}
}  // namespace

std::string quote(std::string_view text) {
  constexpr size_t kMax = 80;
  std::string out;
  out.reserve(std::min(text.size(), kMax) + 64);
  out += '\'';
  if (text.size() <= kMax) {
    out.append(text);
    out += '\'';
    return out;
  }
  size_t cut = kMax;
  // Do not cut inside a UTF-8 sequence.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  // Says that it is cut, and how much is left out: "..." alone could be part of the value.
  out.append(text.substr(0, cut));
  out += "...' (truncated: ";
  out += std::to_string(characters(text.substr(0, cut)));
  out += " of ";
  out += std::to_string(characters(text));
  out += " characters)";
  return out;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace sagelint::rules
