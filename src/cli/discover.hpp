// Turns command-line paths into the sorted list of files to lint.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace sagelint::cli {

struct DiscoverResult {
  std::vector<std::string> files;     // display paths, sorted, unique; "-" for stdin
  std::vector<std::string> errors;    // missing paths, unreadable directories: exit 2
  std::vector<std::string> warnings;  // directory and symbolic link loops, links out of the tree
  // Files named on the command line (and "-"): a skipped one is reported, not passed over.
  std::set<std::string> named;
  // Each directory argument with the files found under it, to report one under which nothing
  // at all is linted (a typo in a CI path must not pass silently).
  std::vector<std::pair<std::string, std::vector<std::string>>> directories;
  // Directories walked without what git ignores in them, with how many paths git named.
  std::vector<std::pair<std::string, size_t>> git_ignored;
};

// Directories are searched recursively for files matching `include` (globs relative to
// `base`) and not matching `exclude`; symlinked directories are followed once (loops are
// reported, not followed). Unless `follow_symlinks`, a symbolic link whose target lies outside
// the directory named on the command line is not followed (a warning says so), and a file named
// explicitly through a link that leads out of the current directory is an error. Only regular
// files are listed. Files named explicitly are linted unless excluded. With `use_gitignore`, a
// directory inside a git work tree is walked without what git ignores there (git ls-files);
// .git, .hg, node_modules, .terraform and .venv are never walked.
DiscoverResult discover(const std::vector<std::string>& paths, const std::vector<std::string>& include,
                        const std::vector<std::string>& exclude, const std::filesystem::path& base,
                        bool follow_symlinks = false, bool use_gitignore = false);

}  // namespace sagelint::cli
