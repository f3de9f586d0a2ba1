#include "core/crypto/random.h"

#include <openssl/rand.h>

#include "core/error.h"

namespace tftsr {

std::string random_bytes(std::size_t count) {
  std::string out(count, '\0');
  if (count && RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(count)) != 1)
    throw Error(ErrorKind::Internal, "the system random generator failed");
  return out;
}

}  // namespace tftsr
