#pragma once
// A store with one fully worked incident (5 Whys, root cause, a redacted log, two images), and
// the poppler tools that read a PDF back.
#include <filesystem>
#include <memory>
#include <string>

#include "core/triage.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace tftsr::test {

struct DocsFixture {
  TempDir dir;
  std::unique_ptr<Triage> triage = Triage::open(dir / "data", "pw");
  std::filesystem::path out_dir() const;  // outside the data dir, created on first use

  // Title "Payment API 5xx: db_pool <script>alert(1)</script> & retries | EU", P1, databases.
  Incident known_incident();
  std::string log_id, reviewed_image, unreviewed_image;
};

// Text of the PDF as pdftotext -layout prints it; pages as pdfinfo counts them.
std::string pdf_text(const std::filesystem::path& pdf);
int pdf_pages(const std::filesystem::path& pdf);

}  // namespace tftsr::test
