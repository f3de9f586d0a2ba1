#include "core/store/encrypted_file_store.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "core/crypto/random.h"
#include "core/error.h"

namespace tftsr {

namespace {
constexpr char kMagic[8] = {'T', 'F', 'T', 'S', 'R', 'B', 'L', 'B'};
constexpr std::uint32_t kFormat = 1;
constexpr std::size_t kHeaderSize = 8 + 4 + 4 + 8;
constexpr std::size_t kTagSize = 16;
constexpr const char* kSuffix = ".tfb";
constexpr const char* kTmpPrefix = ".tmp-";

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

void put_u32(std::string& s, std::uint32_t v) {
  for (int i = 3; i >= 0; --i) s += static_cast<char>((v >> (8 * i)) & 0xFF);
}
std::uint32_t get_u32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

std::array<unsigned char, 12> nonce_for(const std::array<std::uint8_t, 8>& prefix, std::uint32_t index) {
  std::array<unsigned char, 12> n{};
  std::memcpy(n.data(), prefix.data(), 8);
  for (int i = 0; i < 4; ++i) n[8 + i] = static_cast<unsigned char>(index >> (8 * (3 - i)));
  return n;
}

std::string associated_data(const std::string& name, std::uint32_t index, bool last) {
  std::string aad = name;
  aad += '\0';
  put_u32(aad, index);
  aad += last ? '\1' : '\0';
  return aad;
}

void read_exact(int fd, char* data, std::size_t size, std::uint64_t offset, const std::string& name) {
  while (size > 0) {
    ssize_t n = ::pread(fd, data, size, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw Error(ErrorKind::Storage, "stored content " + name + " is truncated or unreadable");
    data += n;
    size -= static_cast<std::size_t>(n);
    offset += static_cast<std::uint64_t>(n);
  }
}

bool valid_name(const std::string& name) {
  if (name.empty() || name.size() > 200 || name[0] == '.') return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
  return true;
}
}  // namespace

EncryptedFileStore::EncryptedFileStore(std::filesystem::path dir, const Key& key) : dir_(std::move(dir)), key_(key) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir_, ec)) {
    std::filesystem::create_directories(dir_, ec);
    if (ec) throw Error(ErrorKind::Io, "cannot create " + dir_.string() + ": " + ec.message());
    std::filesystem::permissions(dir_, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace, ec);
  }
}

EncryptedFileStore::~EncryptedFileStore() { OPENSSL_cleanse(key_.data(), key_.size()); }

std::filesystem::path EncryptedFileStore::path_of(const std::string& name) const {
  if (!valid_name(name)) throw Error(ErrorKind::Internal, "invalid content name " + name);
  return dir_ / (name + kSuffix);
}

EncryptedFileStore::Writer EncryptedFileStore::create(const std::string& name) const { return Writer(*this, name); }
EncryptedFileStore::Reader EncryptedFileStore::open(const std::string& name) const { return Reader(*this, name); }

bool EncryptedFileStore::exists(const std::string& name) const {
  std::error_code ec;
  return std::filesystem::exists(path_of(name), ec);
}

void EncryptedFileStore::remove(const std::string& name) const {
  std::error_code ec;
  std::filesystem::remove(path_of(name), ec);
}

void EncryptedFileStore::sweep(const std::set<std::string>& keep, std::chrono::seconds min_age) const {
  std::error_code ec;
  const auto now = std::filesystem::file_time_type::clock::now();
  for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
    const std::string file = entry.path().filename().string();
    const bool tmp = file.rfind(kTmpPrefix, 0) == 0;
    const bool blob = file.size() > 4 && file.compare(file.size() - 4, 4, kSuffix) == 0;
    if (!tmp && !(blob && !keep.count(file.substr(0, file.size() - 4)))) continue;
    // Another process (the CLI beside the GUI) may be writing it right now.
    auto modified = entry.last_write_time(ec);
    if (ec || now - modified < min_age) continue;
    std::filesystem::remove(entry.path(), ec);
  }
}

