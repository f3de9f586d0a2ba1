// Exports: what is written, where it may go, the audit entry, images.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "core/crypto/sha256.h"
#include "core/error.h"
#include "tests/unit/docs/docs_fixture.h"

using namespace tftsr;
using namespace tftsr::test;
namespace fs = std::filesystem;

namespace {
bool has(const std::string& text, const std::string& piece) { return text.find(piece) != std::string::npos; }

ErrorKind kind_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.kind();
  }
  FAIL("no error");
  return ErrorKind::Internal;
}

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename());
  return out;
}
}  // namespace

TEST_CASE("edit then export: Markdown as stored, HTML and PDF carry the edited text, each export audited") {
  DocsFixture f;
  Incident i = f.known_incident();
  auto& docs = f.triage->documents();
  Document d = docs.generate(i.id, "rca");
  const std::string edited = d.content_md + "\n## Reviewer notes\n\nAgreed in review: raise max_pool_size & add backoff.\n";
  docs.save(d.id, edited);

  auto md = docs.export_to(d.id, f.out_dir() / "rca.md", {ExportFormat::Markdown});
  CHECK(read_file(md.path) == edited);
  auto html = docs.export_to(d.id, f.out_dir() / "rca.html", {ExportFormat::Html});
  std::string page = read_file(html.path);
  CHECK(has(page, "Agreed in review: raise max_pool_size &amp; add backoff."));
  CHECK(has(page, "db_pool &lt;script&gt;alert(1)&lt;/script&gt; &amp; retries | EU"));
  CHECK_FALSE(has(page, "<script>"));
  auto pdf = docs.export_to(d.id, f.out_dir() / "rca.pdf", {ExportFormat::Pdf});
  CHECK(pdf.pages >= 1);
  CHECK(pdf.pages == pdf_pages(pdf.path));
  std::string text = pdf_text(pdf.path);
  CHECK(has(text, "Agreed in review: raise max_pool_size & add backoff."));
  CHECK(has(text, "db_pool <script>alert(1)</script> & retries | EU"));
  CHECK(has(text, "retry_policy shipped without backoff"));

  auto entries = f.triage->audit().entries(AuditFilter{.action = std::string("document_export")});
  REQUIRE(entries.size() == 3);
  std::map<std::string, std::string> sha_by_file;
  for (const auto& e : entries) {
    CHECK(e.entity_id == d.id);
    auto j = nlohmann::json::parse(*e.details);
    sha_by_file[j["file"]] = j["sha256"];
  }
  for (const auto& r : {md, html, pdf}) {
    CHECK(r.sha256 == sha256_file_hex(r.path));
    CHECK(sha_by_file[r.path.filename().string()] == r.sha256);
    CHECK(r.bytes == static_cast<std::int64_t>(fs::file_size(r.path)));
  }
  CHECK(files_in(f.out_dir()).size() == 3);  // no partial files left behind
}

TEST_CASE("exports refuse a missing folder, an unwritable one, an existing file, a folder and the data dir") {
  DocsFixture f;
  Incident i = f.triage->incidents().create({"x", "P4", {}, {}});
  auto& docs = f.triage->documents();
  Document d = docs.generate(i.id, "rca");

  CHECK_THROWS_WITH(docs.export_to(d.id, f.dir / "missing" / "a.md", {ExportFormat::Markdown}),
                    doctest::Contains("does not exist"));
  CHECK_FALSE(fs::exists(f.dir / "missing"));

  fs::create_directories(f.dir / "locked");
  fs::permissions(f.dir / "locked", fs::perms::owner_read | fs::perms::owner_exec);
  fs::path unwritable = f.dir / "locked";
  if (::access(unwritable.c_str(), W_OK) == 0) unwritable = "/proc";  // privileged: permissions do not stop us
  CHECK(kind_of([&] { docs.export_to(d.id, unwritable / "a.pdf", {ExportFormat::Pdf}); }) == ErrorKind::Io);
  CHECK_FALSE(fs::exists(unwritable / "a.pdf"));
  fs::permissions(f.dir / "locked", fs::perms::owner_all);

  write_file(f.out_dir() / "taken.md", "keep me");
  CHECK_THROWS_WITH(docs.export_to(d.id, f.out_dir() / "taken.md", {ExportFormat::Markdown}),
                    doctest::Contains("already exists"));
  CHECK(read_file(f.out_dir() / "taken.md") == "keep me");
  docs.export_to(d.id, f.out_dir() / "taken.md", {.format = ExportFormat::Markdown, .overwrite = true});
  CHECK(read_file(f.out_dir() / "taken.md") == d.content_md);

  CHECK_THROWS_WITH(docs.export_to(d.id, f.out_dir(), {ExportFormat::Html}), doctest::Contains("folder"));
  CHECK_THROWS_WITH(docs.export_to(d.id, f.dir / "data" / "leak.md", {ExportFormat::Markdown}),
                    doctest::Contains("data folder"));
  fs::create_directories(f.dir / "data" / "sub");
  CHECK_THROWS_WITH(docs.export_to(d.id, f.dir / "data" / "sub" / ".." / "sub" / "leak.md", {ExportFormat::Markdown}),
                    doctest::Contains("data folder"));
  CHECK(files_in(f.out_dir()).size() == 1);
  CHECK(f.triage->audit().entries(AuditFilter{.action = std::string("document_export")}).size() == 1);
}

