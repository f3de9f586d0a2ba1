#include <doctest/doctest.h>
#include <zlib.h>

#include "core/crypto/sha256.h"
#include "core/error.h"
#include "core/logs/log_repository.h"
#include "core/store/database.h"
#include "core/triage.h"
#include "tests/support/second_connection.h"
#include "tests/support/temp_dir.h"

using namespace tftsr;

namespace {
struct Fixture {
  test::TempDir dir;
  std::unique_ptr<Triage> t = Triage::open(dir.path() / "data", "pw");
  std::string issue = t->incidents().create({"logs", "P2", {}, {}}).id;
  Database raw = test::second_connection(*t, "pw");  // to count rows

  std::filesystem::path file(const std::string& name, const std::string& bytes) const {
    auto p = dir / name;
    test::write_file(p, bytes);
    return p;
  }
  std::int64_t count(const std::string& table) { return std::stoll(raw.query_text("SELECT count(*) FROM " + table)); }
  // Files in the sealed content store, finished or not.
  std::size_t content_files() const {
    std::size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir / "data" / "content")) n += e.is_regular_file();
    return n;
  }
};

std::string gzip(const std::string& s) {
  z_stream zs{};
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, s.size()), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
  zs.avail_in = static_cast<uInt>(s.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}
}  // namespace

TEST_CASE("a UTF-8 log is stored encrypted with its hash, size and line count") {
  Fixture f;
  const std::string content = "line one\nline two alice@example.com\nline three";
  LogFile l = f.t->logs().add(f.issue, f.file("app.log", content));
  CHECK(l.file_name == "app.log");
  CHECK(l.file_size == static_cast<std::int64_t>(content.size()));
  CHECK(l.content_hash == sha256_hex(content));
  CHECK(l.line_count == 3);
  CHECK(l.encoding == "utf-8");
  CHECK(l.mime_type == "text/plain");
  CHECK_FALSE(l.redacted);
  CHECK(f.t->logs().text(l.id, false) == content);

  // The incident is complete without the original file.
  std::filesystem::remove(f.dir / "app.log");
  CHECK(f.t->logs().text(l.id, false) == content);
  CHECK(f.t->logs().list(f.issue).size() == 1);
  auto timeline = f.t->incidents().timeline(f.issue);
  CHECK(timeline.back().event_type == "log_added");

  // Nothing of the text is readable on disk.
  f.raw.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  for (const auto& entry : std::filesystem::recursive_directory_iterator(f.dir / "data"))
    if (entry.is_regular_file()) CHECK(test::read_file(entry.path()).find("alice@example.com") == std::string::npos);
}

TEST_CASE("CRLF, UTF-16 with BOM, Latin-1 and gzip are decoded to UTF-8 with LF") {
  Fixture f;
  LogFile crlf = f.t->logs().add(f.issue, f.file("win.log", "a\r\nb\r\n"));
  CHECK(f.t->logs().text(crlf.id, false) == "a\nb\n");
  CHECK(crlf.notes->find("CRLF") != std::string::npos);

  std::string le = "\xFF\xFE";
  for (char16_t c : std::u16string(u"Evént 4625\n")) le += static_cast<char>(c & 0xFF), le += static_cast<char>(c >> 8);
  LogFile u16 = f.t->logs().add(f.issue, f.file("security.evtx.txt", le));
  CHECK(u16.encoding == "utf-16le");
  CHECK(f.t->logs().text(u16.id, false) == "Ev\xC3\xA9nt 4625\n");

  std::string be = "\xFE\xFF";
  for (char16_t c : std::u16string(u"ok\n")) be += static_cast<char>(c >> 8), be += static_cast<char>(c & 0xFF);
  CHECK(f.t->logs().text(f.t->logs().add(f.issue, f.file("be.log", be)).id, false) == "ok\n");

  LogFile latin = f.t->logs().add(f.issue, f.file("latin.log", "caf\xE9 cr\xE8me\n"));
  CHECK(latin.encoding.rfind("latin-1", 0) == 0);
  CHECK(latin.notes->find("Latin-1") != std::string::npos);
  CHECK(f.t->logs().text(latin.id, false) == "caf\xC3\xA9 cr\xC3\xA8me\n");

  LogFile gz = f.t->logs().add(f.issue, f.file("syslog.1.gz", gzip("Nov 23 host kernel: oom\n")));
  CHECK(gz.mime_type == "application/gzip");
  CHECK(gz.encoding == "gzip+utf-8");
  CHECK(f.t->logs().text(gz.id, false) == "Nov 23 host kernel: oom\n");
}

