#include "cli/discover.hpp"

#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>

#include "input/glob.hpp"
#include "lint/linter.hpp"

namespace sagelint::cli {
namespace {

bool matches(const std::vector<std::string>& globs, const std::string& rel) {
  return std::any_of(globs.begin(), globs.end(), [&](const std::string& g) { return input::glob_match(g, rel); });
}

// Directories that are never policy sources, only copies of other people's (downloaded modules,
// virtual environments, packages) and would slow a walk down: skipped with or without git.
bool skipped_dir(const std::string& name) {
  return name == ".git" || name == ".hg" || name == "node_modules" || name == ".terraform" || name == ".venv";
}

// Runs a program (no shell) and collects its standard output; false when it cannot be run or
// exits non-zero.
bool capture(const std::vector<std::string>& argv, std::string& out) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return false;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  if (rc != 0) {
    ::close(fds[0]);
    return false;
  }
  char buf[65536];
  while (true) {
    ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// What git ignores under `dir` (untracked files and whole directories that .gitignore,
// .git/info/exclude or the global excludes name), as paths the walk builds. Git's own rules,
// from git itself: none when `dir` is not in a git work tree or git is not installed.
// fsmonitor is switched off: a repository's configuration must not start programs.
bool git_ignored(const std::string& dir, std::set<std::string>& ignored) {
  std::string out;
  if (!capture({"git", "-c", "core.fsmonitor=false", "-C", dir, "ls-files", "-z", "--others", "--ignored",
                "--exclude-standard", "--directory"},
               out)) {
    return false;
  }
  for (size_t start = 0; start < out.size();) {
    size_t nul = out.find('\0', start);
    if (nul == std::string::npos) nul = out.size();
    std::string rel = out.substr(start, nul - start);
    start = nul + 1;
    while (rel.ends_with('/')) rel.pop_back();
    if (rel.empty()) continue;
    ignored.insert(dir == "." ? rel : (dir.ends_with('/') ? dir + rel : dir + "/" + rel));
  }
  return true;
}

// The canonical absolute path (every link resolved), or empty when it cannot be resolved.
std::string real_path(const std::string& path) {
  char buf[PATH_MAX];
  if (::realpath(path.c_str(), buf) == nullptr) return {};
  return buf;
}

bool inside(const std::string& path, const std::string& root) {
  if (root.empty() || path.empty()) return false;
  if (root == "/") return true;
  return path == root || (path.starts_with(root) && path[root.size()] == '/');
}

struct Walker {
  const std::vector<std::string>& include;
  const std::vector<std::string>& exclude;
  const std::filesystem::path& base;
  DiscoverResult& result;
  bool follow_symlinks;
  std::set<std::pair<dev_t, ino_t>> visited;
  std::set<std::string> ignored;  // by git, under the directory being walked
  std::string root;
  std::string root_display;  // as the user wrote it  // real path of the directory named on the command line

  void walk(const std::string& dir) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0) {
      result.warnings.push_back(dir + ": " + std::strerror(errno));
      return;
    }
    if (!visited.insert({st.st_dev, st.st_ino}).second) {
      result.warnings.push_back(dir + ": directory loop (already visited), not followed");
      return;
    }
    std::error_code ec;
    std::filesystem::directory_iterator it(dir, ec);
    if (ec) {
      // Files in it go unchecked: as much a failure as a file that cannot be read (exit 2).
      result.errors.push_back(dir + ": cannot read directory: " + ec.message());
      return;
    }
    std::vector<std::string> children;
    for (; it != std::filesystem::directory_iterator(); it.increment(ec)) {
      if (ec) break;
      children.push_back(it->path().filename().string());
    }
    std::sort(children.begin(), children.end());
    for (const auto& name : children) {
      std::string path = (dir == ".") ? name : (dir.ends_with('/') ? dir + name : dir + "/" + name);
      if (!ignored.empty() && ignored.count(path) > 0) continue;
      // A link in the tree is the tree's author's choice, not the user's: one that leads out of
      // the directory named on the command line (to ~/.aws/credentials, /proc/kmsg ...) is not
      // followed, so a pull request cannot make the run read, quote or hang on files elsewhere.
      struct stat lst {};
      if (!follow_symlinks && ::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
        std::string target = real_path(path);
        if (!target.empty() && !inside(target, root)) {
          result.warnings.push_back(path + ": symbolic link to outside " + root_display +
                                    ", not followed (--follow-symlinks follows it)");
          continue;
        }
      }
      struct stat cst {};
      if (::stat(path.c_str(), &cst) != 0) {
        // A dangling link or a file that vanished has nothing to lint; anything else (a
        // directory we may list but not search, a link loop) would silently skip files.
        if (errno == ELOOP) {
          result.warnings.push_back(path + ": symbolic link loop, not followed");
        } else if (errno != ENOENT) {
          result.errors.push_back(path + ": " + std::strerror(errno));
        }
        continue;
      }
      std::string rel = lint::relative_for_matching(path, base);
      if (S_ISDIR(cst.st_mode)) {
        if (skipped_dir(name) || matches(exclude, rel) || matches(exclude, rel + "/")) continue;
        walk(path);
      } else if (S_ISREG(cst.st_mode)) {
        if (matches(include, rel) && !matches(exclude, rel)) result.files.push_back(path);
      }
    }
  }
};

// True when resolving the links in `path` (the file itself or a directory on the way) leads out
// of `root`. A path without links is the user's own choice, wherever it points.
bool through_link_outside(const std::string& path, const std::string& root) {
  std::string real = real_path(path);
  if (real.empty() || inside(real, root)) return false;
  std::error_code ec;
  std::filesystem::path lexical = std::filesystem::absolute(path, ec).lexically_normal();
  return ec || lexical.string() != real;
}

}  // namespace