TEST_CASE("a title with / gives a file name without it, and the export to that name works") {
  DocsFixture f;
  Incident i = f.triage->incidents().create({"VPN/DNS outage: a\\b?", "P2", {}, {}});
  Document d = f.triage->documents().generate(i.id, "postmortem");
  std::string name = DocumentService::suggested_file_name(d, ExportFormat::Pdf);
  CHECK(name == "Post-mortem_ VPN_DNS outage_ a_b_.pdf");
  auto r = f.triage->documents().export_to(d.id, f.out_dir() / name, {ExportFormat::Pdf});
  CHECK(has(pdf_text(r.path), "VPN/DNS outage: a\\b?"));
}

TEST_CASE("--with-images includes reviewed images' redacted rendition only and names the ones left out") {
  DocsFixture f;
  Incident i = f.known_incident();
  Document d = f.triage->documents().generate(i.id, "postmortem");
  ExportOptions o{.format = ExportFormat::Html, .with_images = true};
  auto html = f.triage->documents().export_to(d.id, f.out_dir() / "pm.html", o);
  CHECK(html.included_images == std::vector<std::string>{"dashboard_cpu.bmp"});
  CHECK(html.skipped_images == std::vector<std::string>{"chat_screenshot.bmp"});
  std::string page = read_file(html.path);
  CHECK(has(page, "src=\"data:image/png;base64,"));
  CHECK(has(page, "<figcaption>dashboard_cpu.bmp</figcaption>"));
  CHECK_FALSE(has(page, "<figcaption>chat_screenshot.bmp"));

  o.format = ExportFormat::Pdf;
  auto pdf = f.triage->documents().export_to(d.id, f.out_dir() / "pm.pdf", o);
  CHECK(has(pdf_text(pdf.path), "dashboard_cpu.bmp"));
  auto images = run_process({"pdfimages", "-list", pdf.path.string()});
  CHECK(has(images.out, "image"));

  o.format = ExportFormat::Markdown;
  auto md = f.triage->documents().export_to(d.id, f.out_dir() / "pm.md", o);
  CHECK(has(read_file(md.path), "![dashboard_cpu.bmp](data:image/png;base64,"));

  auto entries = f.triage->audit().entries(AuditFilter{.action = std::string("document_export")});
  REQUIRE(!entries.empty());
  auto j = nlohmann::json::parse(*entries.front().details);
  CHECK(j["skipped_images"].size() == 1);
}

TEST_CASE("a 5 MB document exports to Markdown and HTML whole") {
  DocsFixture f;
  Incident i = f.triage->incidents().create({"big", "P3", {}, {}});
  Document d = f.triage->documents().generate(i.id, "rca");
  std::string big;
  for (int n = 0; big.size() < 5u << 20; ++n) big += "Paragraph " + std::to_string(n) + " about the_big_service & <stuff>.\n\n";
  f.triage->documents().save(d.id, big);
  auto md = f.triage->documents().export_to(d.id, f.out_dir() / "big.md", {ExportFormat::Markdown});
  CHECK(md.bytes == static_cast<std::int64_t>(big.size()));
  auto html = f.triage->documents().export_to(d.id, f.out_dir() / "big.html", {ExportFormat::Html});
  std::string page = read_file(html.path);
  CHECK(has(page, "<p>Paragraph 0 about the_big_service &amp; &lt;stuff&gt;.</p>"));
  CHECK(has(page, "<p>Paragraph 70000 about"));
}
