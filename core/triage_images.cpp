// Triage: screenshots and their annotations.
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/audit/audit_log.h"
#include "core/error.h"
#include "core/store/database.h"
#include "core/triage.h"
#include "core/triage_internal.h"
#include "core/crypto/sha256.h"

namespace tftsr {

using Lock = TriageLock;

namespace {
void image_added_event(Database& db, const AddedImage& added) {
  if (added.duplicate) return;
  const auto& i = added.image;
  nlohmann::json details = {{"image_id", i.id}, {"sha256", i.upload_hash}, {"is_paste", i.is_paste}};
  add_event(db, i.issue_id, "image_added",
            std::string(i.is_paste ? "Screenshot pasted: " : "Image added: ") + i.file_name + " (" +
                std::to_string(i.width) + "×" + std::to_string(i.height) + ")",
            details.dump());
}
}  // namespace

AddedImage Triage::add_image(const std::string& issue_id, const std::filesystem::path& path) {
  Lock lock(mutex_);
  Transaction tx(*db_);
  require_issue(*db_, issue_id);
  AddedImage added = ImageLibrary(*db_).add_file(issue_id, path);
  image_added_event(*db_, added);
  tx.commit();
  return added;
}

AddedImage Triage::add_image_bytes(const std::string& issue_id, const std::string& file_name, std::string_view bytes,
                                   bool is_paste) {
  Lock lock(mutex_);
  Transaction tx(*db_);
  require_issue(*db_, issue_id);
  AddedImage added = ImageLibrary(*db_).add(issue_id, file_name, bytes, is_paste);
  image_added_event(*db_, added);
  tx.commit();
  return added;
}

std::vector<ImageAttachment> Triage::list_images(const std::string& issue_id) {
  Lock lock(mutex_);
  require_issue(*db_, issue_id);
  return ImageLibrary(*db_).list(issue_id);
}

ImageAttachment Triage::get_image(const std::string& image_id) {
  Lock lock(mutex_);
  return ImageLibrary(*db_).get(image_id);
}

RgbaImage Triage::decode_image(const std::string& image_id) {
  Lock lock(mutex_);
  return ImageLibrary(*db_).decode_original(image_id);
}

void Triage::delete_image(const std::string& image_id) {
  Lock lock(mutex_);
  Transaction tx(*db_);
  ImageLibrary images(*db_);
  ImageAttachment i = images.get(image_id);
  images.remove(image_id);
  nlohmann::json details = {{"file_name", i.file_name}, {"sha256", i.upload_hash}, {"issue_id", i.issue_id}};
  AuditLog(*db_).append("image_delete", "image", image_id, details.dump());
  add_event(*db_, i.issue_id, "image_deleted", "Image deleted: " + i.file_name);
  tx.commit();
}

void Triage::acknowledge_image(const std::string& image_id) {
  Lock lock(mutex_);
  ImageLibrary(*db_).acknowledge_pii_warning(image_id);
}

std::vector<Annotation> Triage::image_annotations(const std::string& image_id) {
  Lock lock(mutex_);
  return ImageLibrary(*db_).annotations(image_id);
}

void Triage::save_image_annotations(const std::string& image_id, const std::vector<Annotation>& annotations) {
  Lock lock(mutex_);
  ImageLibrary(*db_).save_annotations(image_id, annotations);
}

RgbaImage Triage::render_image(const std::string& image_id) {
  Lock lock(mutex_);
  return ImageLibrary(*db_).render(image_id);
}

void Triage::export_image(const std::string& image_id, const std::filesystem::path& out) {
  Lock lock(mutex_);
  ImageLibrary images(*db_);
  ImageAttachment i = images.get(image_id);
  images.export_png_to(image_id, out);
  std::size_t boxes = 0;
  for (const auto& a : images.annotations(image_id)) boxes += a.kind == AnnotationKind::RedactionBox;
  std::ifstream written(out, std::ios::binary);
  Sha256 hash;
  for (char buf[1 << 16]; written.read(buf, sizeof buf) || written.gcount() > 0;)
    hash.update(std::string_view(buf, static_cast<std::size_t>(written.gcount())));
  Transaction tx(*db_);
  nlohmann::json details = {{"file_name", i.file_name}, {"target", out.filename().string()},
                            {"sha256", hash.finish_hex()}, {"redaction_boxes", boxes}};
  AuditLog(*db_).append("image_export", "image", image_id, details.dump());
  add_event(*db_, i.issue_id, "image_exported", "Image exported: " + i.file_name + " → " + out.filename().string());
  tx.commit();
}

}  // namespace tftsr
