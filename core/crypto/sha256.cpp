#include "core/crypto/sha256.h"

#include <openssl/evp.h>

#include <fstream>

#include "core/error.h"

namespace tftsr {

struct Sha256::State {
  EVP_MD_CTX* ctx = nullptr;
  ~State() { EVP_MD_CTX_free(ctx); }
};

Sha256::Sha256() : state_(std::make_unique<State>()) {
  state_->ctx = EVP_MD_CTX_new();
  if (!state_->ctx || EVP_DigestInit_ex(state_->ctx, EVP_sha256(), nullptr) != 1)
    throw Error(ErrorKind::Internal, "SHA-256 is unavailable in OpenSSL");
}

Sha256::~Sha256() = default;

void Sha256::update(std::string_view data) {
  if (EVP_DigestUpdate(state_->ctx, data.data(), data.size()) != 1)
    throw Error(ErrorKind::Internal, "SHA-256 update failed");
}

std::array<std::uint8_t, 32> Sha256::finish() {
  std::array<std::uint8_t, 32> out{};
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(state_->ctx, out.data(), &len) != 1 || len != out.size())
    throw Error(ErrorKind::Internal, "SHA-256 finish failed");
  return out;
}

std::string Sha256::finish_hex() {
  auto d = finish();
  return to_hex(d.data(), d.size());
}

std::string sha256_hex(std::string_view data) {
  Sha256 h;
  h.update(data);
  return h.finish_hex();
}

std::string to_hex(const std::uint8_t* data, std::size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out(size * 2, '\0');
  for (std::size_t i = 0; i < size; ++i) {
    out[2 * i] = digits[data[i] >> 4];
    out[2 * i + 1] = digits[data[i] & 0xF];
  }
  return out;
}

std::string sha256_file_hex(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::Storage, "cannot read " + path.string());
  Sha256 hash;
  for (char buf[1 << 16]; in.read(buf, sizeof buf) || in.gcount() > 0;)
    hash.update(std::string_view(buf, static_cast<std::size_t>(in.gcount())));
  if (in.bad()) throw Error(ErrorKind::Storage, "cannot read " + path.string());
  return hash.finish_hex();
}

}  // namespace tftsr