// ---- Writer ----

EncryptedFileStore::Writer::Writer(const EncryptedFileStore& store, std::string name)
    : store_(&store), name_(std::move(name)) {
  store_->path_of(name_);  // validates the name
  tmp_path_ = store_->dir_ / (std::string(kTmpPrefix) + name_);
  file_ = std::make_unique<BackgroundFileWriter>(tmp_path_);
  std::string r = random_bytes(8);
  std::memcpy(prefix_.data(), r.data(), 8);
  std::string header(kMagic, 8);
  put_u32(header, kFormat);
  put_u32(header, static_cast<std::uint32_t>(kChunkSize));
  header.append(r);
  out_ = header;
  pending_.reserve(kChunkSize);
}

EncryptedFileStore::Writer::Writer(Writer&& o) noexcept
    : store_(o.store_), name_(std::move(o.name_)), tmp_path_(std::move(o.tmp_path_)), file_(std::move(o.file_)),
      prefix_(o.prefix_), index_(o.index_), pending_(std::move(o.pending_)), out_(std::move(o.out_)), total_(o.total_),
      committed_(o.committed_) {
  o.committed_ = true;
}

EncryptedFileStore::Writer::~Writer() {
  file_.reset();  // stops its thread before the file goes
  if (!committed_) {
    std::error_code ec;
    std::filesystem::remove(tmp_path_, ec);
  }
}

void EncryptedFileStore::Writer::seal_chunk(std::string_view plain, bool last) {
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  auto nonce = nonce_for(prefix_, index_);
  const std::string aad = associated_data(name_, index_, last);
  const std::size_t at = out_.size();
  out_.resize(at + plain.size() + kTagSize);
  auto* dst = reinterpret_cast<unsigned char*>(out_.data() + at);
  int len = 0;
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, store_->key_.data(), nonce.data()) != 1 ||
      EVP_EncryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(aad.data()),
                        static_cast<int>(aad.size())) != 1 ||
      EVP_EncryptUpdate(ctx.get(), dst, &len, reinterpret_cast<const unsigned char*>(plain.data()),
                        static_cast<int>(plain.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), dst + len, &len) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagSize, dst + plain.size()) != 1)
    throw Error(ErrorKind::Internal, "AES-256-GCM encryption failed");
  ++index_;
  if (out_.size() >= 4 * kChunkSize || last) {
    file_->write(std::move(out_));
    out_ = std::string();
    out_.reserve(4 * (kChunkSize + kTagSize) + kChunkSize);
  }
}

void EncryptedFileStore::Writer::append(std::string_view data) {
  total_ += data.size();
  while (!data.empty()) {
    if (pending_.empty() && data.size() > kChunkSize) {  // whole chunks straight from the input
      seal_chunk(data.substr(0, kChunkSize), false);
      data.remove_prefix(kChunkSize);
      continue;
    }
    std::size_t take = std::min(kChunkSize - pending_.size(), data.size());
    pending_.append(data.substr(0, take));
    data.remove_prefix(take);
    if (pending_.size() == kChunkSize && !data.empty()) {
      seal_chunk(pending_, false);
      pending_.clear();
    }
  }
}

