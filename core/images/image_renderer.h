#pragma once
// Burns annotations into a copy of an image for export or sending. Redaction boxes are painted
// last, opaque, over every pixel they touch, so nothing drawn before can leave a hole in them.
#include <memory>
#include <vector>

#include "core/images/annotation.h"
#include "core/images/label_font.h"
#include "core/images/pixel_box.h"
#include "core/images/rgba_image.h"

namespace tftsr {

struct RenderOptions {
  std::shared_ptr<const LabelFont> font;  // null: LabelFont::system_default()
};

// Throws Error(InvalidInput) for an annotation outside check_annotation_geometry's bounds, rather
// than skipping it: a skipped redaction box would leak what it was meant to hide.
RgbaImage render_for_export(const RgbaImage& original, const std::vector<Annotation>& annotations,
                            const RenderOptions& options = {});

// The pixels a redaction box replaces: every pixel the box overlaps, clipped to the image.
PixelBox redaction_pixels(const Annotation& box, int image_width, int image_height);

}  // namespace tftsr
