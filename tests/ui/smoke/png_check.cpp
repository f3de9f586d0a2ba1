// Checks that a screenshot is a real picture: it decodes, has a sane size, and is not one flat
// colour. Prints what it found.
#include <stb_image.h>

#include <cstdio>
#include <set>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: tftsr_png_check FILE.png\n");
    return 2;
  }
  int w = 0, h = 0, channels = 0;
  unsigned char* pixels = stbi_load(argv[1], &w, &h, &channels, 3);
  if (!pixels) {
    std::fprintf(stderr, "cannot decode %s: %s\n", argv[1], stbi_failure_reason());
    return 1;
  }
  std::set<unsigned> colours;
  for (long i = 0; i < static_cast<long>(w) * h; ++i) {
    const unsigned char* p = pixels + i * 3;
    colours.insert((unsigned(p[0]) << 16) | (unsigned(p[1]) << 8) | p[2]);
  }
  stbi_image_free(pixels);
  std::printf("%dx%d, %zu distinct colours\n", w, h, colours.size());
  if (w < 320 || h < 240) return 1;
  return colours.size() >= 16 ? 0 : 1;  // text on a background has many anti-aliased shades
}
