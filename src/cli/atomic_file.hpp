// Write a file so that readers see either the old content or the complete new content:
// write a temporary file in the same directory, flush it to disk, then rename over.
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

 private:
  std::string path_;
  std::string temp_;
  int fd_ = -1;
  bool failed_ = false;
  int errno_ = 0;
};

}  // namespace sagelint::cli
