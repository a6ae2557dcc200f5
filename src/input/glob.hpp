// Path globs as users write them in .sagelint.toml and on the command line:
// `*` and `?` stay inside one path segment, `**` spans segments, `[abc]` is a class.
#pragma once

#include <string_view>

namespace sagelint::input {

// `path` uses '/' separators and is relative to the config's directory (or the cwd).
// A pattern without '/' matches the base name anywhere ("*.json"), as .gitignore does.
bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace sagelint::input
