#include "core/logs/file_text_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/error.h"

namespace tftsr::logs {

FileTextReader::FileTextReader(const std::filesystem::path& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw Error(ErrorKind::Io, "cannot read " + path.string() + ": " + std::strerror(errno));
  struct stat st {};
  if (fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd_);
    throw Error(ErrorKind::InvalidInput, path.string() + " is not a regular file");
  }
  size_ = static_cast<std::uint64_t>(st.st_size);
  posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
}

FileTextReader::~FileTextReader() {
  if (fd_ >= 0) ::close(fd_);
}

bool FileTextReader::read(std::string& out) {
  if (ended_) return false;
  try {
    block_.resize(kBlockSize);
    ssize_t n;
    do {
      n = ::read(fd_, block_.data(), block_.size());
    } while (n < 0 && errno == EINTR);
    if (n < 0) throw Error(ErrorKind::Io, std::string("reading failed: ") + std::strerror(errno));
    if (n > 0) {
      read_ += static_cast<std::uint64_t>(n);
      decoder_.feed(std::string_view(block_.data(), static_cast<std::size_t>(n)), out);
      return true;
    }
    ended_ = true;
    decoder_.finish(out);
    return false;
  } catch (const Error& e) {
    throw Error(e.kind(), path_.string() + ": " + e.what());
  }
}

}  // namespace tftsr::logs
