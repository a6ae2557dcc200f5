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
#include <string_view>

#include "input/glob.hpp"
#include "lint/linter.hpp"
#include "report/escape.hpp"

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
  args.reserve(argv.size() + 1);
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

// The temporary file AtomicFile writes beside a report or a file being fixed
// (".NAME.sagelint-XXXXXX"): the walk runs while they exist, and they are never input.
bool our_temporary(const std::string& name) {
  constexpr std::string_view kMark = ".sagelint-";
  return name.starts_with('.') && name.size() > kMark.size() + 6 &&
         name.compare(name.size() - 6 - kMark.size(), kMark.size(), kMark) == 0;
}

using FileId = std::pair<dev_t, ino_t>;

// Walks one directory argument depth-first and hands out its files one at a time, in the byte
// order of their paths: a directory's entries are sorted by name, a subdirectory's as if its
// name ended in '/' (which is where every path under it sorts), so "a.json" comes before "a/x"
// and "a/x" before "a0.json", as sorting the whole list would place them.
class Walker {
 public:
  Walker(const DiscoverSettings& settings, std::string root, std::string root_display)
      : settings_(settings), root_(std::move(root)), root_display_(std::move(root_display)) {}

  void set_ignored(std::set<std::string> ignored) { ignored_ = std::move(ignored); }

  // Starts at `dir` (or logs why it cannot be walked).
  void enter(const std::string& dir, std::vector<LogLine>& log) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0) {
      log.push_back({LogLine::Level::Warning, dir + ": " + std::strerror(errno)});
      return;
    }
    if (!visited_.insert({st.st_dev, st.st_ino}).second) {
      log.push_back({LogLine::Level::Warning, dir + ": directory loop (already visited), not followed"});
      return;
    }
    std::error_code ec;
    std::filesystem::directory_iterator it(dir, ec);
    if (ec) {
      // Files in it go unchecked: as much a failure as a file that cannot be read (exit 2).
      log.push_back({LogLine::Level::Error, dir + ": cannot read directory: " + ec.message()});
      return;
    }
    Frame frame;
    frame.dir = dir;
    for (; it != std::filesystem::directory_iterator(); it.increment(ec)) {
      if (ec) break;
      std::string key = it->path().filename().string();
      std::error_code type_ec;
      if (it->is_directory(type_ec)) key += '/';
      frame.keys.push_back(std::move(key));
    }
    std::sort(frame.keys.begin(), frame.keys.end());
    stack_.push_back(std::move(frame));
  }

  // The next file and its identity; false when the walk is over. What is not followed or cannot
  // be read goes to `log`.
  bool next(std::string& out, FileId& id, std::vector<LogLine>& log) {
    while (!stack_.empty()) {
      Frame& frame = stack_.back();
      if (frame.at == frame.keys.size()) {
        stack_.pop_back();
        continue;
      }
      std::string name = std::move(frame.keys[frame.at++]);
      const bool listed_as_dir = name.ends_with('/');
      if (listed_as_dir) name.pop_back();
      const std::string& dir = frame.dir;
      std::string path = (dir == ".") ? name : (dir.ends_with('/') ? dir + name : dir + "/" + name);
      if (!ignored_.empty() && ignored_.count(path) > 0) continue;
      if (our_temporary(name)) continue;
      // A link in the tree is the tree's author's choice, not the user's: one that leads out of
      // the directory named on the command line (to ~/.aws/credentials, /proc/kmsg ...) is not
      // followed, so a pull request cannot make the run read, quote or hang on files elsewhere.
      struct stat lst {};
      if (!settings_.follow_symlinks && ::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
        std::string target = real_path(path);
        if (!target.empty() && !inside(target, root_)) {
          log.push_back({LogLine::Level::Warning, path + ": symbolic link to outside " + root_display_ +
                                                      ", not followed (--follow-symlinks follows it)"});
          continue;
        }
      }
      struct stat cst {};
      if (::stat(path.c_str(), &cst) != 0) {
        // A dangling link or a file that vanished has nothing to lint; anything else (a
        // directory we may list but not search, a link loop) would silently skip files.
        const int err = errno;
        if (err == ELOOP) {
          log.push_back({LogLine::Level::Warning, path + ": symbolic link loop, not followed"});
        } else if (err != ENOENT) {
          log.push_back({LogLine::Level::Error, path + ": " + std::strerror(err)});
        } else if (!listed_as_dir && ::lstat(path.c_str(), &lst) != 0 && errno == ENOENT) {
          // Listed, then gone before the walk came to it (the walk runs with the lint): a file
          // the run would have read is unchecked, as when it vanishes before it is read.
          std::string rel = lint::relative_for_matching(path, settings_.base);
          if (matches(settings_.include, rel) && !matches(settings_.exclude, rel)) {
            log.push_back({LogLine::Level::Error, path + ": " + std::strerror(err)});
          }
        }
        continue;
      }
      std::string rel = lint::relative_for_matching(path, settings_.base);
      if (S_ISDIR(cst.st_mode)) {
        if (skipped_dir(name) || matches(settings_.exclude, rel) || matches(settings_.exclude, rel + "/")) continue;
        enter(path, log);  // may reallocate the stack: `frame` is not used after this
      } else if (S_ISREG(cst.st_mode)) {
        if (matches(settings_.include, rel) && !matches(settings_.exclude, rel)) {
          out = std::move(path);
          id = {cst.st_dev, cst.st_ino};
          return true;
        }
      }
    }
    return false;
  }

 private:
  struct Frame {
    std::string dir;
    std::vector<std::string> keys;  // entry names, a directory's with '/' appended, sorted
    size_t at = 0;
  };
  const DiscoverSettings& settings_;
  std::string root_;          // real path of the directory named on the command line
  std::string root_display_;  // as the user wrote it, quoted
  std::set<FileId> visited_;
  std::set<std::string> ignored_;  // by git, under the directory being walked
  std::vector<Frame> stack_;
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

