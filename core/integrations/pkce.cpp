#include "core/integrations/pkce.h"

#include "core/crypto/base64.h"
#include "core/crypto/random.h"
#include "core/crypto/sha256.h"

namespace tftsr::integrations {

std::string base64url(std::string_view bytes) {
  std::string s = base64_encode(bytes);
  while (!s.empty() && s.back() == '=') s.pop_back();
  for (char& c : s) {
    if (c == '+') c = '-';
    else if (c == '/') c = '_';
  }
  return s;
}

std::string pkce_challenge(std::string_view verifier) {
  Sha256 h;
  h.update(verifier);
  const auto digest = h.finish();
  return base64url(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

PkcePair make_pkce() {
  PkcePair p;
  p.verifier = base64url(random_bytes(32));
  p.challenge = pkce_challenge(p.verifier);
  return p;
}

std::string make_oauth_state() { return base64url(random_bytes(32)); }

}  // namespace tftsr::integrations
