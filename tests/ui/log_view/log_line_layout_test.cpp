#include <doctest/doctest.h>

#include <cmath>

#include "app/gui/views/log_findings_panel.h"
#include "app/gui/views/log_line_layout.h"

using namespace tftsr;
using namespace tftsr::gui;

namespace {
PiiSpan finding(std::int64_t start, std::int64_t end, std::string type, std::string action = "redact") {
  PiiSpan f;
  f.start_offset = start;
  f.end_offset = end;
  f.replacement = "[" + type + "]";
  f.pii_type = std::move(type);
  f.action = std::move(action);
  return f;
}
}  // namespace

TEST_CASE("segments are byte ranges of the line, after multibyte characters too") {
  const std::string line = "é→ a@b.c x";  // é is 2 bytes, → is 3
  const std::int64_t at = 100;             // the line's offset in the text
  std::vector<PiiSpan> findings{finding(at + 6, at + 11, "Email")};
  const LineLayout l = layout_line(line, at, findings, false, 4096);
  REQUIRE(l.segments.size() == 1);
  CHECK(l.text == line);
  CHECK(l.text.substr(l.segments[0].begin, l.segments[0].end - l.segments[0].begin) == "a@b.c");
}

TEST_CASE("the preview replaces redacted findings and leaves kept ones") {
  const std::string line = "to a@b.c from 1.2.3.4 end";
  std::vector<PiiSpan> findings{finding(3, 8, "Email"), finding(14, 21, "Ipv4", "keep")};
  const LineLayout l = layout_line(line, 0, findings, true, 4096);
  CHECK(l.text == "to [Email] from 1.2.3.4 end");
  REQUIRE(l.segments.size() == 2);
  CHECK(l.segments[0].replaced);
  CHECK(l.text.substr(l.segments[0].begin, l.segments[0].end - l.segments[0].begin) == "[Email]");
  CHECK_FALSE(l.segments[1].replaced);
  CHECK(l.text.substr(l.segments[1].begin, l.segments[1].end - l.segments[1].begin) == "1.2.3.4");
}

TEST_CASE("only the findings of this line are laid out") {
  // Line "bbbb" at offset 5 of "aaaa\nbbbb\ncccc".
  std::vector<PiiSpan> findings{finding(0, 2, "A"), finding(6, 8, "B"), finding(10, 12, "C")};
  const LineLayout l = layout_line("bbbb", 5, findings, false, 4096);
  REQUIRE(l.segments.size() == 1);
  CHECK(l.segments[0].finding == 1);
  CHECK(l.segments[0].begin == 1);
  CHECK(first_finding_at(findings, 5) == 1);
  CHECK(first_finding_at(findings, 7) == 1);  // finding 1 still covers byte 7
  CHECK(first_finding_at(findings, 8) == 2);
}

TEST_CASE("a very long line is cut on a character boundary and findings past the cut are dropped") {
  std::string line(10, 'x');
  line += "é";  // bytes 10-11
  line += std::string(10, 'y');
  std::vector<PiiSpan> findings{finding(2, 4, "A"), finding(15, 18, "B")};
  const LineLayout l = layout_line(line, 0, findings, false, 11);  // 11 would split é
  CHECK(l.text == std::string(10, 'x'));
  CHECK(l.hidden_bytes == line.size() - 10);
  REQUIRE(l.segments.size() == 1);
  CHECK(l.segments[0].finding == 0);
}

TEST_CASE("log levels are recognised as words near the start of the line") {
  CHECK(log_level_of("2024-01-01 ERROR boom") == LogLevel::Error);
  CHECK(log_level_of("[FATAL] disk") == LogLevel::Error);
  CHECK(log_level_of("2024 WARNING low memory") == LogLevel::Warning);
  CHECK(log_level_of("W WARN x") == LogLevel::Warning);
  CHECK(log_level_of("DEBUG: x") == LogLevel::Debug);
  CHECK(log_level_of("trace TRACE") == LogLevel::Debug);
  CHECK(log_level_of("INFO all good, ERRORS=0") == LogLevel::Info);
  CHECK(log_level_of("") == LogLevel::Info);
}

TEST_CASE("findings are counted per type and decision") {
  std::vector<PiiSpan> findings{finding(0, 1, "Email"), finding(2, 3, "Email", "keep"), finding(4, 5, "Ipv4")};
  auto counts = count_findings_by_type(findings);
  CHECK(counts["Email"].redact == 1);
  CHECK(counts["Email"].keep == 1);
  CHECK(counts["Ipv4"].redact == 1);
  CHECK(counts.size() == 2);
}

TEST_CASE("every type the detector knows has a colour of its own") {
  const char* types[] = {"UrlWithCredentials", "BearerToken", "ApiKey", "Password", "Ssn", "CreditCard", "Email",
                         "MacAddress", "Ipv6", "Ipv4", "PhoneNumber", "Hostname", "AwsAccessKey", "GitHubToken",
                         "GitLabToken", "SlackToken", "SlackWebhook", "StripeKey", "OpenAiKey", "AnthropicKey",
                         "GoogleApiKey", "Jwt", "PrivateKey", "BasicAuth", "GenericSecret"};
  for (const char* a : types)
    for (const char* b : types) {
      if (a == b) continue;
      const ImVec4 x = finding_type_colour(a), y = finding_type_colour(b);
      const float d = std::abs(x.x - y.x) + std::abs(x.y - y.y) + std::abs(x.z - y.z);
      CHECK_MESSAGE(d > 0.05f, a << " and " << b << " look alike");
    }
  CHECK(finding_type_colour("SomethingNew").w == 1.0f);
}