// One argument: a named file (one path) or a directory walk.
struct FileStream::Source {
  bool named = false;
  size_t root = 0;                 // for a directory: its index in roots_
  std::unique_ptr<Walker> walker;  // null for a named file
  std::string head;                // the next path, when has_head
  FileId id{};
  bool has_head = false;
  bool done = false;
  std::vector<LogLine> pending;  // lines met on the way to `head`

  void advance() {
    if (done || has_head) return;
    if (!walker || !walker->next(head, id, pending)) {
      done = true;
      return;
    }
    has_head = true;
  }
};

FileStream::FileStream(const std::vector<std::string>& paths, DiscoverSettings settings)
    : settings_(std::move(settings)) {
  const std::string cwd = real_path(".");
  auto named_source = [&](const std::string& p, FileId id) {
    auto s = std::make_unique<Source>();
    s->named = true;
    s->head = p;
    s->id = id;
    s->has_head = true;
    sources_.push_back(std::move(s));
    named_.push_back(p);
  };
  for (const auto& p : paths) {
    if (p == "-") {
      named_source("-", {});
      continue;
    }
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) {
      int err = errno;
      struct stat lst {};
      if (::lstat(p.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
        carry_.push_back(
            {LogLine::Level::Error, p + ": broken symbolic link or link loop (" + std::strerror(err) + ")"});
      } else {
        carry_.push_back({LogLine::Level::Error,
                          p + ": " + (err == ENOENT ? std::string("no such file or directory") : std::strerror(err))});
      }
      continue;
    }
    if (S_ISDIR(st.st_mode)) {
      any_directory_ = true;
      std::string dir = p;
      while (dir.size() > 1 && dir.ends_with('/')) dir.pop_back();
      auto s = std::make_unique<Source>();
      s->root = roots_.size();
      roots_.push_back({p, 0});
      s->walker = std::make_unique<Walker>(settings_, real_path(dir), "'" + dir + "'");
      std::set<std::string> ignored;
      if (settings_.use_gitignore && git_ignored(dir, ignored) && !ignored.empty()) {
        s->pending.push_back({LogLine::Level::Info, report::escape_text(dir) + ": " + std::to_string(ignored.size()) +
                                                        " path(s) git ignores not walked (--no-gitignore lints them)"});
        s->walker->set_ignored(std::move(ignored));
      }
      s->walker->enter(dir, s->pending);
      sources_.push_back(std::move(s));
    } else {
      // A file named through a link that leads out of the current directory: the name may come
      // from the tree being linted (pre-commit passes the changed files, links included).
      if (!settings_.follow_symlinks && through_link_outside(p, cwd)) {
        carry_.push_back({LogLine::Level::Error, p + ": symbolic link to outside the current directory, not followed "
                                                     "(--follow-symlinks follows it)"});
        continue;
      }
      // Named explicitly: read whatever its extension, unless the config excludes it.
      if (!matches(settings_.exclude, lint::relative_for_matching(p, settings_.base))) {
        named_source(p, {st.st_dev, st.st_ino});
      }
    }
  }
  std::sort(named_.begin(), named_.end());
  named_.erase(std::unique(named_.begin(), named_.end()), named_.end());
}

