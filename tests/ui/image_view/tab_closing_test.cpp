#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>

#include "tests/ui/image_view/image_view_fixture.h"

using namespace tftsr;
using namespace tftsr::gui;
using namespace tftsr::gui::test;

namespace {
bool is_open(AppState& state, const Tab& tab) {
  for (PaneId id : {PaneId::Centre, PaneId::Right}) {
    const auto& tabs = state.pane(id).tabs;
    if (std::find(tabs.begin(), tabs.end(), tab) != tabs.end()) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("deleting an incident closes its incident, log, gallery and screenshot tabs, and only those") {
  ImageFixture t;
  AppState& state = t.f.shell->state();
  const auto log_file = t.f.dir.path() / "app.log";
  std::ofstream(log_file) << "2026-01-01 10:00:00 started\n";
  const std::string log_id = t.triage().logs().add(t.incident_id, log_file).id;
  NewIncident other_in;
  other_in.title = "Unrelated";
  other_in.severity = "P4";
  const std::string other_id = t.triage().incidents().create(other_in).id;

  const Tab incident{"incident", t.incident_id}, log{"log", log_id}, gallery{"gallery", t.incident_id},
      image{"image", t.image.id}, other{"incident", other_id};
  state.open_tab(log);
  state.open_tab(image, PaneId::Right);  // in the other pane, never drawn
  state.open_tab(gallery);
  state.open_tab(other);
  state.open_tab(incident);  // the one shown, where Delete… is clicked
  t.f.ui->frame(3);
  REQUIRE(t.f.shell->view(log) != nullptr);

  t.f.ui->click("incident.delete");
  t.f.ui->click("delete.confirm");
  t.f.ui->frame(2);
  CHECK_FALSE(is_open(state, incident));
  CHECK_FALSE(is_open(state, log));
  CHECK_FALSE(is_open(state, gallery));
  CHECK_FALSE(is_open(state, image));
  CHECK(is_open(state, other));
  CHECK(is_open(state, Tab{"dashboard", {}}));
  CHECK(t.f.shell->view(log) == nullptr);  // the views are gone with their tabs
  CHECK(t.f.shell->view(image) == nullptr);
}

TEST_CASE("deleting a screenshot closes its tab and leaves the gallery open") {
  ImageFixture t;
  AppState& state = t.f.shell->state();
  ImagePreviewView& preview = t.open_preview();
  (void)preview;
  const Tab image{"image", t.image.id}, gallery{"gallery", t.incident_id};
  REQUIRE(is_open(state, image));
  t.f.ui->click("image.delete");
  t.f.ui->click("image.delete.confirm");
  t.f.ui->frame(2);
  CHECK_FALSE(is_open(state, image));
  CHECK(t.f.shell->view(image) == nullptr);
  CHECK(is_open(state, gallery));
  REQUIRE(t.f.ui->frames_until([&] { return t.gallery_view() && t.gallery_view()->listed() && t.gallery_view()->images().empty(); }));
}
