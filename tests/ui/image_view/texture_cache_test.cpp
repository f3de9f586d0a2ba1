#include <doctest/doctest.h>

#include "app/gui/texture_cache.h"

using namespace tftsr;
using namespace tftsr::gui;

namespace {
RgbaImage blank(int w, int h) {
  return RgbaImage{w, h, std::vector<std::uint8_t>(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4)};
}
}  // namespace

TEST_CASE("a big texture is uploaded a slice of rows per call and usable only once complete") {
  TextureCache cache(false);
  cache.put("full:a", blank(1000, 1000), TextureFilter::PixelExact);  // 4 MB of pixels
  CHECK(cache.contains("full:a"));
  CHECK(cache.find("full:a") == nullptr);
  int calls = 0;
  while (cache.upload(1000 * 4 * 100)) {  // 100 rows a call
    ++calls;
    CHECK(cache.find("full:a") == nullptr);
  }
  CHECK(calls == 9);  // the tenth call finished it
  const Texture* t = cache.find("full:a");
  REQUIRE(t != nullptr);
  CHECK(t->width == 1000);
  CHECK(t->height == 1000);
  CHECK(t->id != nullptr);
  CHECK_FALSE(cache.uploading());
}

TEST_CASE("small textures share one call's budget oldest first and replacing or erasing drops the old one") {
  TextureCache cache(false);
  cache.put("thumb:1", blank(16, 16), TextureFilter::Smooth);
  cache.put("thumb:2", blank(16, 16), TextureFilter::Smooth);
  cache.put("thumb:3", blank(16, 16), TextureFilter::Smooth);
  CHECK(cache.upload(16 * 16 * 4 * 2) == true);  // room for two
  CHECK(cache.find("thumb:1") != nullptr);
  CHECK(cache.find("thumb:2") != nullptr);
  CHECK(cache.find("thumb:3") == nullptr);
  const ImTextureID first = cache.find("thumb:1")->id;
  cache.put("thumb:1", blank(8, 8), TextureFilter::Smooth);
  CHECK(cache.find("thumb:1") == nullptr);  // the new pixels are not uploaded yet
  CHECK_FALSE(cache.upload());
  REQUIRE(cache.find("thumb:1") != nullptr);
  CHECK(cache.find("thumb:1")->id != first);
  CHECK(cache.find("thumb:1")->width == 8);
  cache.erase("thumb:2");
  CHECK_FALSE(cache.contains("thumb:2"));
  CHECK(cache.size() == 2);
}

TEST_CASE("an upload call always makes progress even with a budget smaller than a row") {
  TextureCache cache(false);
  cache.put("k", blank(4000, 3), TextureFilter::Smooth);
  CHECK(cache.upload(1));
  CHECK(cache.upload(1));
  CHECK_FALSE(cache.upload(1));
  CHECK(cache.find("k") != nullptr);
}
