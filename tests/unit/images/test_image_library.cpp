#include <doctest/doctest.h>

#include <functional>
#include <string>

#include "core/error.h"
#include "core/images/image_decoder.h"
#include "core/images/image_renderer.h"
#include "core/images/image_library.h"
#include "core/store/database.h"
#include "core/store/migrations.h"
#include "image_fixtures.h"
#include "tests/support/temp_dir.h"

using namespace tftsr;

namespace {

struct Fixture {
  test::TempDir dir;
  Database db = Database::open(dir / "tftsr.db", "pw");
  Fixture() {
    apply_migrations(db);
    for (const char* id : {"issue-1", "issue-2"})
      db.prepare("INSERT INTO issues (id, title, severity, status, created_at, updated_at) VALUES (?, 't', 'P2', 'open', ?, ?)")
          .bind(1, id)
          .bind(2, utc_now_text())
          .bind(3, utc_now_text())
          .run();
  }
};

ErrorKind kind_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& e) {
    return e.kind();
  }
  FAIL("no error");
  return ErrorKind::Internal;
}

Annotation redaction(PointF p1, PointF p2) {
  Annotation a;
  a.id = "r1";
  a.kind = AnnotationKind::RedactionBox;
  a.p1 = p1;
  a.p2 = p2;
  a.color = {0, 0, 0, 255};
  return a;
}

}  // namespace

TEST_CASE("image store: add, list, get and read back the exact bytes") {
  Fixture f;
  ImageLibrary images(f.db);
  const std::string png = encode_png(test::noise_image(40, 30, 50));
  const AddedImage added = images.add("issue-1", "dashboard.png", png);
  CHECK_FALSE(added.duplicate);
  const ImageAttachment& image = added.image;
  CHECK(image.issue_id == "issue-1");
  CHECK(image.file_name == "dashboard.png");
  CHECK(image.mime_type == "image/png");
  CHECK(image.file_size == static_cast<std::int64_t>(png.size()));
  CHECK(image.upload_hash.size() == 64);
  CHECK(image.width == 40);
  CHECK(image.height == 30);
  CHECK_FALSE(image.pii_warning_acknowledged);  // new images wait for review
  CHECK_FALSE(image.is_paste);

  const ImageAttachment stored = images.get(image.id);
  CHECK(stored.id == image.id);
  CHECK(stored.upload_hash == image.upload_hash);
  CHECK(stored.uploaded_at == image.uploaded_at);
  CHECK(stored.width == 40);
  CHECK_FALSE(stored.pii_warning_acknowledged);
  CHECK(images.original_bytes(image.id) == png);

  const AddedImage pasted = images.add("issue-1", "paste.bmp", test::to_bmp(test::noise_image(8, 8, 51)), true);
  CHECK(pasted.image.mime_type == "image/bmp");
  CHECK(pasted.image.is_paste);
  const auto listed = images.list("issue-1");
  REQUIRE(listed.size() == 2);
  CHECK(listed[0].id == image.id);
  CHECK(listed[1].id == pasted.image.id);
  CHECK(images.list("issue-2").empty());
}

TEST_CASE("image store: the same bytes twice in one incident give the existing row") {
  Fixture f;
  ImageLibrary images(f.db);
  const std::string png = encode_png(test::noise_image(10, 10, 52));
  const AddedImage first = images.add("issue-1", "a.png", png);
  const AddedImage again = images.add("issue-1", "renamed.png", png);
  CHECK(again.duplicate);
  CHECK(again.image.id == first.image.id);
  CHECK(again.image.file_name == "a.png");
  CHECK(images.list("issue-1").size() == 1);
  // Another incident gets its own copy.
  const AddedImage other = images.add("issue-2", "a.png", png);
  CHECK_FALSE(other.duplicate);
  CHECK(other.image.id != first.image.id);
}

TEST_CASE("image store: bad input is refused and nothing is stored") {
  Fixture f;
  ImageLibrary images(f.db);
  CHECK(kind_of([&] { images.add("issue-1", "log.png", test::read_data_file("text_named.png")); }) == ErrorKind::InvalidInput);
  CHECK(kind_of([&] { images.add("issue-1", "cut.png", test::read_data_file("truncated_data.png")); }) == ErrorKind::InvalidInput);
  CHECK(kind_of([&] { images.add("issue-1", "", encode_png(test::noise_image(2, 2, 53))); }) == ErrorKind::InvalidInput);
  CHECK(kind_of([&] { images.add("no-such-issue", "a.png", encode_png(test::noise_image(2, 2, 53))); }) == ErrorKind::NotFound);
  CHECK(images.list("issue-1").empty());
  CHECK(f.db.query_text("SELECT count(*) FROM image_blobs") == "0");
  CHECK(kind_of([&] { images.get("nope"); }) == ErrorKind::NotFound);
  CHECK(kind_of([&] { images.original_bytes("nope"); }) == ErrorKind::NotFound);
  CHECK(kind_of([&] { images.remove("nope"); }) == ErrorKind::NotFound);
  CHECK(kind_of([&] { images.acknowledge_pii_warning("nope"); }) == ErrorKind::NotFound);
  CHECK(kind_of([&] { images.annotations("nope"); }) == ErrorKind::NotFound);
}

