#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <vector>

#include "core/crypto/base64.h"
#include "core/crypto/random.h"
#include "core/crypto/secret_box.h"
#include "core/crypto/sha256.h"
#include "core/crypto/uuid.h"
#include "core/error.h"

using namespace tftsr;

namespace {
std::string hex(const std::string& s) { return to_hex(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()); }
std::array<std::uint8_t, 32> key_of(std::uint8_t fill) {
  std::array<std::uint8_t, 32> k{};
  k.fill(fill);
  return k;
}
}  // namespace

TEST_CASE("SHA-256 known answers (FIPS 180-2)") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("SHA-256 incremental equals one-shot") {
  std::string data(100000, 'x');
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 31);
  Sha256 h;
  for (std::size_t i = 0; i < data.size(); i += 777) h.update(std::string_view(data).substr(i, 777));
  CHECK(h.finish_hex() == sha256_hex(data));
}

TEST_CASE("base64 RFC 4648 vectors and errors") {
  const std::pair<std::string, std::string> v[] = {{"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},
                                                   {"foo", "Zm9v"}, {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="},
                                                   {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, enc] : v) {
    CHECK(base64_encode(plain) == enc);
    CHECK(base64_decode(enc) == plain);
  }
  CHECK_THROWS_AS(base64_decode("Zm9"), Error);
  CHECK_THROWS_AS(base64_decode("Zm9!"), Error);
}

TEST_CASE("PBKDF2-HMAC-SHA256 known answer (RFC 7914 §11)") {
  auto k = derive_secret_key("passwd", "salt", 1);
  CHECK(to_hex(k.data(), k.size()) == "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
}

TEST_CASE("AES-256-GCM known answers (GCM spec test cases 13 and 14)") {
  SecretBox box(key_of(0));
  std::string nonce(12, '\0');
  // Layout base64(nonce || ciphertext || tag).
  std::string tc13 = base64_decode(box.seal_with_nonce("", nonce));
  CHECK(hex(tc13.substr(12)) == "530f8afbc74536b9a963b4f1c4cb738b");
  std::string tc14 = base64_decode(box.seal_with_nonce(std::string(16, '\0'), nonce));
  CHECK(hex(tc14.substr(0, 12)) == "000000000000000000000000");
  CHECK(hex(tc14.substr(12, 16)) == "cea7403d4d606b6e074ec5d3baf39d18");
  CHECK(hex(tc14.substr(28)) == "d0d1c8a799996bf0265b98b5d48ab919");
  CHECK(box.open(base64_encode(tc14)) == std::string(16, '\0'));
}

TEST_CASE("AES-256-GCM round trip uses a fresh nonce each time") {
  SecretBox box(key_of(7));
  std::string a = box.seal("api-key-123");
  std::string b = box.seal("api-key-123");
  CHECK(a != b);
  CHECK(base64_decode(a).size() == 12 + 11 + 16);
  CHECK(box.open(a) == "api-key-123");
  CHECK(box.open(b) == "api-key-123");
  CHECK(box.open(box.seal("")) == "");
}

TEST_CASE("AES-256-GCM detects tampering anywhere and a wrong key") {
  SecretBox box(key_of(7));
  std::string raw = base64_decode(box.seal("the secret token"));
  for (std::size_t i = 0; i < raw.size(); ++i) {
    std::string bad = raw;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    CHECK_THROWS_AS(box.open(base64_encode(bad)), Error);
  }
  CHECK_THROWS_AS(box.open(base64_encode(raw.substr(0, raw.size() - 1))), Error);
  CHECK_THROWS_AS(box.open(base64_encode("short")), Error);
  SecretBox other(key_of(8));
  CHECK_THROWS_AS(other.open(base64_encode(raw)), Error);
}

TEST_CASE("UUID v7 layout") {
  std::string id = uuid_v7();
  REQUIRE(id.size() == 36);
  CHECK(id[8] == '-');
  CHECK(id[13] == '-');
  CHECK(id[14] == '7');  // version
  CHECK(std::string("89ab").find(id[19]) != std::string::npos);  // variant 10xx
  // The first 48 bits are the Unix time in milliseconds.
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
                 .count();
  long long ms = std::stoll(id.substr(0, 8) + id.substr(9, 4), nullptr, 16);
  CHECK(std::llabs(now - ms) < 5000);
}

TEST_CASE("UUID v7 ids sort in creation order and are unique") {
  std::vector<std::string> ids;
  for (int i = 0; i < 20000; ++i) ids.push_back(uuid_v7());
  CHECK(std::is_sorted(ids.begin(), ids.end()));
  CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());
}

TEST_CASE("random bytes differ") {
  CHECK(random_bytes(32) != random_bytes(32));
  CHECK(random_bytes(0).empty());
}
