#include "core/images/image_service.h"

#include <nlohmann/json.hpp>

#include "core/crypto/sha256.h"
#include "core/images/image_decoder.h"
#include "core/images/image_library.h"
#include "core/images/image_probe.h"
#include "core/images/image_renderer.h"
#include "core/journal/journal.h"
#include "core/service_context.h"
#include "core/store/database.h"
#include "core/store/issue_repository.h"

namespace tftsr {

namespace {
void image_added_event(Journal& journal, const AddedImage& added) {
  if (added.duplicate) return;
  const auto& i = added.image;
  nlohmann::json details = {{"image_id", i.id}, {"sha256", i.upload_hash}, {"is_paste", i.is_paste}};
  journal.event(i.issue_id, "image_added",
                std::string(i.is_paste ? "Screenshot pasted: " : "Image added: ") + i.file_name + " (" +
                    std::to_string(i.width) + "×" + std::to_string(i.height) + ")",
                details.dump());
}
}  // namespace

AddedImage ImageService::add(const std::string& incident_id, const std::filesystem::path& path) {
  ServiceLock lock(ctx_.mutex);
  Transaction tx(ctx_.db);
  IssueRepository(ctx_.db).get(incident_id);
  AddedImage added = ImageLibrary(ctx_.db).add_file(incident_id, path);
  image_added_event(ctx_.journal, added);
  tx.commit();
  return added;
}

AddedImage ImageService::add_bytes(const std::string& incident_id, const std::string& file_name,
                                   std::string_view bytes, bool is_paste) {
  ServiceLock lock(ctx_.mutex);
  Transaction tx(ctx_.db);
  IssueRepository(ctx_.db).get(incident_id);
  AddedImage added = ImageLibrary(ctx_.db).add(incident_id, file_name, bytes, is_paste);
  image_added_event(ctx_.journal, added);
  tx.commit();
  return added;
}

std::vector<ImageAttachment> ImageService::list(const std::string& incident_id) {
  return read_committed(ctx_, [&](Database& db) {
    IssueRepository(db).get(incident_id);
    return ImageLibrary(db).list(incident_id);
  });
}

ImageAttachment ImageService::get(const std::string& image_id) {
  return read_committed(ctx_, [&](Database& db) { return ImageLibrary(db).get(image_id); });
}

// The bytes are read on either connection; decoding them needs no lock at all.
RgbaImage ImageService::decode(const std::string& image_id) {
  return decode_image(read_committed(ctx_, [&](Database& db) { return ImageLibrary(db).original_bytes(image_id); }));
}

int ImageService::bits_per_channel(const std::string& image_id) {
  const std::string bytes =
      read_committed(ctx_, [&](Database& db) { return ImageLibrary(db).original_bytes(image_id); });
  return probe_image(bytes).bits_per_channel;
}

void ImageService::remove(const std::string& image_id) {
  ServiceLock lock(ctx_.mutex);
  Transaction tx(ctx_.db);
  ImageLibrary images(ctx_.db);
  ImageAttachment i = images.get(image_id);
  images.remove(image_id);
  nlohmann::json details = {{"file_name", i.file_name}, {"sha256", i.upload_hash}, {"issue_id", i.issue_id}};
  ctx_.journal.audit("image_delete", "image", image_id, details.dump());
  ctx_.journal.event(i.issue_id, "image_deleted", "Image deleted: " + i.file_name);
  tx.commit();
}

void ImageService::acknowledge(const std::string& image_id) {
  ServiceLock lock(ctx_.mutex);
  Transaction tx(ctx_.db);
  ImageLibrary images(ctx_.db);
  ImageAttachment i = images.get(image_id);
  if (i.pii_warning_acknowledged) return;
  images.acknowledge_pii_warning(image_id);
  nlohmann::json details = {{"file_name", i.file_name}, {"sha256", i.upload_hash}, {"issue_id", i.issue_id}};
  ctx_.journal.audit("image_acknowledge", "image", image_id, details.dump());
  ctx_.journal.event(i.issue_id, "image_acknowledged", "Image cleared for sending: " + i.file_name,
                     nlohmann::json{{"image_id", image_id}, {"sha256", i.upload_hash}}.dump());
  tx.commit();
}

std::vector<Annotation> ImageService::annotations(const std::string& image_id) {
  return read_committed(ctx_, [&](Database& db) { return ImageLibrary(db).annotations(image_id); });
}

void ImageService::save_annotations(const std::string& image_id, const std::vector<Annotation>& annotations) {
  ServiceLock lock(ctx_.mutex);
  ImageLibrary(ctx_.db).save_annotations(image_id, annotations);
}

RgbaImage ImageService::render(const std::string& image_id) {
  struct Stored {
    std::string bytes;
    std::vector<Annotation> marks;
  };
  const Stored stored = read_committed(ctx_, [&](Database& db) {
    ImageLibrary images(db);
    return Stored{images.original_bytes(image_id), images.annotations(image_id)};
  });
  return render_for_export(decode_image(stored.bytes), stored.marks);
}

void ImageService::export_png(const std::string& image_id, const std::filesystem::path& out) {
  ServiceLock lock(ctx_.mutex);
  ImageLibrary images(ctx_.db);
  ImageAttachment i = images.get(image_id);
  images.export_png_to(image_id, out);
  std::size_t boxes = 0;
  for (const auto& a : images.annotations(image_id)) boxes += a.kind == AnnotationKind::RedactionBox;
  Transaction tx(ctx_.db);
  nlohmann::json details = {{"file_name", i.file_name}, {"target", out.filename().string()},
                            {"sha256", sha256_file_hex(out)}, {"redaction_boxes", boxes}};
  ctx_.journal.audit("image_export", "image", image_id, details.dump());
  ctx_.journal.event(i.issue_id, "image_exported", "Image exported: " + i.file_name + " → " + out.filename().string());
  tx.commit();
}

}  // namespace tftsr
