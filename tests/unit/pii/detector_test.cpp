#include <doctest/doctest.h>

#include <string>
#include <thread>

#include "core/pii/detector.h"

using namespace tftsr::pii;

namespace {

const PiiDetector& shared_detector() {
  static const PiiDetector detector;
  return detector;
}

std::string spans(std::string_view text, const std::vector<Finding>& findings) {
  std::string out;
  for (const auto& f : findings) {
    out += std::string(pii_type_name(f.type)) + ":" + std::string(text.substr(f.start, f.end - f.start)) + ";";
  }
  return out;
}

std::string scan_to_string(std::string_view text) { return spans(text, shared_detector().scan(text)); }

}  // namespace

TEST_CASE("empty input has no findings") {
  CHECK(shared_detector().scan("").empty());
  CHECK(shared_detector().scan("\n\n   \n").empty());
}

TEST_CASE("each type is found in a typical line") {
  CHECK(scan_to_string("login alice@example.com ok") == "Email:alice@example.com;");
  CHECK(scan_to_string("from 10.1.2.3 port 22") == "Ipv4:10.1.2.3;");
  CHECK(scan_to_string("addr fe80::1%eth0 up") == "Ipv6:fe80::1%eth0;");
  CHECK(scan_to_string("ether 00:1a:2b:3c:4d:5e") == "MacAddress:00:1a:2b:3c:4d:5e;");
  CHECK(scan_to_string("ether 00-1A-2B-3C-4D-5E") == "MacAddress:00-1A-2B-3C-4D-5E;");
  CHECK(scan_to_string("cisco 0050.56c0.0009 up") == "MacAddress:0050.56c0.0009;");
  CHECK(scan_to_string("ssn 123-45-6789.") == "Ssn:123-45-6789;");
  CHECK(scan_to_string("card 4111-1111-1111-1111 ok") == "CreditCard:4111-1111-1111-1111;");
  CHECK(scan_to_string("call (555) 123-4567") == "PhoneNumber:(555) 123-4567;");
  CHECK(scan_to_string("call +44 20 7946 0958") == "PhoneNumber:+44 20 7946 0958;");
  CHECK(scan_to_string("node db01.corp.example.com up") == "Hostname:db01.corp.example.com;");
  CHECK(scan_to_string("AWS key AKIAIOSFODNN7EXAMPLE") == "AwsAccessKey:AKIAIOSFODNN7EXAMPLE;");
  CHECK(scan_to_string("url=https://bob:Secr3t@git.example.com/repo.git") ==
        "UrlWithCredentials:https://bob:Secr3t@git.example.com;");
}

TEST_CASE("key=value types cover the value only") {
  const std::string text = R"(password=hunter2 "api_key": "abcd1234efgh5678" client_secret: Zx9-k2Lm4Qp8)";
  CHECK(scan_to_string(text) == "Password:hunter2;ApiKey:abcd1234efgh5678;GenericSecret:Zx9-k2Lm4Qp8;");
  CHECK(scan_to_string("Authorization: Bearer abcdef0123456789abcdef") == "BearerToken:abcdef0123456789abcdef;");
  CHECK(scan_to_string("Authorization: Basic YWxpY2U6czNjcmV0") == "BasicAuth:YWxpY2U6czNjcmV0;");
}

TEST_CASE("passwords in natural language") {
  CHECK(scan_to_string("the password is hunter2!") == "Password:hunter2!;");
  CHECK(scan_to_string("pw: x") == "Password:x;");
  CHECK(scan_to_string("password for svc-backup was Tr0ub4dor&3.") == "Password:Tr0ub4dor&3;");
  // No password here; the login name is a Username.
  CHECK(scan_to_string("password is incorrect for user bob") == "Username:bob;");
  CHECK(scan_to_string("Failed password for root from ssh2") == "Username:root;");
  CHECK(scan_to_string("password=******** bypass=true tests pass: 34") == "");
}

