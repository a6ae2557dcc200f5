#include "cli/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

namespace sagelint::cli {

bool AtomicFile::open(const std::string& path, std::string& error) {
  path_ = path;
  std::filesystem::path p(path);
  std::string dir = p.has_parent_path() ? p.parent_path().string() : ".";
  temp_ = dir + "/." + p.filename().string() + ".sagelint-XXXXXX";
  std::vector<char> buf(temp_.begin(), temp_.end());
  buf.push_back('\0');
  fd_ = ::mkstemp(buf.data());
  if (fd_ < 0) {
    error = "cannot write " + path + ": " + std::strerror(errno);
    temp_.clear();
    return false;
  }
  temp_.assign(buf.data());
  // Keep the permissions of a file we replace; new files get the usual 0666 & ~umask.
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    ::fchmod(fd_, st.st_mode & 07777);
  } else {
    mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd_, 0666 & ~mask);
  }
  return true;
}

bool AtomicFile::write(std::string_view data) {
  while (!failed_ && !data.empty()) {
    ssize_t n = ::write(fd_, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      failed_ = true;
      errno_ = errno;
      break;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return !failed_;
}

bool AtomicFile::commit(std::string& error) {
  if (fd_ < 0) return false;
  if (!failed_ && ::fsync(fd_) != 0) {
    failed_ = true;
    errno_ = errno;
  }
  if (::close(fd_) != 0 && !failed_) {
    failed_ = true;
    errno_ = errno;
  }
  fd_ = -1;
  if (!failed_ && ::rename(temp_.c_str(), path_.c_str()) != 0) {
    failed_ = true;
    errno_ = errno;
  }
  if (failed_) {
    ::unlink(temp_.c_str());
    temp_.clear();
    error = "cannot write " + path_ + ": " + std::strerror(errno_);
    return false;
  }
  temp_.clear();
  return true;
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!temp_.empty()) ::unlink(temp_.c_str());
}

}  // namespace sagelint::cli
