#include "core/images/area_resampler.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "core/error.h"

namespace tftsr {
namespace {

// sRGB <-> linear light (IEC 61966-2-1). The inverse table is fine enough that every 8-bit value
// survives a round trip.
constexpr int kLinearSteps = 16384;

struct SrgbTables {
  std::array<float, 256> to_linear{};
  std::vector<std::uint8_t> to_srgb;  // index: linear * (kLinearSteps - 1)

  SrgbTables() : to_srgb(kLinearSteps) {
    for (int v = 0; v < 256; ++v) {
      const double c = v / 255.0;
      to_linear[static_cast<std::size_t>(v)] = static_cast<float>(c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4));
    }
    for (int i = 0; i < kLinearSteps; ++i) {
      const double l = static_cast<double>(i) / (kLinearSteps - 1);
      const double s = l <= 0.0031308 ? l * 12.92 : 1.055 * std::pow(l, 1 / 2.4) - 0.055;
      to_srgb[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(std::lround(std::clamp(s, 0.0, 1.0) * 255));
    }
  }
  std::uint8_t encode(float linear) const {
    const float index = std::clamp(linear, 0.0f, 1.0f) * (kLinearSteps - 1);
    return to_srgb[static_cast<std::size_t>(index + 0.5f)];
  }
};

const SrgbTables& srgb_tables() {
  static const SrgbTables tables;
  return tables;
}

// For each output position along one axis: which source pixels it covers and by how much.
struct Footprint {
  int first = 0;
  std::vector<float> weights;  // for source pixels first, first+1, ...; they sum to 1
};

std::vector<Footprint> footprints(int source_size, int target_size) {
  const double scale = static_cast<double>(source_size) / target_size;
  std::vector<Footprint> out(static_cast<std::size_t>(target_size));
  for (int t = 0; t < target_size; ++t) {
    const double start = t * scale, end = std::min<double>((t + 1) * scale, source_size);
    Footprint& f = out[static_cast<std::size_t>(t)];
    f.first = static_cast<int>(std::floor(start));
    const int last = std::min(source_size, static_cast<int>(std::ceil(end)));
    for (int s = f.first; s < last; ++s) {
      const double covered = std::min<double>(s + 1, end) - std::max<double>(s, start);
      f.weights.push_back(static_cast<float>(std::max(0.0, covered) / (end - start)));
    }
  }
  return out;
}

}  // namespace

RgbaImage shrink_by_area(const RgbaImage& image, int width, int height) {
  if (width < 1 || height < 1 || width > image.width || height > image.height)
    throw Error(ErrorKind::Internal, "shrink_by_area: the target size must be within the source size");
  const SrgbTables& srgb = srgb_tables();
  const auto columns = footprints(image.width, width);
  const auto rows = footprints(image.height, height);

  RgbaImage out{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4)};
  std::vector<float> row_sum(static_cast<std::size_t>(width) * 4);  // premultiplied linear RGB + alpha
  std::vector<float> reduced(static_cast<std::size_t>(width) * 4);  // one source row, shrunk horizontally
  for (int y = 0; y < height; ++y) {
    const Footprint& vertical = rows[static_cast<std::size_t>(y)];
    std::fill(row_sum.begin(), row_sum.end(), 0.0f);
    for (std::size_t k = 0; k < vertical.weights.size(); ++k) {
      const std::uint8_t* source = &image.pixels[image.offset(0, vertical.first + static_cast<int>(k))];
      for (int x = 0; x < width; ++x) {
        const Footprint& horizontal = columns[static_cast<std::size_t>(x)];
        float r = 0, g = 0, b = 0, a = 0;
        const std::uint8_t* p = source + static_cast<std::size_t>(horizontal.first) * 4;
        for (float w : horizontal.weights) {
          const float alpha = w * (p[3] * (1.0f / 255));
          r += alpha * srgb.to_linear[p[0]];
          g += alpha * srgb.to_linear[p[1]];
          b += alpha * srgb.to_linear[p[2]];
          a += alpha;
          p += 4;
        }
        float* sum = &reduced[static_cast<std::size_t>(x) * 4];
        sum[0] = r;
        sum[1] = g;
        sum[2] = b;
        sum[3] = a;
      }
      const float w = vertical.weights[k];
      for (std::size_t i = 0; i < row_sum.size(); ++i) row_sum[i] += w * reduced[i];
    }
    std::uint8_t* target = &out.pixels[out.offset(0, y)];
    for (int x = 0; x < width; ++x, target += 4) {
      const float* sum = &row_sum[static_cast<std::size_t>(x) * 4];
      const float alpha = sum[3];
      target[3] = static_cast<std::uint8_t>(std::lround(std::clamp(alpha, 0.0f, 1.0f) * 255));
      if (alpha <= 0) {
        target[0] = target[1] = target[2] = 0;
        continue;
      }
      target[0] = srgb.encode(sum[0] / alpha);
      target[1] = srgb.encode(sum[1] / alpha);
      target[2] = srgb.encode(sum[2] / alpha);
    }
  }
  return out;
}

}  // namespace tftsr
