#pragma once
// Checks that turn a pattern match into a finding: the grammar or checksum a value must satisfy.
// All take the candidate text exactly as it appears in the log.
#include <string_view>

namespace tftsr::pii {

// Luhn checksum over the digits of `number`, ignoring spaces and dashes.
bool luhn_valid(std::string_view number);

// A card number: 13-19 digits, a known issuer prefix, a valid Luhn sum, and either no separators
// or one separator kind (space or dash) used between digit groups consistently.
bool is_plausible_card_number(std::string_view number);

// Dotted quad with every octet in 0..255 and no leading zeros ("010" is refused: not an address).
bool is_valid_ipv4(std::string_view text);

// RFC 4291 text forms: eight groups, "::" compression (once), an embedded IPv4 tail, and an
// optional zone suffix ("%eth0").
bool is_valid_ipv6(std::string_view text);

// Addresses that identify no host of a person: unspecified (0.0.0.0), loopback (127.0.0.0/8) and
// netmasks (contiguous ones: 255.255.255.0, 255.255.255.255). Expects a valid dotted quad.
bool is_reserved_ipv4(std::string_view text);

// "::", "::1" and their long forms ("0:0:0:0:0:0:0:1"), with or without a zone.
bool is_reserved_ipv6(std::string_view text);

// US SSN in AAA-GG-SSSS form, excluding never-issued areas (000, 666, 9xx), group 00, serial 0000.
bool is_valid_ssn(std::string_view text);

// The value of an "Authorization: Basic" header: base64 that decodes to printable "user:password".
bool is_basic_auth_credential(std::string_view base64);

}  // namespace tftsr::pii
