#include "core/logs/stored_text_reader.h"

#include "core/error.h"

namespace tftsr::logs {

StoredTextReader::StoredTextReader(const EncryptedFileStore& content, const LogFile& log, bool redacted)
    : reader_(content.open(redacted ? log.redacted_blob.value() : log.original_blob)), size_(reader_.size()) {
  const std::int64_t expected = redacted ? log.redacted_size.value_or(0) : log.text_size;
  if (static_cast<std::int64_t>(size_) != expected)
    throw Error(ErrorKind::Storage, "the stored text of " + log.file_name + " is damaged (" + std::to_string(size_) +
                                        " bytes instead of " + std::to_string(expected) + ")");
}

bool StoredTextReader::read(std::string& out) {
  if (offset_ >= size_) return false;
  const std::size_t before = out.size();
  reader_.read_into(offset_, kPieceSize, out);
  offset_ += out.size() - before;
  return offset_ < size_;
}

}  // namespace tftsr::logs
