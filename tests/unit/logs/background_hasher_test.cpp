#include <doctest/doctest.h>

#include <string>

#include "core/crypto/sha256.h"
#include "core/logs/background_hasher.h"

using namespace tftsr;

TEST_CASE("the background hasher gives the digest of its blocks in order, as one hash of them all") {
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "line " + std::to_string(i) + "\n";
  logs::BackgroundHasher hasher;
  for (std::size_t at = 0; at < text.size(); at += 65536) {
    hasher.start(std::string_view(text).substr(at, 65536));
    hasher.wait();
  }
  CHECK(hasher.finish_hex() == sha256_hex(text));

  logs::BackgroundHasher nothing;
  CHECK(nothing.finish_hex() == sha256_hex(""));
}

TEST_CASE("finish waits for the block under way, and a hasher destroyed with one under way waits for it") {
  const std::string block(8 << 20, 'x');
  logs::BackgroundHasher hasher;
  hasher.start(block);
  CHECK(hasher.finish_hex() == sha256_hex(block));
  {
    logs::BackgroundHasher abandoned;
    abandoned.start(block);
  }  // must neither hang nor touch `block` after this (ASan runs it too)
}
