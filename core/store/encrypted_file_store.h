#pragma once
// Large content (imported logs) kept beside the database as files sealed with AES-256-GCM, one
// file per blob, in chunks that can be read back independently. SQLCipher encrypts and
// authenticates every 4 KiB page several times on the way in (WAL, checkpoint), which is too slow
// for gigabyte logs; GCM with AES-NI is not. The key is random and lives inside the encrypted
// database, so nothing here is readable without the passphrase, and re-keying needs no rewrite.
//
// File: "TFTSRBLB" | u32 format | u32 chunk size | 8-byte random nonce prefix | chunks.
// Chunk i: ciphertext || 16-byte tag, nonce = prefix || be32(i), associated data = the blob's name,
// i, and a last-chunk flag — so chunks cannot be swapped between blobs, reordered or cut off.
#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "core/store/background_file_writer.h"

namespace tftsr {

class EncryptedFileStore {
 public:
  static constexpr std::size_t kChunkSize = std::size_t{1} << 20;
  using Key = std::array<std::uint8_t, 32>;

  EncryptedFileStore(std::filesystem::path dir, const Key& key);
  ~EncryptedFileStore();

  // Streams one blob to a temporary file; commit() makes it visible under its name. A writer
  // destroyed without commit() leaves nothing behind.
  class Writer {
   public:
    ~Writer();
    Writer(Writer&&) noexcept;
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;
    void append(std::string_view data);
    std::uint64_t size() const { return total_; }
    void commit();  // flushes, syncs to disk and renames

   private:
    friend class EncryptedFileStore;
    Writer(const EncryptedFileStore& store, std::string name);
    void seal_chunk(std::string_view plain, bool last);
    const EncryptedFileStore* store_;
    std::string name_;
    std::filesystem::path tmp_path_;
    std::unique_ptr<BackgroundFileWriter> file_;  // the disk works while the next chunk is sealed
    std::array<std::uint8_t, 8> prefix_{};
    std::uint32_t index_ = 0;
    std::string pending_, out_;
    std::uint64_t total_ = 0;
    bool committed_ = false;
  };

  // Reads any byte range of a blob; keeps the last chunk it decrypted.
  class Reader {
   public:
    ~Reader();
    Reader(Reader&&) noexcept;
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;
    // Appends bytes [offset, offset + length) (clipped to the end) to `out`, with no copy between.
    void read_into(std::uint64_t offset, std::uint64_t length, std::string& out);
    std::uint64_t size() const { return size_; }
    std::string read(std::uint64_t offset, std::uint64_t length);

   private:
    friend class EncryptedFileStore;
    Reader(const EncryptedFileStore& store, std::string name);
    const std::string& chunk(std::uint32_t index);
    const EncryptedFileStore* store_;
    std::string name_;
    int fd_ = -1;
    std::array<std::uint8_t, 8> prefix_{};
    std::uint32_t chunks_ = 0;
    std::uint64_t size_ = 0;
    std::int64_t cached_index_ = -1;
    std::string cached_, buffer_;
  };

  Writer create(const std::string& name) const;
  Reader open(const std::string& name) const;
  bool exists(const std::string& name) const;
  void remove(const std::string& name) const;
  // Deletes every blob not named in `keep`, and leftovers of interrupted writes, once they are
  // older than min_age (younger ones may belong to a write still under way in another process).
  void sweep(const std::set<std::string>& keep, std::chrono::seconds min_age = std::chrono::hours(1)) const;
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path path_of(const std::string& name) const;
  std::filesystem::path dir_;
  Key key_;
};

}  // namespace tftsr