TEST_CASE("image store: files are read from disk, size-checked first") {
  Fixture f;
  const std::string jpeg = test::to_jpeg(test::noise_image(20, 10, 54), 80);
  test::write_file(f.dir / "shot.jpg", jpeg);
  ImageLibrary images(f.db);
  const AddedImage added = images.add_file("issue-1", f.dir / "shot.jpg");
  CHECK(added.image.file_name == "shot.jpg");
  CHECK(added.image.mime_type == "image/jpeg");
  CHECK(added.image.file_path == (f.dir / "shot.jpg").string());
  CHECK(images.original_bytes(added.image.id) == jpeg);

  CHECK(kind_of([&] { images.add_file("issue-1", f.dir / "missing.png"); }) == ErrorKind::Io);
  ImageLimits small;
  small.max_file_bytes = 100;
  ImageLibrary strict(f.db, small);
  try {
    strict.add_file("issue-1", f.dir / "shot.jpg");
    FAIL("accepted a file over the size limit");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "the file is " + std::to_string(jpeg.size()) + " bytes; the limit is 100 bytes");
  }
}

TEST_CASE("image store: deleting an image or its incident removes blob and annotations") {
  Fixture f;
  ImageLibrary images(f.db);
  const std::string a = images.add("issue-1", "a.png", encode_png(test::noise_image(10, 10, 55))).image.id;
  const std::string b = images.add("issue-2", "b.png", encode_png(test::noise_image(10, 10, 56))).image.id;
  images.save_annotations(a, {redaction({0, 0}, {5, 5})});
  images.save_annotations(b, {redaction({0, 0}, {5, 5})});
  images.remove(a);
  CHECK(kind_of([&] { images.get(a); }) == ErrorKind::NotFound);
  CHECK(f.db.query_text("SELECT count(*) FROM image_blobs") == "1");
  CHECK(f.db.query_text("SELECT count(*) FROM image_annotations") == "1");
  f.db.prepare("DELETE FROM issues WHERE id = ?").bind(1, "issue-2").run();
  CHECK(f.db.query_text("SELECT count(*) FROM image_attachments") == "0");
  CHECK(f.db.query_text("SELECT count(*) FROM image_blobs") == "0");
  CHECK(f.db.query_text("SELECT count(*) FROM image_annotations") == "0");
}

TEST_CASE("image store: annotations are saved, replaced and loaded") {
  Fixture f;
  ImageLibrary images(f.db);
  const std::string id = images.add("issue-1", "a.png", encode_png(test::noise_image(50, 50, 57))).image.id;
  CHECK(images.annotations(id).empty());
  Annotation label;
  label.id = "t1";
  label.kind = AnnotationKind::TextLabel;
  label.p1 = label.p2 = {3, 4};
  label.text = "CPU 100%";
  const std::vector<Annotation> first = {redaction({1, 2}, {30, 40}), label};
  images.save_annotations(id, first);
  CHECK(images.annotations(id) == first);
  images.save_annotations(id, {label});
  CHECK(images.annotations(id) == std::vector<Annotation>{label});
  Annotation nameless = label;
  nameless.id.clear();
  CHECK(kind_of([&] { images.save_annotations(id, {nameless}); }) == ErrorKind::InvalidInput);
  CHECK(images.annotations(id) == std::vector<Annotation>{label});
}

TEST_CASE("image store: export burns the redaction in, sending needs the acknowledgement") {
  Fixture f;
  ImageLibrary images(f.db);
  const RgbaImage original = test::noise_image(60, 40, 58);
  const std::string id = images.add("issue-1", "a.png", encode_png(original)).image.id;
  images.save_annotations(id, {redaction({10, 10}, {30, 20})});

  const RgbaImage exported = decode_image(images.export_png(id));
  CHECK(exported == render_for_export(original, {redaction({10, 10}, {30, 20})}));
  CHECK(exported.pixels[exported.offset(15, 15)] == 0);
  CHECK(images.original_bytes(id) == encode_png(original));  // the original is kept as it was
  CHECK(images.decode_original(id) == original);

  images.export_png_to(id, f.dir / "out.png");
  CHECK(decode_image(test::read_file(f.dir / "out.png")) == exported);
  CHECK(kind_of([&] { images.export_png_to(id, f.dir / "no-such-dir" / "out.png"); }) == ErrorKind::Io);

  CHECK(kind_of([&] { images.png_for_sending(id); }) == ErrorKind::InvalidInput);
  images.acknowledge_pii_warning(id);
  CHECK(images.get(id).pii_warning_acknowledged);
  CHECK(decode_image(images.png_for_sending(id)) == exported);
}

TEST_CASE("image store: the bytes are not readable in the database file") {
  Fixture f;
  ImageLibrary images(f.db);
  // A GIF header is plain ASCII: easy to look for in the file.
  const std::string gif = test::make_gif(2, 2, {0x123456}, {{0, 0, 0, 0}});
  images.add("issue-1", "marker.gif", gif);
  f.db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  std::string on_disk = test::read_file(f.dir / "tftsr.db");
  CHECK(on_disk.size() > 4096);
  CHECK(on_disk.find("GIF89a") == std::string::npos);
  CHECK(on_disk.find("marker.gif") == std::string::npos);
}
