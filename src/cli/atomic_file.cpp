#include "cli/atomic_file.hpp"

#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

namespace sagelint::cli {
namespace {

// Temporary files a signal handler must remove. Only lock-free atomics and fixed buffers:
// the handler may run at any point, on any thread. Slot states: 0 free, 1 being filled, 2 live.
constexpr int kSlots = 64;  // one output file plus one per --fix worker; extra files go untracked
constexpr size_t kMaxTempPath = 4096;
struct Slot {
  std::atomic<int> state{0};
  char path[kMaxTempPath]{};
};
constinit Slot g_slots[kSlots];  // zero pages in .bss: no start-up cost for the 256 KiB

int track(const std::string& temp) {
  if (temp.size() >= kMaxTempPath) return -1;
  for (int i = 0; i < kSlots; ++i) {
    int expected = 0;
    if (g_slots[i].state.compare_exchange_strong(expected, 1)) {
      std::memcpy(g_slots[i].path, temp.c_str(), temp.size() + 1);
      g_slots[i].state.store(2, std::memory_order_release);
      return i;
    }
  }
  return -1;
}

extern "C" void remove_temporaries_and_die(int sig) {
  for (auto& slot : g_slots) {
    if (slot.state.load(std::memory_order_acquire) == 2) ::unlink(slot.path);
  }
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

// Follows symbolic links by hand: a dangling link must still name the file to create. Sets
// `loop` when the chain does not end (a loop, or longer than the kernel would follow).
std::string resolve_links(std::string path, bool& loop) {
  loop = false;
  for (int hops = 0; hops < 40; ++hops) {  // 40: Linux's own limit before ELOOP
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return path;
    std::vector<char> buf(static_cast<size_t>(st.st_size > 0 ? st.st_size : 4096) + 1);
    ssize_t n = ::readlink(path.c_str(), buf.data(), buf.size());
    if (n < 0 || static_cast<size_t>(n) >= buf.size()) return path;
    std::filesystem::path link(std::string(buf.data(), static_cast<size_t>(n)));
    path = link.is_absolute() ? link.string() : (std::filesystem::path(path).parent_path() / link).string();
  }
  loop = true;
  return path;
}

std::string real_dir_of(const std::string& path) {
  std::filesystem::path p(path);
  std::string dir = p.has_parent_path() ? p.parent_path().string() : ".";
  char buf[PATH_MAX];
  if (::realpath(dir.c_str(), buf) == nullptr) return {};
  return buf;
}

bool inside(const std::string& path, const std::string& root) {
  if (root == "/") return true;
  return path == root || (path.starts_with(root) && path.size() > root.size() && path[root.size()] == '/');
}

}  // namespace

void AtomicFile::install_signal_cleanup() {
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old {};
    ::sigaction(sig, nullptr, &old);
    if (old.sa_handler == SIG_IGN) continue;  // e.g. under nohup: keep ignoring
    struct sigaction sa {};
    sa.sa_handler = remove_temporaries_and_die;
    sigemptyset(&sa.sa_mask);
    ::sigaction(sig, &sa, nullptr);
  }
}

bool AtomicFile::open(const std::string& path, std::string& error) {
  path_ = path;
  // A terminal, a pipe, /dev/stdout (a link to /proc/self/fd/1): written directly, wherever
  // the name leads, since nothing is replaced.
  struct stat now {};
  if (::stat(path.c_str(), &now) == 0 && !S_ISREG(now.st_mode) && !S_ISDIR(now.st_mode)) {
    fd_ = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd_ < 0) {
      error = "cannot write " + path + ": " + std::strerror(errno);
      return false;
    }
    direct_ = true;
    return true;
  }
  bool loop = false;
  target_ = resolve_links(path, loop);
  if (loop) {
    // Replacing the link with a regular file would break the loop silently: say so instead.
    error = "cannot write " + path + ": symbolic link loop";
    return false;
  }
  struct stat lst {};
  if (target_ != path && ::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
    // A link in the working tree may come from the files being linted (report.sarif ->
    // ~/.bashrc): written through only when its target stays inside the current directory.
    // A name outside the current directory (/dev/stdout, /tmp/report.sarif) is the user's own
    // choice, not the tree's.
    char cwd[PATH_MAX];
    std::string dir = real_dir_of(target_);
    std::error_code ec;
    std::string named = std::filesystem::absolute(path, ec).lexically_normal().string();
    if (::getcwd(cwd, sizeof cwd) == nullptr || ec || (inside(named, cwd) && (dir.empty() || !inside(dir, cwd)))) {
      error = "cannot write " + path + ": symbolic link to outside the current directory (name the target itself)";
      return false;
    }
  }
  struct stat st {};
  bool exists = ::stat(target_.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) {
    error = "cannot write " + path + ": is a directory";
    return false;
  }
  if (exists && !S_ISREG(st.st_mode)) {
    fd_ = ::open(target_.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd_ < 0) {
      error = "cannot write " + path + ": " + std::strerror(errno);
      return false;
    }
    direct_ = true;
    return true;
  }
  std::filesystem::path p(target_);
  std::string dir = p.has_parent_path() ? p.parent_path().string() : ".";
  temp_ = dir + "/." + p.filename().string() + ".sagelint-XXXXXX";
  std::vector<char> buf(temp_.begin(), temp_.end());
  buf.push_back('\0');
  // Between creating the temporary file and recording it for the signal handler, a signal
  // would leave the file behind: hold the signals back until it is recorded. (The report file
  // is opened before any worker thread exists, so this thread is the one they go to.)
  sigset_t block, previous;
  sigemptyset(&block);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&block, sig);
  pthread_sigmask(SIG_BLOCK, &block, &previous);
  fd_ = ::mkstemp(buf.data());
  int mkstemp_errno = errno;
  if (fd_ >= 0) {
    temp_.assign(buf.data());
    slot_ = track(temp_);
  }
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  if (fd_ < 0) {
    error = "cannot write " + path + ": " + std::strerror(mkstemp_errno);
    temp_.clear();
    return false;
  }
  // Keep the permissions of a file we replace; new files get the usual 0666 & ~umask.
  if (exists) {
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
  if (!failed_ && !direct_ && ::fsync(fd_) != 0) {
    failed_ = true;
    errno_ = errno;
  }
  if (::close(fd_) != 0 && !failed_) {
    failed_ = true;
    errno_ = errno;
  }
  fd_ = -1;
  if (!failed_ && !direct_ && ::rename(temp_.c_str(), target_.c_str()) != 0) {
    failed_ = true;
    errno_ = errno;
  }
  if (failed_ && !temp_.empty()) ::unlink(temp_.c_str());
  forget_temp();
  if (failed_) {
    error = "cannot write " + path_ + ": " + std::strerror(errno_);
    return false;
  }
  return true;
}

// After the rename or unlink: a signal in between finds no file under the old name.
void AtomicFile::forget_temp() {
  if (slot_ >= 0) g_slots[slot_].state.store(0, std::memory_order_release);
  slot_ = -1;
  temp_.clear();
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!temp_.empty()) ::unlink(temp_.c_str());
  forget_temp();
}

}  // namespace sagelint::cli