FileStream::~FileStream() = default;

size_t FileStream::size_hint() const { return any_directory_ ? static_cast<size_t>(-1) : named_.size(); }

void FileStream::leave_out(const std::string& path, std::string note) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return;
  left_out_.emplace_back(FileId{st.st_dev, st.st_ino}, std::move(note));
}

bool FileStream::next(InputFile& out) {
  out = InputFile();
  out.log = std::move(carry_);
  carry_.clear();
  while (true) {
    Source* best = nullptr;
    for (auto& s : sources_) {
      s->advance();
      if (s->has_head && (best == nullptr || s->head < best->head)) best = s.get();
    }
    if (best == nullptr) {
      for (auto& s : sources_) {
        for (auto& line : s->pending) out.log.push_back(std::move(line));
        s->pending.clear();
      }
      carry_ = std::move(out.log);
      return false;
    }
    const std::string path = best->head;
    const FileId id = best->id;
    bool named = false;
    std::vector<size_t> roots;
    for (auto& s : sources_) {
      if (!s->has_head || s->head != path) continue;
      for (auto& line : s->pending) out.log.push_back(std::move(line));
      s->pending.clear();
      s->has_head = false;
      if (s->named) {
        named = true;
        s->done = true;
      } else {
        roots.push_back(s->root);
        ++roots_[s->root].found;
      }
    }
    bool leave = false;
    if (path != "-") {
      for (const auto& [left, note] : left_out_) {
        if (left != id) continue;
        leave = true;
        if (!note.empty()) out.log.push_back({LogLine::Level::Info, path + note});
      }
    }
    if (leave) continue;  // its log lines go with the next file
    out.path = path;
    out.named = named;
    out.roots = std::move(roots);
    return true;
  }
}

std::vector<LogLine> FileStream::rest() { return std::move(carry_); }

bool FileStream::reaches(const std::vector<std::string>& paths, const DiscoverSettings& settings,
                         const std::string& path) {
  struct stat target {};
  if (::stat(path.c_str(), &target) != 0) return false;
  FileStream stream(paths, settings);
  InputFile f;
  while (stream.next(f)) {
    struct stat st {};
    if (f.path != "-" && ::stat(f.path.c_str(), &st) == 0 && st.st_dev == target.st_dev && st.st_ino == target.st_ino) {
      return true;
    }
  }
  return false;
}

bool ListFeed::next(InputFile& out) {
  if (at_ >= files_.size()) return false;
  out = std::move(files_[at_++]);
  return true;
}

DiscoverResult discover(const std::vector<std::string>& paths, const std::vector<std::string>& include,
                        const std::vector<std::string>& exclude, const std::filesystem::path& base,
                        bool follow_symlinks, bool use_gitignore) {
  DiscoverResult result;
  FileStream stream(paths, DiscoverSettings{include, exclude, base, follow_symlinks, use_gitignore});
  result.named.insert(stream.named().begin(), stream.named().end());
  for (const auto& root : stream.roots()) result.directories.emplace_back(root.path, std::vector<std::string>());
  auto take = [&](std::vector<LogLine>& log) {
    for (auto& line : log) {
      if (line.level == LogLine::Level::Error) result.errors.push_back(std::move(line.text));
      if (line.level == LogLine::Level::Warning) result.warnings.push_back(std::move(line.text));
    }
  };
  InputFile f;
  while (stream.next(f)) {
    take(f.log);
    for (size_t root : f.roots) result.directories[root].second.push_back(f.path);
    result.files.push_back(std::move(f.path));
  }
  std::vector<LogLine> rest = stream.rest();
  take(rest);
  return result;
}

}  // namespace sagelint::cli
