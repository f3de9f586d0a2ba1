#include "core/store/background_file_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace tftsr {

namespace {
constexpr std::size_t kMaxQueued = 2;  // buffers of a few MiB each

void write_all(int fd, const std::string& data, const std::filesystem::path& path) {
  const char* p = data.data();
  std::size_t left = data.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == ENOSPC) throw Error(ErrorKind::Io, "the disk is full (writing " + path.filename().string() + ")");
      throw Error(ErrorKind::Io, "cannot write " + path.string() + ": " + std::strerror(errno));
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}
}  // namespace

BackgroundFileWriter::BackgroundFileWriter(std::filesystem::path path) : path_(std::move(path)) {
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd_ < 0) throw Error(ErrorKind::Io, "cannot create " + path_.string() + ": " + std::strerror(errno));
  thread_ = std::thread([this] { run(); });
}

BackgroundFileWriter::~BackgroundFileWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (fd_ >= 0) ::close(fd_);
}

void BackgroundFileWriter::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, nothing left
    std::string buffer = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    std::optional<Error> failed;
    try {
      write_all(fd_, buffer, path_);
    } catch (const Error& e) {
      failed = e;
    }
    lock.lock();
    busy_ = false;
    if (failed && !failure_) {
      failure_ = failed;
      queue_.clear();
    }
    changed_.notify_all();
  }
}

void BackgroundFileWriter::rethrow_failure() {
  if (failure_) throw *failure_;
}

void BackgroundFileWriter::write(std::string buffer) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return failure_ || queue_.size() < kMaxQueued; });
  rethrow_failure();
  queue_.push_back(std::move(buffer));
  changed_.notify_all();
}

void BackgroundFileWriter::finish() {
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return failure_ || (queue_.empty() && !busy_); });
    rethrow_failure();
  }
  if (::fsync(fd_) != 0) throw Error(ErrorKind::Io, "cannot sync " + path_.string() + ": " + std::strerror(errno));
  if (::close(fd_) != 0) {
    fd_ = -1;
    throw Error(ErrorKind::Io, "cannot close " + path_.string() + ": " + std::strerror(errno));
  }
  fd_ = -1;
}

}  // namespace tftsr
