#include "tests/unit/docs/docs_fixture.h"

#include <doctest/doctest.h>

#include "tests/support/process.h"
#include "tests/unit/images/image_fixtures.h"

namespace tftsr::test {

std::filesystem::path DocsFixture::out_dir() const {
  std::filesystem::create_directories(dir / "out");
  return dir / "out";
}

Incident DocsFixture::known_incident() {
  auto& inc = triage->incidents();
  Incident i = inc.create({"Payment API 5xx: db_pool <script>alert(1)</script> & retries | EU", "P1",
                           std::string("databases"),
                           std::string("Checkout returned HTTP 503 for 14 minutes.\nThe pool `max_pool_size` was 10.")});
  inc.add_step(i.id, 1, "Why did checkout fail?", std::string("The payment_api pods returned 503"),
               std::string("app.log lines 1200-1260"));
  inc.add_step(i.id, 2, "Why did the pods return 503?", std::string("Every DB connection was busy"));
  inc.add_step(i.id, 3, "Why was every connection busy?", std::string("Retries doubled the load"));
  inc.add_step(i.id, 4, "Why did retries double the load?", std::string("No backoff in retry_policy"));
  inc.add_step(i.id, 5, "Why was there no backoff?", std::string("The default config was shipped"));
  inc.set_root_cause(i.id, "retry_policy shipped without backoff, so retries exhausted db_pool");
  inc.update(i.id, IncidentPatch{.status = std::string("resolved")});

  write_file(dir / "app.log", "2026-11-30T10:00:00Z payment_api ERROR pool exhausted for carol@example.org\n"
                              "2026-11-30T10:00:01Z payment_api WARN retrying\n");
  LogFile log = triage->logs().add(i.id, dir / "app.log");
  triage->logs().scan(log.id);
  triage->logs().apply_redactions(log.id);
  log_id = log.id;

  reviewed_image = triage->images().add_bytes(i.id, "dashboard_cpu.bmp", to_bmp(solid_image(40, 30, 200, 40, 40)), false).image.id;
  triage->images().acknowledge(reviewed_image);
  unreviewed_image = triage->images().add_bytes(i.id, "chat_screenshot.bmp", to_bmp(solid_image(20, 20, 0, 0, 255)), false).image.id;
  return triage->incidents().get(i.id).incident;
}

std::string pdf_text(const std::filesystem::path& pdf) {
  auto r = run_process({"pdftotext", "-enc", "UTF-8", pdf.string(), "-"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

int pdf_pages(const std::filesystem::path& pdf) {
  auto r = run_process({"pdfinfo", pdf.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto at = r.out.find("Pages:");
  REQUIRE(at != std::string::npos);
  return std::stoi(r.out.substr(at + 6));
}

}  // namespace tftsr::test
