#pragma once
// A box of whole pixels, the unit in which drawing is clipped.
namespace tftsr {

struct PixelBox {
  int left = 0, top = 0, right = 0, bottom = 0;  // right and bottom exclusive
  bool empty() const { return right <= left || bottom <= top; }
  bool operator==(const PixelBox&) const = default;
};

}  // namespace tftsr