TEST_CASE("look-alikes are not PII") {
  CHECK(scan_to_string("version 1.2.3.4.5 released") == "");
  CHECK(scan_to_string("bad 999.1.1.1 address") == "");
  CHECK(scan_to_string("at 2024-03-01T12:34:56.789Z took 1234 ms") == "");
  CHECK(scan_to_string("java.net.SocketException at com.example.Foo.bar(Foo.java:12)") == "");
  CHECK(scan_to_string("main.py app.log config.yaml nginx.service libssl.so.3 System.IO.File") == "");
  CHECK(scan_to_string("uuid 3f2504e0-4f89-11d3-9a0c-0305e82c3301 sha 9a0364b9e99bb480dd25e1f0284c8555") == "");
  CHECK(scan_to_string("order 4111111111111112 (fails Luhn)") == "");
  CHECK(scan_to_string("std::vector<int> at 12:34:56") == "");
  CHECK(scan_to_string("man page fpc-3.2.2.1.gz, libfoo (1.2.5.1-2, automatic)") == "");
  CHECK(scan_to_string("Released 3.6.11.1 per section 5.7.1.2") == "");
  CHECK(scan_to_string("range 10.0.0.1-10.0.0.9") == "Ipv4:10.0.0.1;Ipv4:10.0.0.9;");
  CHECK(scan_to_string("see gnutls.h.in and README-ci.freebsd.md") == "");
  CHECK(scan_to_string("mounted at /run/secrets/kubernetes.io/serviceaccount") == "");
  CHECK(scan_to_string("set_challenge_password: don't accept null") == "");
  CHECK(scan_to_string("no password was supplied; password is GNUTLS_E_DECRYPTION_FAILED") == "");
}

TEST_CASE("offsets are bytes in multibyte UTF-8 text") {
  const std::string text = "Grüße, 東京 from 10.0.0.1 → ünïcødé bob@example.com";
  const auto findings = shared_detector().scan(text);
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].start == text.find("10.0.0.1"));
  CHECK(findings[0].end == text.find("10.0.0.1") + 8);
  CHECK(findings[1].start == text.find("bob@"));
  CHECK(text.substr(findings[1].start, findings[1].length()) == "bob@example.com");
}

TEST_CASE("a run of digits ends at a byte above 0x7F, wherever it falls in the text") {
  // 0xB9 and 0xB2 are '9' and '2' with the high bit set (a stray byte the scanner may be given
  // raw). Digit runs are measured eight bytes at a time, so each value is tried at every offset.
  for (std::size_t pad = 0; pad < 16; ++pad) {
    const std::string lead(pad, 'x');
    CHECK(scan_to_string(lead + " host 10.1.2.3\xb9 up") == "Ipv4:10.1.2.3;");
    CHECK(scan_to_string(lead + " card 4111111111111111\xb2 ok") == "CreditCard:4111111111111111;");
    CHECK(scan_to_string(lead + " call (555) 123-4567\xb9") == "PhoneNumber:(555) 123-4567;");
  }
}

TEST_CASE("a PEM private key block is one finding") {
  const std::string pem =
      "-----BEGIN OPENSSH PRIVATE KEY-----\n"
      "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
      "QyNTUxOQAAACBfakefakefakefakefakefakefakefakefakefakefakeAAAAJgAAAAA==\n"
      "-----END OPENSSH PRIVATE KEY-----";
  const std::string text = "config:\n" + pem + "\nnext line 10.0.0.1\n";
  const auto findings = shared_detector().scan(text);
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].type == PiiType::PrivateKey);
  CHECK(text.substr(findings[0].start, findings[0].length()) == pem);
  CHECK(findings[1].type == PiiType::Ipv4);
}

TEST_CASE("a PEM block cut off before its END line covers its base64 lines") {
  const std::string block = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBfakefakefake+/fake\r\nAwEHoUQDQgAEfakefake==";
  const std::string text = "x\n" + block + "\n2024-03-01 next line\n";
  const auto findings = shared_detector().scan(text);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].type == PiiType::PrivateKey);
  CHECK(text.substr(findings[0].start, findings[0].length()) == block);
}

