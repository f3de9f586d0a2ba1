#pragma once
// The secrets key takes 210,000 PBKDF2 rounds to derive (~0.15 s of CPU), and most commands
// (scanning, redacting, listing) never seal or open a secret. So the key is derived at the first
// seal or open; until then the passphrase is held here, and it is wiped as soon as the key is
// made, or when this is destroyed. Not thread-safe: Triage calls it under its lock.
#include <memory>
#include <string>

#include "core/crypto/secret_box.h"

namespace tftsr {

class DeferredSecretBox {
 public:
  DeferredSecretBox(std::string passphrase, std::string salt, int iterations);
  ~DeferredSecretBox();
  DeferredSecretBox(const DeferredSecretBox&) = delete;
  DeferredSecretBox& operator=(const DeferredSecretBox&) = delete;

  // Derives the key on the first call.
  const SecretBox& get();
  bool derived() const { return box_ != nullptr; }

 private:
  void wipe();

  std::string passphrase_;
  std::string salt_;
  int iterations_;
  std::unique_ptr<SecretBox> box_;
};

}  // namespace tftsr
