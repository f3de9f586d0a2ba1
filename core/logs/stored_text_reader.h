#pragma once
// Reads the stored text of a log (original or redacted) a piece at a time, for the operations
// that stream it (scan, redaction) in bounded memory.
#include <cstdint>
#include <string>

#include "core/store/encrypted_file_store.h"
#include "core/store/records.h"

namespace tftsr::logs {

class StoredTextReader {
 public:
  static constexpr std::size_t kPieceSize = std::size_t{4} << 20;

  // Error(Storage) if the stored text is missing or its size is not the recorded one.
  StoredTextReader(const EncryptedFileStore& content, const LogFile& log, bool redacted);

  // Appends the next piece to `out`; false once the text has ended.
  bool read(std::string& out);
  std::uint64_t size() const { return size_; }
  double fraction() const { return size_ ? static_cast<double>(offset_) / static_cast<double>(size_) : 1.0; }

 private:
  EncryptedFileStore::Reader reader_;
  std::uint64_t size_;
  std::uint64_t offset_ = 0;
};

}  // namespace tftsr::logs
