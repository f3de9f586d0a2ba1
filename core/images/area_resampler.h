#pragma once
// Shrinks an image by averaging, for every output pixel, exactly the area of the source it
// covers. Averaging happens in linear light with premultiplied alpha: thin dark text on a light
// background keeps its weight, and transparent pixels do not bleed their invisible colour.
#include "core/images/rgba_image.h"

namespace tftsr {

// Requires 1 <= width <= image.width and 1 <= height <= image.height (shrinking only).
RgbaImage shrink_by_area(const RgbaImage& image, int width, int height);

}  // namespace tftsr
