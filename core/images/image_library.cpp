#include "core/images/image_library.h"

#include <fstream>
#include <system_error>

#include "core/crypto/sha256.h"
#include "core/crypto/uuid.h"
#include "core/error.h"
#include "core/images/image_decoder.h"
#include "core/images/image_probe.h"
#include "core/images/image_renderer.h"
#include "core/store/database.h"

namespace tftsr {
namespace {

constexpr std::size_t kMaxFileNameBytes = 255;

constexpr const char* kSelectImage =
    "SELECT a.id, a.issue_id, a.file_name, a.file_path, a.file_size, a.mime_type, a.upload_hash, a.uploaded_at,"
    " a.pii_warning_acknowledged, a.is_paste, COALESCE(b.width, 0), COALESCE(b.height, 0)"
    " FROM image_attachments a LEFT JOIN image_blobs b ON b.attachment_id = a.id ";

ImageAttachment read_row(const Statement& st) {
  ImageAttachment image;
  image.id = st.text(0);
  image.issue_id = st.text(1);
  image.file_name = st.text(2);
  image.file_path = st.text(3);
  image.file_size = st.integer(4);
  image.mime_type = st.text(5);
  image.upload_hash = st.text(6);
  image.uploaded_at = st.text(7);
  image.pii_warning_acknowledged = st.integer(8) != 0;
  image.is_paste = st.integer(9) != 0;
  image.width = static_cast<int>(st.integer(10));
  image.height = static_cast<int>(st.integer(11));
  return image;
}

[[noreturn]] void no_image(const std::string& id) { throw Error(ErrorKind::NotFound, "no image with id " + id); }

std::string read_file(const std::filesystem::path& path, const ImageLimits& limits) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw Error(ErrorKind::Io, "cannot read " + path.string() + ": " + (ec ? ec.message() : "not a regular file"));
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) throw Error(ErrorKind::Io, "cannot read " + path.string() + ": " + ec.message());
  check_image_file_size(size, limits);  // before reading a byte of it
  std::ifstream in(path, std::ios::binary);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  if (!in || !in.read(bytes.data(), static_cast<std::streamsize>(size)))
    throw Error(ErrorKind::Io, "cannot read " + path.string());
  return bytes;
}

}  // namespace

AddedImage ImageLibrary::add(const std::string& issue_id, const std::string& file_name, std::string_view bytes,
                             bool is_paste, const std::string& file_path) {
  if (file_name.empty() || file_name.size() > kMaxFileNameBytes)
    throw Error(ErrorKind::InvalidInput, "an image needs a file name of 1 to 255 bytes");
  const ImageProbe probe = probe_image(bytes, limits_);
  decode_image(bytes, limits_);  // refuse broken data now, not when someone opens the image
  const std::string hash = sha256_hex(bytes);

  Transaction tx(db_);
  if (!db_.prepare("SELECT 1 FROM issues WHERE id = ?").bind(1, issue_id).step())
    throw Error(ErrorKind::NotFound, "no incident with id " + issue_id);
  {
    auto existing = db_.prepare(std::string(kSelectImage) +
                                "WHERE a.issue_id = ? AND a.upload_hash = ? ORDER BY a.uploaded_at, a.id LIMIT 1");
    existing.bind(1, issue_id).bind(2, hash);
    if (existing.step()) return {read_row(existing), true};
  }

  ImageAttachment image;
  image.id = uuid_v7();
  image.issue_id = issue_id;
  image.file_name = file_name;
  image.file_path = file_path;
  image.file_size = static_cast<std::int64_t>(bytes.size());
  image.mime_type = probe.mime_type;
  image.upload_hash = hash;
  image.uploaded_at = utc_now_text();
  image.pii_warning_acknowledged = false;
  image.is_paste = is_paste;
  image.width = probe.width;
  image.height = probe.height;
  db_.prepare(
         "INSERT INTO image_attachments (id, issue_id, file_name, file_path, file_size, mime_type, upload_hash,"
         " uploaded_at, pii_warning_acknowledged, is_paste) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)")
      .bind(1, image.id)
      .bind(2, image.issue_id)
      .bind(3, image.file_name)
      .bind(4, image.file_path)
      .bind(5, image.file_size)
      .bind(6, image.mime_type)
      .bind(7, image.upload_hash)
      .bind(8, image.uploaded_at)
      .bind(9, is_paste ? 1 : 0)
      .run();
  db_.prepare("INSERT INTO image_blobs (attachment_id, width, height, data) VALUES (?, ?, ?, ?)")
      .bind(1, image.id)
      .bind(2, image.width)
      .bind(3, image.height)
      .bind_blob(4, bytes)
      .run();
  tx.commit();
  return {image, false};
}

