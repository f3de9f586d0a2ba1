#pragma once
// Reads a log file a block at a time and decodes it (text_decoder.h) as it goes, so a file of any
// size passes through in bounded memory. For commands that work on a file directly.
#include <cstdint>
#include <filesystem>
#include <string>

#include "core/logs/text_decoder.h"

namespace tftsr::logs {

class FileTextReader {
 public:
  static constexpr std::size_t kBlockSize = std::size_t{4} << 20;
  static constexpr std::size_t kInPlaceBlockSize = std::size_t{1} << 20;

  // Error(Io) if the file cannot be opened, Error(InvalidInput) if it is not a regular file.
  explicit FileTextReader(const std::filesystem::path& path);
  ~FileTextReader();
  FileTextReader(const FileTextReader&) = delete;
  FileTextReader& operator=(const FileTextReader&) = delete;

  // Appends the next decoded text to `out`; false once the file has ended (after the last text).
  // Decoding errors name the file.
  bool read(std::string& out);

  std::uint64_t file_size() const { return size_; }
  std::uint64_t bytes_read() const { return read_; }
  double fraction() const { return size_ ? static_cast<double>(read_) / static_cast<double>(size_) : 1.0; }
  // Complete once read() has returned false.
  const DecodeInfo& info() const { return decoder_.info(); }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  std::uint64_t size_ = 0;
  std::uint64_t read_ = 0;
  bool ended_ = false;
  std::string block_;
  StreamingTextDecoder decoder_;
};

}  // namespace tftsr::logs
