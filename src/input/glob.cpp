#include "input/glob.hpp"

#include <string>

namespace sagelint::input {
namespace {

bool match_here(std::string_view p, std::string_view s) {
  size_t pi = 0;
  size_t si = 0;
  // Backtracking points for the last '*' and '**' seen.
  size_t star_p = std::string_view::npos, star_s = 0;
  size_t dstar_p = std::string_view::npos, dstar_s = 0;
  while (si < s.size()) {
    if (pi < p.size()) {
      if (p.compare(pi, 2, "**") == 0) {
        pi += 2;
        if (pi < p.size() && p[pi] == '/') ++pi;  // "**/" also matches zero segments
        dstar_p = pi;
        dstar_s = si;
        star_p = std::string_view::npos;
        continue;
      }
      char c = p[pi];
      if (c == '*') {
        star_p = ++pi;
        star_s = si;
        continue;
      }
      if (c == '?' && s[si] != '/') {
        ++pi;
        ++si;
        continue;
      }
      if (c == '[') {
        size_t close = p.find(']', pi + 1);
        if (close != std::string_view::npos) {
          bool negate = pi + 1 < close && (p[pi + 1] == '!' || p[pi + 1] == '^');
          bool found = false;
          for (size_t k = pi + 1 + (negate ? 1 : 0); k < close; ++k) {
            if (k + 2 < close && p[k + 1] == '-') {
              if (s[si] >= p[k] && s[si] <= p[k + 2]) found = true;
              k += 2;
            } else if (p[k] == s[si]) {
              found = true;
            }
          }
          if (found != negate && s[si] != '/') {
            pi = close + 1;
            ++si;
            continue;
          }
        } else if (s[si] == '[') {
          ++pi;
          ++si;
          continue;
        }
      } else if (c == s[si]) {
        ++pi;
        ++si;
        continue;
      }
    }
    if (star_p != std::string_view::npos && s[star_s] != '/') {
      pi = star_p;
      si = ++star_s;
      continue;
    }
    if (dstar_p != std::string_view::npos) {
      pi = dstar_p;
      si = ++dstar_s;
      star_p = std::string_view::npos;
      continue;
    }
    return false;
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  if (pattern.starts_with("./")) pattern.remove_prefix(2);
  if (path.starts_with("./")) path.remove_prefix(2);
  if (pattern.find('/') == std::string_view::npos) {
    size_t slash = path.rfind('/');
    std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
    return match_here(pattern, base);
  }
  if (pattern.starts_with('/')) pattern.remove_prefix(1);
  // "dir/" means everything below dir.
  if (pattern.ends_with('/')) {
    std::string_view dir = pattern.substr(0, pattern.size() - 1);
    return match_here(dir, path) || (path.size() > dir.size() && match_here(std::string(dir).append("/**"), path));
  }
  return match_here(pattern, path);
}

}  // namespace sagelint::input
