#pragma once
// Screenshots of an incident. New images are not acknowledged: they cannot be sent anywhere until
// the user has looked at them and confirmed the privacy warning (acknowledge(), audited).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/image.h"

namespace tftsr {

struct ServiceContext;

class ImageService {
 public:
  explicit ImageService(ServiceContext& ctx) : ctx_(ctx) {}

  AddedImage add(const std::string& incident_id, const std::filesystem::path& path);
  AddedImage add_bytes(const std::string& incident_id, const std::string& file_name, std::string_view bytes,
                       bool is_paste);
  std::vector<ImageAttachment> list(const std::string& incident_id);
  ImageAttachment get(const std::string& image_id);
  RgbaImage decode(const std::string& image_id);  // the original pixels, for the preview
  int bits_per_channel(const std::string& image_id);  // 16: the export (8 bits) loses depth
  void remove(const std::string& image_id);       // audited
  // The user confirmed the privacy warning: the image may be sent. Audited; a second call changes
  // nothing and records nothing.
  void acknowledge(const std::string& image_id);
  std::vector<Annotation> annotations(const std::string& image_id);
  void save_annotations(const std::string& image_id, const std::vector<Annotation>& annotations);
  RgbaImage render(const std::string& image_id);  // annotations and redactions burned in
  // Writes the burned-in PNG; audited with the SHA-256 of the file written.
  void export_png(const std::string& image_id, const std::filesystem::path& out_path);

 private:
  ServiceContext& ctx_;
};

}  // namespace tftsr
