#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/gui/views/audit_view.h"
#include "core/crypto/sha256.h"
#include "tests/support/temp_dir.h"
#include "tests/support/ui_driver/ui_fixture.h"

using namespace tftsr;
using namespace tftsr::gui;
using namespace tftsr::gui::test;

namespace {
// The audit tab's view, once its tab is open.
AuditView& audit(UiFixture& f) {
  auto* view = f.shell->find_view<AuditView>();
  REQUIRE(view != nullptr);
  return *view;
}

using tftsr::test::read_file;

void seed_audit(UiFixture& f) {
  auto& t = *f.shell->state().triage;
  NewIncident in;
  in.title = "Temporary";
  in.severity = "P4";
  auto issue = t.incidents().create(in);
  t.incidents().remove(issue.id);  // audited
  t.settings().set_disabled_pii_types(pii::PiiTypeSet().set(static_cast<std::size_t>(pii::PiiType::Hostname)));
  f.shell->state().changed();
}
}  // namespace

TEST_CASE("the audit view lists entries, shows the chain verification, and filters by action") {
  UiFixture f;
  f.wait_unlocked();
  seed_audit(f);
  f.shell->state().open_tab({"audit", {}});
  f.ui->frame();
  REQUIRE(f.ui->frames_until([&] { return audit(f).verification().has_value(); }, 10000));
  CHECK(audit(f).verification()->ok);
  CHECK(audit(f).entries().size() == 2);

  f.ui->click("audit.action");
  f.ui->type("issue_delete");
  REQUIRE(audit(f).entries().size() == 1);
  CHECK(audit(f).entries()[0].action == "issue_delete");
}

TEST_CASE("selecting an audit entry shows its details pretty-printed") {
  UiFixture f;
  f.wait_unlocked();
  seed_audit(f);
  f.shell->state().open_tab({"audit", {}});
  f.ui->frame(3);
  CHECK_FALSE(f.ui->has("audit.details"));
  // Newest first or oldest first, the pii_types_change row is one of the two.
  std::string key =
      f.ui->has("audit.row:pii_types_change:0") ? "audit.row:pii_types_change:0" : "audit.row:pii_types_change:1";
  f.ui->click(key);
  CHECK(f.ui->has("audit.details"));
}

TEST_CASE("exporting the audit log writes CSV or JSON and is itself audited") {
  UiFixture f;
  f.wait_unlocked();
  seed_audit(f);
  f.shell->state().open_tab({"audit", {}});
  f.ui->frame(3);
  const auto csv_file = f.dir.path() / "audit.csv";
  audit(f).export_to(f.shell->state(), csv_file);
  std::string csv = read_file(csv_file);
  CHECK(csv.starts_with("seq,id,timestamp,action,entity_type,entity_id,user_id,details,prev_hash,entry_hash\r\n"));
  CHECK(csv.find("\"issue_delete\"") != std::string::npos);
  CHECK(csv.find(R"("{""after"":""Hostname"",""before"":""""}")") != std::string::npos);  // quotes doubled

  const auto json_file = f.dir.path() / "audit.json";
  f.ui->frame(2);
  audit(f).export_to(f.shell->state(), json_file);
  auto json = nlohmann::json::parse(read_file(json_file));
  REQUIRE(json.is_array());
  CHECK(json.size() == 3);  // the two seeded entries and the CSV export
  bool found_export = false;
  for (auto& e : json) found_export |= e["action"] == "audit_exported";
  CHECK(found_export);
  auto exported = f.shell->state().triage->audit().entries(AuditFilter{.action = "audit_exported"});
  REQUIRE(exported.size() == 2);
  // The entry names the file and hashes exactly the bytes written.
  auto details = nlohmann::json::parse(*exported[0].details);
  if (details["format"] != "json") details = nlohmann::json::parse(*exported[1].details);
  CHECK(details["file"] == json_file.string());
  CHECK(details["sha256"] == sha256_hex(read_file(json_file)));
}
