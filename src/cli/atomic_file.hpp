// Write a file so that readers see either the old content or the complete new content:
// write a temporary file in the same directory, flush it to disk, then rename over.
//
// A symbolic link is written through (its target is replaced, the link stays) when its target
// is inside the current directory; a link out of it or a link loop is an error. A target that
// exists but is not a regular file (a terminal, /dev/null, a pipe from `-o >(gzip)`) cannot be
// replaced by renaming, and must not be: it is opened and written directly.
#pragma once

#include <string>
#include <string_view>

namespace sagelint::cli {

class AtomicFile {
 public:
  // Returns false with `error` set when the temporary file cannot be created.
  bool open(const std::string& path, std::string& error);
  bool write(std::string_view data);
  // Renames into place; on any failure removes the temporary file.
  bool commit(std::string& error);
  ~AtomicFile();

  // Installs SIGINT/SIGTERM/SIGHUP handlers that remove every temporary file still open, then
  // die of the signal as before: an interrupted run leaves neither a partial output nor litter.
  static void install_signal_cleanup();

 private:
  std::string path_;    // what the user named
  std::string target_;  // what is replaced: path_ with a symbolic link resolved
  std::string temp_;
  int fd_ = -1;
  int slot_ = -1;        // index in the signal-cleanup table, -1 if not tracked
  bool direct_ = false;  // writing straight into a non-regular file
  bool failed_ = false;
  int errno_ = 0;

  void forget_temp();
};

}  // namespace sagelint::cli