DiscoverResult discover(const std::vector<std::string>& paths, const std::vector<std::string>& include,
                        const std::vector<std::string>& exclude, const std::filesystem::path& base,
                        bool follow_symlinks, bool use_gitignore) {
  DiscoverResult result;
  Walker walker{include, exclude, base, result, follow_symlinks, {}, {}, {}, {}};
  const std::string cwd = real_path(".");
  for (const auto& p : paths) {
    if (p == "-") {
      result.files.push_back("-");
      result.named.insert("-");
      continue;
    }
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) {
      int err = errno;
      struct stat lst {};
      if (::lstat(p.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
        result.errors.push_back(p + ": broken symbolic link or link loop (" + std::strerror(err) + ")");
      } else {
        result.errors.push_back(p + ": " +
                                (err == ENOENT ? std::string("no such file or directory") : std::strerror(err)));
      }
      continue;
    }
    if (S_ISDIR(st.st_mode)) {
      std::string dir = p;
      while (dir.size() > 1 && dir.ends_with('/')) dir.pop_back();
      walker.root = real_path(dir);
      walker.root_display = "'" + dir + "'";
      size_t first = result.files.size();
      walker.ignored.clear();
      if (use_gitignore && git_ignored(dir, walker.ignored) && !walker.ignored.empty()) {
        result.git_ignored.emplace_back(dir, walker.ignored.size());
      }
      walker.walk(dir);
      result.directories.emplace_back(p, std::vector<std::string>(result.files.begin() + first, result.files.end()));
    } else {
      // A file named through a link that leads out of the current directory: the name may come
      // from the tree being linted (pre-commit passes the changed files, links included).
      if (!follow_symlinks && through_link_outside(p, cwd)) {
        result.errors.push_back(p +
                                ": symbolic link to outside the current directory, not followed "
                                "(--follow-symlinks follows it)");
        continue;
      }
      // Named explicitly: read whatever its extension, unless the config excludes it.
      if (!matches(exclude, lint::relative_for_matching(p, base))) {
        result.files.push_back(p);
        result.named.insert(p);
      }
    }
  }
  std::sort(result.files.begin(), result.files.end());
  result.files.erase(std::unique(result.files.begin(), result.files.end()), result.files.end());
  return result;
}

}  // namespace sagelint::cli