TEST_CASE("overlaps: the more specific type wins, then the longer span") {
  // The e-mail contains a host name; the URL with credentials contains an e-mail-like part and
  // a host name; a JWT after Bearer is both.
  CHECK(scan_to_string("to alice@mail.example.com") == "Email:alice@mail.example.com;");
  CHECK(scan_to_string("db postgres://app:pw123@db.example.com:5432/x") ==
        "UrlWithCredentials:postgres://app:pw123@db.example.com:5432;");
  CHECK(scan_to_string("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl") ==
        "Jwt:eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl;");
  CHECK(scan_to_string("token=ghp_0123456789abcdefghijABCDEFGHIJ012345") ==
        "GitHubToken:ghp_0123456789abcdefghijABCDEFGHIJ012345;");
  CHECK(scan_to_string("mapped ::ffff:192.0.2.1 ok") == "Ipv6:::ffff:192.0.2.1;");
}

TEST_CASE("disabled types are not reported, and do not hide others") {
  DetectorOptions options;
  options.enabled = all_pii_types() & ~parse_type_list("Email,Ipv4");
  const PiiDetector detector(options);
  const std::string text = "alice@mail.example.com from 10.0.0.1";
  CHECK(spans(text, detector.scan(text)) == "Hostname:mail.example.com;");
  const PiiDetector nothing(DetectorOptions{PiiTypeSet{}});
  CHECK(nothing.scan(text).empty());
}

TEST_CASE("values across chunk boundaries are found exactly once") {
  std::string text;
  for (int i = 0; i < 400; ++i) text += "user" + std::to_string(i) + "@example.com token=AKIAIOSFODNN7EXAMPL" + char('A' + i % 26) + " ";
  DetectorOptions small;
  small.chunk_size = 97;  // a prime, so boundaries fall everywhere inside values
  const auto chunked = PiiDetector(small).scan(text);
  const auto whole = shared_detector().scan(text);
  CHECK(chunked.size() == 800);
  CHECK(chunked == whole);
}

TEST_CASE("a 10 MB single line is scanned") {
  std::string line(10 * 1024 * 1024, 'a');
  const std::string needle = " bob@example.com ";
  line.replace(5 * 1024 * 1024, needle.size(), needle);
  const auto findings = shared_detector().scan(line);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].start == 5 * 1024 * 1024 + 1);
  CHECK(findings[0].type == PiiType::Email);
}

TEST_CASE("concurrent scans on one detector agree") {
  const std::string text = "a@example.com 10.0.0.1 password=x1 AKIAIOSFODNN7EXAMPLE\n";
  const auto expected = shared_detector().scan(text);
  std::vector<std::thread> threads;
  std::vector<bool> same(4, false);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      bool ok = true;
      for (int i = 0; i < 200; ++i) ok = ok && shared_detector().scan(text) == expected;
      same[t] = ok;
    });
  }
  for (auto& th : threads) th.join();
  CHECK(expected.size() == 4);
  for (bool s : same) CHECK(s);
}

TEST_CASE("replacements default to the type name in brackets") {
  const auto findings = shared_detector().scan("mail bob@example.com");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].replacement == "[Email]");
}

// Quadratic behaviour on long runs of one shape would take hours here; the timeout only guards
// against that and is far above the normal time, even under sanitizers.
TEST_CASE("long runs of value-like bytes are scanned in linear time" * doctest::timeout(60)) {
  const std::size_t size = 2 * 1024 * 1024;
  for (const std::string unit : {"1.", "a:", "1-", "ab.", "a@", "password=", "+1 ", "eyJ", "1 ", "-----BEGIN PRIVATE KEY-----"}) {
    std::string text;
    text.reserve(size + unit.size());
    while (text.size() < size) text += unit;
    const auto findings = shared_detector().scan(text);
    std::size_t previous_end = 0;
    bool ordered = true;
    for (const auto& f : findings) {
      ordered = ordered && f.start >= previous_end && f.end > f.start;
      previous_end = f.end;
    }
    INFO("unit '" << unit << "'");
    CHECK(ordered);
    CHECK(previous_end <= text.size());
  }
}
