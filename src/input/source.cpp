#include "input/source.hpp"

#include <fcntl.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstring>

namespace sagelint::input {

SourceFile::SourceFile(std::string display_path, std::string text)
    : path_(std::move(display_path)), text_(std::move(text)) {
  uint32_t first = 0;
  if (text_.size() >= 3 && text_.compare(0, 3, "\xEF\xBB\xBF") == 0) first = 3;
  line_starts_.push_back(first);
  const char* data = text_.data();
  const char* end = data + text_.size();
  for (const char* p = data; (p = static_cast<const char*>(std::memchr(p, '\n', end - p))) != nullptr; ++p) {
    line_starts_.push_back(static_cast<uint32_t>(p - data) + 1);
  }
  if (text_.size() > kMarkBytes) {
    char_marks_.reserve(text_.size() / kMarkBytes + 1);
    uint32_t chars = 0;
    // One mark per block start up to and including the end, so chars_before(size()) is defined.
    for (size_t block = 0;; block += kMarkBytes) {
      char_marks_.push_back(chars);
      if (block >= text_.size()) break;
      size_t stop = std::min<size_t>(block + kMarkBytes, text_.size());
      for (size_t i = block; i < stop; ++i) chars += (static_cast<unsigned char>(data[i]) & 0xC0) != 0x80;
    }
  }
}

// Counts characters, not bytes: UTF-8 continuation bytes do not start one.
uint32_t SourceFile::chars_before(uint32_t offset) const {
  uint32_t block = offset / kMarkBytes;
  uint32_t chars = char_marks_[block];
  for (uint32_t i = block * kMarkBytes; i < offset; ++i) {
    chars += (static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80;
  }
  return chars;
}

Position SourceFile::position(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  size_t line_index = (it == line_starts_.begin()) ? 0 : static_cast<size_t>(it - line_starts_.begin()) - 1;
  uint32_t start = std::min(line_starts_[line_index], offset);  // offset may sit inside a BOM
  uint32_t column = 1;
  if (offset - start > kMarkBytes && !char_marks_.empty()) {
    column += chars_before(offset) - chars_before(start);
  } else {
    for (uint32_t i = start; i < offset; ++i) column += (static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80;
  }
  return Position{static_cast<uint32_t>(line_index + 1), column, offset - start + 1};
}

std::string_view SourceFile::line_text(uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  uint32_t start = line_starts_[line - 1];
  uint32_t end = line < line_starts_.size() ? line_starts_[line] : static_cast<uint32_t>(text_.size());
  std::string_view view(text_.data() + start, end - start);
  while (!view.empty() && (view.back() == '\n' || view.back() == '\r')) view.remove_suffix(1);
  return view;
}

ReadResult read_file(const std::filesystem::path& path) {
  ReadResult result;
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever; it is
  // refused below as not a regular file.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    int err = errno;
    result.status = (err == ENOENT || err == ENOTDIR) ? ReadStatus::NotFound : ReadStatus::Unreadable;
    result.error = std::strerror(err);
    return result;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    result.status = ReadStatus::Unreadable;
    result.error = std::strerror(errno);
    ::close(fd);
    return result;
  }
  if (!S_ISREG(st.st_mode)) {
    result.status = ReadStatus::NotRegular;
    result.error = S_ISDIR(st.st_mode)    ? "is a directory"
                   : S_ISFIFO(st.st_mode) ? "is a named pipe (FIFO), not a regular file"
                                          : "not a regular file";
    ::close(fd);
    return result;
  }
  // Files of /proc and /sys look regular but are made by the kernel as they are read: some
  // block (/proc/kmsg), some never end, some hold secrets (/proc/self/environ). None is a policy.
  struct statfs fs {};
  if (::fstatfs(fd, &fs) == 0 &&
      (fs.f_type == PROC_SUPER_MAGIC || fs.f_type == SYSFS_MAGIC || fs.f_type == DEBUGFS_MAGIC ||
       fs.f_type == static_cast<decltype(fs.f_type)>(TRACEFS_MAGIC) || fs.f_type == SECURITYFS_MAGIC)) {
    result.status = ReadStatus::NotRegular;
    result.error = "a file of the kernel's /proc or /sys, not a regular file";
    ::close(fd);
    return result;
  }
  // O_NONBLOCK stays set: it changes nothing for a regular file on disk, and a read that would
  // still block (a special file some file system presents as regular) fails instead of hanging.
  if (static_cast<uint64_t>(st.st_size) > kMaxFileBytes) {
    result.status = ReadStatus::TooLarge;
    result.error = "larger than 1 GiB";
    ::close(fd);
    return result;
  }
  // One byte more than fstat says: the read that finds the end then needs no larger buffer.
  result.text.resize(static_cast<size_t>(std::min<uint64_t>(static_cast<uint64_t>(st.st_size) + 1, kMaxFileBytes)));
  size_t done = 0;
  // The size from fstat is a hint: a file may grow or shrink while we read it.
  while (true) {
    if (done == result.text.size()) {
      if (result.text.size() >= kMaxFileBytes) break;
      result.text.resize(result.text.size() + 4096);
    }
    ssize_t n = ::read(fd, result.text.data() + done, result.text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      result.status = ReadStatus::Unreadable;
      result.error = errno == EAGAIN ? std::string("reading would block: not a regular file's contents")
                                     : std::string(std::strerror(errno));
      ::close(fd);
      result.text.clear();
      return result;
    }
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  result.text.resize(done);
  ::close(fd);
  return result;
}

}  // namespace sagelint::input
