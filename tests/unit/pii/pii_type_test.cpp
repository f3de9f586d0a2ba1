#include <doctest/doctest.h>

#include "core/error.h"
#include "core/pii/pii_type.h"

using namespace tftsr::pii;

TEST_CASE("type names round-trip and are the documented ones") {
  CHECK(pii_type_name(PiiType::UrlWithCredentials) == "UrlWithCredentials");
  CHECK(pii_type_name(PiiType::GenericSecret) == "GenericSecret");
  for (std::size_t i = 0; i < kPiiTypeCount; ++i) {
    const auto type = static_cast<PiiType>(i);
    CHECK(pii_type_from_name(pii_type_name(type)) == type);
  }
  CHECK(pii_type_from_name("ipv4") == PiiType::Ipv4);
  CHECK_FALSE(pii_type_from_name("Ipv5").has_value());
}

TEST_CASE("parse_type_list reads a settings string") {
  const auto set = parse_type_list(" Hostname, Ipv4 ,,");
  CHECK(set.count() == 2);
  CHECK(contains(set, PiiType::Hostname));
  CHECK(contains(set, PiiType::Ipv4));
  CHECK(parse_type_list("").none());
  try {
    parse_type_list("Email,Telepathy");
    FAIL("an unknown name must be refused");
  } catch (const tftsr::Error& e) {
    CHECK(e.kind() == tftsr::ErrorKind::InvalidInput);
    CHECK(std::string(e.what()).find("'Telepathy'") != std::string::npos);
  }
}
