#pragma once
// Screenshots attached to incidents, their annotations and decoded pixels.
#include <cstdint>
#include <string>

#include "core/images/annotation.h"
#include "core/images/rgba_image.h"

namespace tftsr {

// A row of image_attachments (columns of the seed schema) with the size from image_blobs.
struct ImageAttachment {
  std::string id;
  std::string issue_id;
  std::string file_name;
  std::string file_path;  // where it was imported from, empty for a paste; never read again
  std::int64_t file_size = 0;
  std::string mime_type;
  std::string upload_hash;  // SHA-256 hex of the bytes
  std::string uploaded_at;  // YYYY-MM-DD HH:MM:SS UTC
  bool pii_warning_acknowledged = false;
  bool is_paste = false;
  int width = 0;
  int height = 0;
};

struct AddedImage {
  ImageAttachment image;
  bool duplicate = false;  // the incident already had these exact bytes: `image` is that row
};

}  // namespace tftsr