TEST_CASE("bad files are refused with a specific message and leave nothing behind") {
  Fixture f;
  CHECK(error_of([&] { f.t->logs().add(f.issue, f.file("empty.log", "")); }).find("empty") != std::string::npos);
  std::string binary = "\x7F" "ELF";
  binary += std::string(100, '\0');
  CHECK(error_of([&] { f.t->logs().add(f.issue, f.file("a.out", binary)); }).find("binary") != std::string::npos);
  CHECK(error_of([&] { f.t->logs().add(f.issue, f.file("bad.gz", gzip("hello").substr(0, 12))); })
            .find("gzip") != std::string::npos);
  CHECK(error_of([&] { f.t->logs().add(f.issue, f.dir / "missing.log"); }).find("no such file") != std::string::npos);
  CHECK(error_of([&] { f.t->logs().add(f.issue, f.dir.path()); }).find("not a regular file") != std::string::npos);
  CHECK(error_of([&] { f.t->logs().add("no-issue", f.file("x.log", "x")); }).find("no incident") != std::string::npos);
  CHECK(f.count("log_files") == 0);
  CHECK(f.content_files() == 0);
}

TEST_CASE("a cancelled import leaves no half log") {
  Fixture f;
  std::string big;
  while (big.size() < 3 * kLogChunkSize) big += "2026-11-23T10:00:00Z INFO request served in 12ms\n";
  Progress p;
  int checks = 0;
  p.cancelled = [&] { return ++checks > 1; };  // after the text was sealed, before it was recorded
  CHECK_THROWS_AS(f.t->logs().add(f.issue, f.file("big.log", big), p), Error);
  CHECK(checks > 1);
  CHECK(f.count("log_files") == 0);
  CHECK(f.count("log_file_details") == 0);
  CHECK(f.content_files() == 0);
}

TEST_CASE("multi-chunk logs and a 10 MB single line read back exactly, in ranges too") {
  Fixture f;
  std::string big;
  for (int i = 0; big.size() < 2 * kLogChunkSize + 12345; ++i) big += "line " + std::to_string(i) + "\n";
  LogFile l = f.t->logs().add(f.issue, f.file("big.log", big));
  CHECK(l.text_size == static_cast<std::int64_t>(big.size()));
  CHECK(f.t->logs().text(l.id, false) == big);
  const auto edge = static_cast<std::int64_t>(kLogChunkSize);
  CHECK(f.t->logs().text_range(l.id, false, edge - 10, 20) == big.substr(kLogChunkSize - 10, 20));
  CHECK(f.t->logs().text_range(l.id, false, l.text_size - 5, 100) == big.substr(big.size() - 5));
  CHECK(f.t->logs().text_range(l.id, false, l.text_size + 5, 100).empty());

  std::string one_line(10 << 20, 'x');
  LogFile wide = f.t->logs().add(f.issue, f.file("wide.log", one_line));
  CHECK(wide.line_count == 1);
  CHECK(f.t->logs().text(wide.id, false) == one_line);
}

TEST_CASE("deleting the incident deletes its logs, text and findings") {
  Fixture f;
  LogFile l = f.t->logs().add(f.issue, f.file("a.log", "mail bob@example.com\n"));
  f.t->logs().scan(l.id);
  f.t->incidents().remove(f.issue);
  CHECK(f.count("log_files") == 0);
  CHECK(f.count("log_file_details") == 0);
  CHECK(f.count("pii_spans") == 0);
  CHECK(f.content_files() == 0);
}

TEST_CASE("altered stored text is detected, and leftovers of an interrupted import are swept") {
  Fixture f;
  LogFile l = f.t->logs().add(f.issue, f.file("a.log", "one\ntwo\nthree\n"));
  const auto sealed = f.dir / "data" / "content" / (l.original_blob + ".tfb");
  std::string bytes = test::read_file(sealed);
  bytes[bytes.size() - 20] ^= 0x01;
  test::write_file(sealed, bytes);
  CHECK_THROWS_WITH(f.t->logs().text(l.id, false), doctest::Contains("integrity check"));

  const auto content = f.dir / "data" / "content";
  test::write_file(content / ".tmp-half", "partial");
  test::write_file(content / "orphan.original.1.tfb", "no row refers to me");
  test::write_file(content / "fresh.original.2.tfb", "maybe another process is still writing me");
  const auto two_hours_ago = std::filesystem::file_time_type::clock::now() - std::chrono::hours(2);
  std::filesystem::last_write_time(content / ".tmp-half", two_hours_ago);
  std::filesystem::last_write_time(content / "orphan.original.1.tfb", two_hours_ago);
  f.t.reset();
  f.t = Triage::open(f.dir / "data", "pw");
  CHECK(f.content_files() == 2);  // the log's own file, and the fresh one
  CHECK(std::filesystem::exists(content / "fresh.original.2.tfb"));
}