AddedImage ImageLibrary::add_file(const std::string& issue_id, const std::filesystem::path& path) {
  const std::string bytes = read_file(path, limits_);
  std::error_code ec;
  const std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  return add(issue_id, path.filename().string(), bytes, false, (ec ? path : absolute).string());
}

std::vector<ImageAttachment> ImageLibrary::list(const std::string& issue_id) {
  auto st = db_.prepare(std::string(kSelectImage) + "WHERE a.issue_id = ? ORDER BY a.uploaded_at, a.id");
  st.bind(1, issue_id);
  std::vector<ImageAttachment> images;
  while (st.step()) images.push_back(read_row(st));
  return images;
}

ImageAttachment ImageLibrary::get(const std::string& image_id) {
  auto st = db_.prepare(std::string(kSelectImage) + "WHERE a.id = ?");
  st.bind(1, image_id);
  if (!st.step()) no_image(image_id);
  return read_row(st);
}

std::string ImageLibrary::original_bytes(const std::string& image_id) {
  auto st = db_.prepare("SELECT data FROM image_blobs WHERE attachment_id = ?");
  st.bind(1, image_id);
  if (st.step()) return st.blob(0);
  get(image_id);  // NotFound for an unknown id
  throw Error(ErrorKind::NotFound, "image " + image_id + " has no stored content (attached by an older version)");
}

RgbaImage ImageLibrary::decode_original(const std::string& image_id) {
  return decode_image(original_bytes(image_id), limits_);
}

int ImageLibrary::bits_per_channel(const std::string& image_id) {
  return probe_image(original_bytes(image_id), limits_).bits_per_channel;
}

void ImageLibrary::remove(const std::string& image_id) {
  db_.prepare("DELETE FROM image_attachments WHERE id = ?").bind(1, image_id).run();
  if (db_.changes() == 0) no_image(image_id);
}

void ImageLibrary::acknowledge_pii_warning(const std::string& image_id) {
  db_.prepare("UPDATE image_attachments SET pii_warning_acknowledged = 1 WHERE id = ?").bind(1, image_id).run();
  if (db_.changes() == 0) no_image(image_id);
}

void ImageLibrary::save_annotations(const std::string& image_id, const std::vector<Annotation>& annotations) {
  const std::string json = annotations_to_json(annotations);
  annotations_from_json(json);  // the same validation as on load: never store what cannot be read
  get(image_id);
  db_.prepare(
         "INSERT INTO image_annotations (attachment_id, json, updated_at) VALUES (?, ?, ?)"
         " ON CONFLICT(attachment_id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at")
      .bind(1, image_id)
      .bind(2, json)
      .bind(3, utc_now_text())
      .run();
}

std::vector<Annotation> ImageLibrary::annotations(const std::string& image_id) {
  auto st = db_.prepare("SELECT json FROM image_annotations WHERE attachment_id = ?");
  st.bind(1, image_id);
  if (st.step()) return annotations_from_json(st.text(0));
  get(image_id);
  return {};
}

RgbaImage ImageLibrary::render(const std::string& image_id) {
  const std::vector<Annotation> marks = annotations(image_id);
  return render_for_export(decode_original(image_id), marks);
}

std::string ImageLibrary::export_png(const std::string& image_id) { return encode_png(render(image_id)); }

void ImageLibrary::export_png_to(const std::string& image_id, const std::filesystem::path& path) {
  const std::string png = export_png(image_id);
  std::filesystem::path temporary = path;
  temporary += ".part-" + uuid_v7();
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(ErrorKind::Io, "cannot write " + path.string());
    out.write(png.data(), static_cast<std::streamsize>(png.size()));
    out.close();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      throw Error(ErrorKind::Io, "cannot write " + path.string() + " (disk full?)");
    }
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw Error(ErrorKind::Io, "cannot write " + path.string() + ": " + ec.message());
  }
}

std::string ImageLibrary::png_for_sending(const std::string& image_id) {
  if (!get(image_id).pii_warning_acknowledged)
    throw Error(ErrorKind::InvalidInput,
                "this image has not been reviewed: check it for personal data, add redaction boxes where needed, "
                "and acknowledge the privacy warning before sending it");
  return export_png(image_id);
}

}  // namespace tftsr
