#pragma once
// AES-256-GCM for secrets kept inside the store (API keys, integration tokens). The text form is
// base64(nonce[12] || ciphertext || tag[16]) with a fresh random 96-bit nonce per message.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace tftsr {

class SecretBox {
 public:
  static constexpr std::size_t kKeySize = 32;
  static constexpr std::size_t kNonceSize = 12;
  static constexpr std::size_t kTagSize = 16;

  explicit SecretBox(const std::array<std::uint8_t, kKeySize>& key);
  ~SecretBox();

  std::string seal(std::string_view plaintext) const;
  // Only for known-answer tests: a nonce must never be reused with the same key.
  std::string seal_with_nonce(std::string_view plaintext, std::string_view nonce) const;
  // Throws Error(InvalidInput) when the text was altered or sealed with another key.
  std::string open(std::string_view sealed) const;
  // A key for another purpose, derived from this one with HMAC-SHA256 over `purpose` (a PRF, as
  // in HKDF-Expand): no second PBKDF2, and the two keys reveal nothing of each other.
  std::array<std::uint8_t, kKeySize> derive_key(std::string_view purpose) const;

 private:
  std::array<std::uint8_t, kKeySize> key_;
};

// PBKDF2-HMAC-SHA256, used to derive the SecretBox key from the passphrase and a salt of its own
// (never the SQLCipher key bytes, so one key never serves two ciphers).
std::array<std::uint8_t, SecretBox::kKeySize> derive_secret_key(std::string_view passphrase, std::string_view salt,
                                                                 int iterations);

}  // namespace tftsr
