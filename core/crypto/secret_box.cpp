#include "core/crypto/secret_box.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <memory>

#include "core/crypto/base64.h"
#include "core/crypto/random.h"
#include "core/error.h"

namespace tftsr {

namespace {
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherCtx new_ctx() {
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  if (!ctx) throw Error(ErrorKind::Internal, "cannot allocate a cipher context");
  return ctx;
}

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
unsigned char* bytes(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }
}  // namespace

SecretBox::SecretBox(const std::array<std::uint8_t, kKeySize>& key) : key_(key) {}

SecretBox::~SecretBox() { OPENSSL_cleanse(key_.data(), key_.size()); }

std::string SecretBox::seal(std::string_view plaintext) const { return seal_with_nonce(plaintext, random_bytes(kNonceSize)); }

std::string SecretBox::seal_with_nonce(std::string_view plaintext, std::string_view nonce) const {
  if (nonce.size() != kNonceSize) throw Error(ErrorKind::Internal, "AES-256-GCM needs a 96-bit nonce");
  std::string out(kNonceSize + plaintext.size() + kTagSize, '\0');
  out.replace(0, kNonceSize, nonce);
  auto ctx = new_ctx();
  int len = 0;
  if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceSize, nullptr) != 1 ||
      EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, key_.data(), bytes(nonce)) != 1 ||
      EVP_EncryptUpdate(ctx.get(), bytes(out) + kNonceSize, &len, bytes(plaintext), static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), bytes(out) + kNonceSize + len, &len) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagSize, bytes(out) + kNonceSize + plaintext.size()) != 1)
    throw Error(ErrorKind::Internal, "AES-256-GCM encryption failed");
  return base64_encode(out);
}

std::string SecretBox::open(std::string_view sealed) const {
  std::string raw = base64_decode(sealed);
  if (raw.size() < kNonceSize + kTagSize) throw Error(ErrorKind::InvalidInput, "encrypted secret is too short");
  const std::size_t ct_size = raw.size() - kNonceSize - kTagSize;
  std::string plain(ct_size, '\0');
  auto ctx = new_ctx();
  int len = 0;
  bool ok = EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceSize, nullptr) == 1 &&
            EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, key_.data(), bytes(raw)) == 1 &&
            EVP_DecryptUpdate(ctx.get(), bytes(plain), &len, bytes(raw) + kNonceSize, static_cast<int>(ct_size)) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagSize, bytes(raw) + kNonceSize + ct_size) == 1 &&
            EVP_DecryptFinal_ex(ctx.get(), bytes(plain) + len, &len) == 1;
  if (!ok) {
    OPENSSL_cleanse(plain.data(), plain.size());
    throw Error(ErrorKind::InvalidInput, "encrypted secret failed authentication (altered, or another key)");
  }
  return plain;
}

std::array<std::uint8_t, SecretBox::kKeySize> SecretBox::derive_key(std::string_view purpose) const {
  std::array<std::uint8_t, kKeySize> out{};
  unsigned int len = 0;
  if (!HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()), bytes(purpose), purpose.size(), out.data(), &len) ||
      len != out.size())
    throw Error(ErrorKind::Internal, "key derivation failed");
  return out;
}

std::array<std::uint8_t, SecretBox::kKeySize> derive_secret_key(std::string_view passphrase, std::string_view salt,
                                                                 int iterations) {
  std::array<std::uint8_t, SecretBox::kKeySize> key{};
  if (PKCS5_PBKDF2_HMAC(passphrase.data(), static_cast<int>(passphrase.size()), bytes(salt), static_cast<int>(salt.size()),
                        iterations, EVP_sha256(), static_cast<int>(key.size()), key.data()) != 1)
    throw Error(ErrorKind::Internal, "key derivation failed");
  return key;
}

}  // namespace tftsr
