#include <doctest/doctest.h>

#include "core/error.h"
#include "core/pii/detector.h"
#include "core/pii/redactor.h"

using namespace tftsr::pii;

TEST_CASE("redaction replaces every finding") {
  const std::string text = "user bob@example.com from 10.0.0.1 password=hunter2 done";
  const PiiDetector detector;
  const auto findings = detector.scan(text);
  CHECK(redact(text, findings) == "user [Email] from [Ipv4] password=[Password] done");
}

TEST_CASE("kept findings stay as they were") {
  const std::string text = "a@example.com b@example.com";
  const std::vector<Finding> findings = {{PiiType::Email, 0, 13, "[Email]"}, {PiiType::Email, 14, 27, "[Email]"}};
  CHECK(redact(text, findings, {false, true}) == "a@example.com [Email]");
  CHECK(redact(text, findings, {false, false}) == text);
  CHECK(redact(text, {}) == text);
  CHECK(redact("", {}) == "");
}

TEST_CASE("malformed findings are refused") {
  const std::string text = "0123456789";
  const std::vector<Finding> overlapping = {{PiiType::Ssn, 0, 5, "[Ssn]"}, {PiiType::Ssn, 4, 8, "[Ssn]"}};
  CHECK_THROWS_AS(redact(text, overlapping), tftsr::Error);
  // Overlap is refused even when the first finding is kept.
  CHECK_THROWS_AS(redact(text, overlapping, {false, true}), tftsr::Error);
  const std::vector<Finding> outside = {{PiiType::Ssn, 5, 11, "[Ssn]"}};
  CHECK_THROWS_AS(redact(text, outside), tftsr::Error);
  const std::vector<Finding> one = {{PiiType::Ssn, 0, 1, "[Ssn]"}};
  CHECK_THROWS_AS(redact(text, one, {true, false}), tftsr::Error);
}
