#pragma once
// Screenshots attached to incidents, kept inside the encrypted database: add (checked, hashed,
// de-duplicated per incident), list, read back, delete, acknowledge the privacy warning, keep
// annotations, and export with the annotations burned in. Takes the open Database; the caller
// (ImageService) holds its lock and writes the timeline and audit entries.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/images/image_limits.h"
#include "core/model/image.h"

namespace tftsr {

class Database;

class ImageLibrary {
 public:
  explicit ImageLibrary(Database& db, ImageLimits limits = {}) : db_(db), limits_(limits) {}

  // Checks the bytes (probe_image and a full decode, so a broken file is refused now rather than
  // when someone opens it), then stores them. New images are not acknowledged.
  AddedImage add(const std::string& issue_id, const std::string& file_name, std::string_view bytes,
                 bool is_paste = false, const std::string& file_path = {});
  // Reads the file (refusing one over the size limit before reading it) and adds it.
  AddedImage add_file(const std::string& issue_id, const std::filesystem::path& path);

  std::vector<ImageAttachment> list(const std::string& issue_id);
  ImageAttachment get(const std::string& image_id);  // Error(NotFound) if no such image
  std::string original_bytes(const std::string& image_id);
  RgbaImage decode_original(const std::string& image_id);  // for the preview and thumbnails
  // Of the stored original: 16 for a 16-bit PNG, whose export has 8 bits per channel.
  int bits_per_channel(const std::string& image_id);
  void remove(const std::string& image_id);  // its blob and annotations go with it
  void acknowledge_pii_warning(const std::string& image_id);

  // Validated as annotations_from_json would, so what is stored always loads again.
  void save_annotations(const std::string& image_id, const std::vector<Annotation>& annotations);
  std::vector<Annotation> annotations(const std::string& image_id);  // empty if none saved

  // The image with its annotations burned in (redaction boxes opaque).
  RgbaImage render(const std::string& image_id);
  std::string export_png(const std::string& image_id);
  // Writes the burned-in PNG to `path` through a temporary file, so a failure never leaves a
  // half-written file; replaces an existing file.
  void export_png_to(const std::string& image_id, const std::filesystem::path& path);
  // What may leave the machine: the burned-in PNG, only once the privacy warning was acknowledged
  // (Error(InvalidInput) otherwise). The unredacted original is never returned for sending.
  std::string png_for_sending(const std::string& image_id);

 private:
  Database& db_;
  ImageLimits limits_;
};

}  // namespace tftsr
