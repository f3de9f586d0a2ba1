#include "core/logs/file_text_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
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
    // Plain UTF-8 (after the first block) is read straight into `out` and decoded there: the
    // copy from a block of our own was a tenth of a file scan. A smaller block in that case, so
    // the caller's buffer keeps its size.
    const bool in_place = decoder_.can_decode_in_place();
    const std::size_t from = out.size();
    char* target;
    std::size_t room;
    if (in_place) {
      out.resize(from + kInPlaceBlockSize);
      target = out.data() + from;
      room = kInPlaceBlockSize;
    } else {
      block_.resize(kBlockSize);
      target = block_.data();
      room = block_.size();
    }
    ssize_t n;
    do {
      n = ::read(fd_, target, room);
    } while (n < 0 && errno == EINTR);
    if (in_place) out.resize(from + static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
    if (n < 0) throw Error(ErrorKind::Io, std::string("reading failed: ") + std::strerror(errno));
    if (n > 0) {
      read_ += static_cast<std::uint64_t>(n);
      if (in_place) {
        decoder_.feed_in_place(out, from);
      } else {
        decoder_.feed(std::string_view(block_.data(), static_cast<std::size_t>(n)), out);
      }
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