void EncryptedFileStore::Writer::commit() {
  if (committed_) throw Error(ErrorKind::Internal, "content " + name_ + " committed twice");
  seal_chunk(pending_, true);  // the last chunk, possibly empty, marks the end
  pending_.clear();
  file_->finish();
  std::error_code ec;
  std::filesystem::rename(tmp_path_, store_->path_of(name_), ec);
  if (ec) throw Error(ErrorKind::Io, "cannot store " + name_ + ": " + ec.message());
  if (int dfd = ::open(store_->dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
    ::fsync(dfd);  // the rename itself must survive a crash
    ::close(dfd);
  }
  committed_ = true;
}

// ---- Reader ----

EncryptedFileStore::Reader::Reader(const EncryptedFileStore& store, std::string name)
    : store_(&store), name_(std::move(name)) {
  const auto path = store_->path_of(name_);
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw Error(ErrorKind::Storage, "stored content " + name_ + " is missing from " + store_->dir_.string());
  struct stat st {};
  fstat(fd_, &st);
  const auto file_size = static_cast<std::uint64_t>(st.st_size);
  unsigned char header[kHeaderSize];
  if (file_size < kHeaderSize + kTagSize) throw Error(ErrorKind::Storage, "stored content " + name_ + " is truncated");
  read_exact(fd_, reinterpret_cast<char*>(header), kHeaderSize, 0, name_);
  if (std::memcmp(header, kMagic, 8) != 0 || get_u32(header + 8) != kFormat || get_u32(header + 12) != kChunkSize)
    throw Error(ErrorKind::Storage, "stored content " + name_ + " is not in a format this TFTSR reads");
  std::memcpy(prefix_.data(), header + 16, 8);
  const std::uint64_t body = file_size - kHeaderSize;
  const std::uint64_t sealed_chunk = kChunkSize + kTagSize;
  chunks_ = static_cast<std::uint32_t>((body + sealed_chunk - 1) / sealed_chunk);
  size_ = body - std::uint64_t{chunks_} * kTagSize;
}

EncryptedFileStore::Reader::Reader(Reader&& o) noexcept
    : store_(o.store_), name_(std::move(o.name_)), fd_(o.fd_), prefix_(o.prefix_), chunks_(o.chunks_), size_(o.size_),
      cached_index_(o.cached_index_), cached_(std::move(o.cached_)), buffer_(std::move(o.buffer_)) {
  o.fd_ = -1;
}

EncryptedFileStore::Reader::~Reader() {
  if (fd_ >= 0) ::close(fd_);
  OPENSSL_cleanse(cached_.data(), cached_.size());
}

const std::string& EncryptedFileStore::Reader::chunk(std::uint32_t index) {
  if (cached_index_ == index) return cached_;
  const bool last = index + 1 == chunks_;
  const std::uint64_t plain = last ? size_ - std::uint64_t{index} * kChunkSize : kChunkSize;
  buffer_.resize(plain + kTagSize);
  read_exact(fd_, buffer_.data(), buffer_.size(), kHeaderSize + std::uint64_t{index} * (kChunkSize + kTagSize), name_);
  cached_.resize(plain);
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  auto nonce = nonce_for(prefix_, index);
  const std::string aad = associated_data(name_, index, last);
  int len = 0;
  auto* src = reinterpret_cast<unsigned char*>(buffer_.data());
  bool ok = ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, store_->key_.data(), nonce.data()) == 1 &&
            EVP_DecryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(aad.data()),
                              static_cast<int>(aad.size())) == 1 &&
            EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(cached_.data()), &len, src,
                              static_cast<int>(plain)) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagSize, src + plain) == 1 &&
            EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(cached_.data()) + len, &len) == 1;
  if (!ok) {
    cached_index_ = -1;
    throw Error(ErrorKind::Storage, "stored content " + name_ + " failed its integrity check (chunk " +
                                        std::to_string(index) + "): it was altered or damaged");
  }
  cached_index_ = index;
  return cached_;
}

std::string EncryptedFileStore::Reader::read(std::uint64_t offset, std::uint64_t length) {
  std::string out;
  read_into(offset, length, out);
  return out;
}

void EncryptedFileStore::Reader::read_into(std::uint64_t offset, std::uint64_t length, std::string& out) {
  if (offset >= size_) return;
  length = std::min(length, size_ - offset);
  out.reserve(out.size() + length);
  while (length > 0) {
    const auto index = static_cast<std::uint32_t>(offset / kChunkSize);
    const std::string& c = chunk(index);
    const std::uint64_t within = offset - std::uint64_t{index} * kChunkSize;
    const std::uint64_t take = std::min<std::uint64_t>(length, c.size() - within);
    out.append(c, within, take);
    offset += take;
    length -= take;
  }
}

}  // namespace tftsr
