#pragma once
// The kinds of personal data and secrets the detector knows. The names returned by
// pii_type_name() are the ones used in JSON, settings strings and the UI: never rename them.
#include <bitset>
#include <cstddef>
#include <optional>
#include <string_view>

namespace tftsr::pii {

enum class PiiType : unsigned char {
  UrlWithCredentials,
  BearerToken,
  ApiKey,
  Password,
  Ssn,
  CreditCard,
  Email,
  MacAddress,
  Ipv6,
  Ipv4,
  PhoneNumber,
  Hostname,
  AwsAccessKey,
  GitHubToken,
  GitLabToken,
  SlackToken,
  SlackWebhook,
  StripeKey,
  OpenAiKey,
  AnthropicKey,
  GoogleApiKey,
  Jwt,
  PrivateKey,
  BasicAuth,
  GenericSecret,
  // A login name in an authentication context ("Invalid user bob from", "user=root").
  Username,
  // Addresses that identify no one: unspecified (0.0.0.0, ::), loopback (127.0.0.0/8, ::1) and
  // netmasks (255.255.255.0). Reported apart from Ipv4 so they can be kept in one click.
  ReservedAddress,
};

inline constexpr std::size_t kPiiTypeCount = static_cast<std::size_t>(PiiType::ReservedAddress) + 1;

// A set of types, indexed by the enum value.
using PiiTypeSet = std::bitset<kPiiTypeCount>;

std::string_view pii_type_name(PiiType type);

// Exact name match, ignoring ASCII case ("ipv4" == "Ipv4").
std::optional<PiiType> pii_type_from_name(std::string_view name);

PiiTypeSet all_pii_types();

inline bool contains(const PiiTypeSet& set, PiiType type) {
  return set.test(static_cast<std::size_t>(type));
}

// Parses a settings string such as "Hostname, Ipv4" into a set. Empty items are skipped;
// an unknown name throws Error(InvalidInput) naming it and listing the valid names.
PiiTypeSet parse_type_list(std::string_view list);

// How specific a type is: when two findings overlap, the higher value wins (see overlap.h).
int specificity(PiiType type);

}  // namespace tftsr::pii
