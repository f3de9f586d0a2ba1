#include <doctest/doctest.h>

#include "core/pii/domain_names.h"
#include "core/pii/validators.h"

using namespace tftsr::pii;

TEST_CASE("Luhn checksum") {
  CHECK(luhn_valid("4111111111111111"));
  CHECK(luhn_valid("4111 1111 1111 1111"));
  CHECK(luhn_valid("4111-1111-1111-1111"));
  CHECK(luhn_valid("79927398713"));
  CHECK_FALSE(luhn_valid("4111111111111112"));
  CHECK_FALSE(luhn_valid("79927398710"));
  CHECK_FALSE(luhn_valid("4111a11111111111"));
}

TEST_CASE("card numbers need an issuer, a length and consistent grouping") {
  CHECK(is_plausible_card_number("4111111111111111"));
  CHECK(is_plausible_card_number("5555 5555 5555 4444"));
  CHECK(is_plausible_card_number("3782-822463-10005"));  // Amex 4-6-5
  CHECK(is_plausible_card_number("6011000990139424"));
  CHECK_FALSE(is_plausible_card_number("4111 1111-1111 1111"));    // mixed separators
  CHECK_FALSE(is_plausible_card_number("1234567812345670"));       // Luhn-valid, no issuer
  CHECK_FALSE(is_plausible_card_number("41 11 11 11 11 11 11 11"));  // not card grouping
}

TEST_CASE("IPv4 octet ranges") {
  CHECK(is_valid_ipv4("0.0.0.0"));
  CHECK(is_valid_ipv4("255.255.255.255"));
  CHECK(is_valid_ipv4("10.0.12.7"));
  CHECK_FALSE(is_valid_ipv4("256.1.1.1"));
  CHECK_FALSE(is_valid_ipv4("999.1.1.1"));
  CHECK_FALSE(is_valid_ipv4("1.2.3"));
  CHECK_FALSE(is_valid_ipv4("1.2.3.4.5"));
  CHECK_FALSE(is_valid_ipv4("01.2.3.4"));
  CHECK_FALSE(is_valid_ipv4("1..3.4"));
}

TEST_CASE("IPv6 forms") {
  CHECK(is_valid_ipv6("2001:0db8:85a3:0000:0000:8a2e:0370:7334"));
  CHECK(is_valid_ipv6("2001:db8::1"));
  CHECK(is_valid_ipv6("::1"));
  CHECK(is_valid_ipv6("::"));
  CHECK(is_valid_ipv6("fe80::"));
  CHECK(is_valid_ipv6("fe80::1%eth0"));
  CHECK(is_valid_ipv6("::ffff:192.0.2.128"));
  CHECK(is_valid_ipv6("64:ff9b::192.0.2.33"));
  CHECK_FALSE(is_valid_ipv6("2001:db8::1::2"));       // two compressions
  CHECK_FALSE(is_valid_ipv6("1:2:3:4:5:6:7"));        // too few groups
  CHECK_FALSE(is_valid_ipv6("1:2:3:4:5:6:7:8:9"));    // too many
  CHECK_FALSE(is_valid_ipv6("2001:db8::12345"));      // group too long
  CHECK_FALSE(is_valid_ipv6("fe80::1%"));             // empty zone
  CHECK_FALSE(is_valid_ipv6("::ffff:300.0.2.1"));     // bad embedded IPv4
  CHECK_FALSE(is_valid_ipv6("12:34:56"));             // a time of day
}

TEST_CASE("SSN areas, groups and serials") {
  CHECK(is_valid_ssn("123-45-6789"));
  CHECK_FALSE(is_valid_ssn("000-12-3456"));
  CHECK_FALSE(is_valid_ssn("666-12-3456"));
  CHECK_FALSE(is_valid_ssn("900-12-3456"));
  CHECK_FALSE(is_valid_ssn("123-00-4567"));
  CHECK_FALSE(is_valid_ssn("123-45-0000"));
}

TEST_CASE("Basic auth credentials decode to user:password") {
  CHECK(is_basic_auth_credential("YWxpY2U6czNjcmV0"));  // alice:s3cret
  CHECK_FALSE(is_basic_auth_credential("aGVsbG8gd29ybGQ="));  // "hello world": no colon
  CHECK_FALSE(is_basic_auth_credential("not base64!"));
}

TEST_CASE("host suffixes and file extensions") {
  CHECK(is_known_host_suffix("com"));
  CHECK(is_known_host_suffix("uk"));
  CHECK(is_known_host_suffix("internal"));
  CHECK_FALSE(is_known_host_suffix("log"));
  CHECK_FALSE(is_known_host_suffix("java"));
  CHECK(is_file_extension_suffix("py"));
  CHECK_FALSE(is_file_extension_suffix("com"));
}
