// Turns command-line paths into the files to lint, in sorted order: as a stream (FileStream,
// what a lint run reads: directories are walked while the files already found are linted, so
// memory does not grow with the number of files) or as a list (discover()).
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace sagelint::cli {

// A line for the log that comes with the files (a link not followed, a directory that cannot be
// read): logged in file order, so the log is the same for any number of workers.
struct LogLine {
  enum class Level { Info, Warning, Error };  // an Error fails the run (exit 2)
  Level level = Level::Warning;
  std::string text;
};

// One file to lint, as a feed yields it.
struct InputFile {
  std::string path;           // display path; "-" standard input
  bool named = false;         // named on the command line: skipped is a warning, not an info line
  std::vector<size_t> roots;  // the directory arguments it was found under (for "nothing linted")
  std::vector<LogLine> log;   // to log before this file's own messages
};

// The files of a run in output order. next() is called from one thread at a time (any thread).
class FileFeed {
 public:
  virtual ~FileFeed() = default;
  virtual bool next(InputFile& out) = 0;
  // How many files there will be, when known before the first next() (fewer workers for fewer files).
  virtual size_t size_hint() const { return static_cast<size_t>(-1); }
  // After next() returned false: log lines that came after the last file.
  virtual std::vector<LogLine> rest() { return {}; }
};

// A fixed list (tests, explicit names).
class ListFeed : public FileFeed {
 public:
  explicit ListFeed(std::vector<InputFile> files) : files_(std::move(files)) {}
  bool next(InputFile& out) override;
  size_t size_hint() const override { return files_.size(); }

 private:
  std::vector<InputFile> files_;
  size_t at_ = 0;
};

struct DiscoverSettings {
  std::vector<std::string> include;  // globs relative to `base`
  std::vector<std::string> exclude;
  std::filesystem::path base;
  bool follow_symlinks = false;
  bool use_gitignore = false;
};

// Directories are searched recursively for files matching `include` (globs relative to
// `base`) and not matching `exclude`; symlinked directories are followed once (loops are
// reported, not followed). Unless `follow_symlinks`, a symbolic link whose target lies outside
// the directory named on the command line is not followed (a warning says so), and a file named
// explicitly through a link that leads out of the current directory is an error. Only regular
// files are listed. Files named explicitly are linted unless excluded. With `use_gitignore`, a
// directory inside a git work tree is walked without what git ignores there (git ls-files);
// .git, .hg, node_modules, .terraform and .venv are never walked.
//
// The files come in sorted order (byte order of the display path), each once, whatever the
// order of the arguments: each argument is a sorted stream (a directory is walked depth-first
// with its entries sorted so that a subdirectory's files come where their paths sort), merged.
// Memory holds the sorted entries of the directories being walked, not the files found.
class FileStream : public FileFeed {
 public:
  FileStream(const std::vector<std::string>& paths, DiscoverSettings settings);
  ~FileStream() override;
  FileStream(const FileStream&) = delete;
  FileStream& operator=(const FileStream&) = delete;

  bool next(InputFile& out) override;
  size_t size_hint() const override;
  std::vector<LogLine> rest() override;

  // The files named on the command line (and "-") that will be linted, sorted; known at once.
  const std::vector<std::string>& named() const { return named_; }
  // Never hand out this file (the baseline, a report file): by identity, whatever its name.
  // `note`, when not empty, is logged as an info line "PATH<note>" where the walk meets it.
  // No effect when the file does not exist.
  void leave_out(const std::string& path, std::string note = {});
  // Whether the walk reaches a file that is `path` (by identity): walks a second stream over
  // the same arguments to the end. For the rare checks that must be made before a run starts.
  static bool reaches(const std::vector<std::string>& paths, const DiscoverSettings& settings, const std::string& path);

  // Each directory argument, with how many files were found under it (final once next()
  // returned false; left-out files count).
  struct Root {
    std::string path;  // as given
    size_t found = 0;
  };
  const std::vector<Root>& roots() const { return roots_; }

 private:
  struct Source;
  DiscoverSettings settings_;
  std::vector<std::unique_ptr<Source>> sources_;
  std::vector<std::string> named_;
  std::vector<Root> roots_;
  std::vector<LogLine> carry_;  // lines to log with the next file handed out
  std::vector<std::pair<std::pair<dev_t, ino_t>, std::string>> left_out_;
  bool any_directory_ = false;
};

struct DiscoverResult {
  std::vector<std::string> files;     // display paths, sorted, unique; "-" for stdin
  std::vector<std::string> errors;    // missing paths, unreadable directories: exit 2
  std::vector<std::string> warnings;  // directory and symbolic link loops, links out of the tree
  // Files named on the command line (and "-"): a skipped one is reported, not passed over.
  std::set<std::string> named;
  // Each directory argument with the files found under it.
  std::vector<std::pair<std::string, std::vector<std::string>>> directories;
};

// The whole stream as a list (explain-access, which needs every file before it starts).
DiscoverResult discover(const std::vector<std::string>& paths, const std::vector<std::string>& include,
                        const std::vector<std::string>& exclude, const std::filesystem::path& base,
                        bool follow_symlinks = false, bool use_gitignore = false);

}  // namespace sagelint::cli
