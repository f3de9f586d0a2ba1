#include "core/crypto/deferred_secret_box.h"

#include <openssl/crypto.h>

namespace tftsr {

DeferredSecretBox::DeferredSecretBox(std::string passphrase, std::string salt, int iterations)
    : passphrase_(std::move(passphrase)), salt_(std::move(salt)), iterations_(iterations) {}

DeferredSecretBox::~DeferredSecretBox() { wipe(); }

const SecretBox& DeferredSecretBox::get() {
  if (!box_) {
    auto key = derive_secret_key(passphrase_, salt_, iterations_);
    box_ = std::make_unique<SecretBox>(key);
    OPENSSL_cleanse(key.data(), key.size());
    wipe();
  }
  return *box_;
}

void DeferredSecretBox::wipe() {
  if (!passphrase_.empty()) OPENSSL_cleanse(passphrase_.data(), passphrase_.size());
  passphrase_.clear();
  passphrase_.shrink_to_fit();
}

}  // namespace tftsr
