// The secrets key is derived at the first use, and it is the same key an eager derivation makes.
#include <doctest/doctest.h>

#include "core/crypto/deferred_secret_box.h"
#include "core/error.h"

using namespace tftsr;

TEST_CASE("the deferred secrets key is derived at first use and opens what the eager key sealed") {
  const std::string salt = "0123456789abcdef";
  const SecretBox eager(derive_secret_key("correct horse", salt, 1000));
  DeferredSecretBox deferred("correct horse", salt, 1000);
  CHECK_FALSE(deferred.derived());
  CHECK(deferred.get().open(eager.seal("api-key-1")) == "api-key-1");
  CHECK(deferred.derived());
  CHECK(eager.open(deferred.get().seal("api-key-2")) == "api-key-2");
}

TEST_CASE("a deferred key from another passphrase opens nothing") {
  const std::string salt = "0123456789abcdef";
  const SecretBox eager(derive_secret_key("correct horse", salt, 1000));
  DeferredSecretBox other("wrong horse", salt, 1000);
  CHECK_THROWS_AS(other.get().open(eager.seal("api-key")), Error);
}
