#pragma once
// Proof Key for Code Exchange (RFC 7636) and the OAuth `state`, from the system's secure random.
#include <string>
#include <string_view>

namespace tftsr::integrations {

struct PkcePair {
  std::string verifier;   // base64url of 32 random bytes: 43 characters
  std::string challenge;  // base64url(SHA-256(verifier)), method S256
};

PkcePair make_pkce();
std::string pkce_challenge(std::string_view verifier);
// base64url of 32 random bytes.
std::string make_oauth_state();
// RFC 4648 §5 without padding.
std::string base64url(std::string_view bytes);

}  // namespace tftsr::integrations
