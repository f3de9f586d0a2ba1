#include <doctest/doctest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "app/gui/audit_export.h"
#include "core/audit/audit_export.h"
#include "app/gui/command_palette.h"
#include "app/gui/gui_options.h"
#include "app/gui/short_title.h"
#include "app/gui/ui_config.h"
#include "app/gui/widgets/passphrase_strength.h"
#include "core/error.h"
#include "tests/support/ui_driver/ui_fixture.h"

using namespace tftsr;
using namespace tftsr::gui;

namespace {
GuiOptions parse(std::vector<std::string> args) {
  args.insert(args.begin(), "tftsr");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  return parse_gui_options(static_cast<int>(argv.size()), argv.data());
}
}  // namespace

TEST_CASE("GUI options: data dir, screenshot, frames and help are parsed") {
  auto o = parse({"--data-dir", "/srv/d", "--screenshot=out.png", "--frames", "12"});
  CHECK(o.data_dir == std::filesystem::path("/srv/d"));
  CHECK(o.screenshot == std::filesystem::path("out.png"));
  CHECK(o.frames == 12);
  CHECK_FALSE(o.help);
  CHECK(parse({"--help"}).help);
}

TEST_CASE("GUI options: bad input gets a specific error") {
  CHECK_THROWS_WITH_AS(parse({"--frames", "zero"}), doctest::Contains("--frames needs a positive whole number"), Error);
  CHECK_THROWS_WITH_AS(parse({"--frames", "0"}), doctest::Contains("positive"), Error);
  CHECK_THROWS_WITH_AS(parse({"--data-dir"}), doctest::Contains("--data-dir needs a value"), Error);
  CHECK_THROWS_WITH_AS(parse({"--bogus"}), doctest::Contains("Unknown option '--bogus'"), Error);
}

TEST_CASE("UI config round-trips through its file, and a broken file gives the defaults") {
  tftsr::gui::test::TempDir dir;
  UiConfig c;
  c.window_x = 10;
  c.window_width = 1500;
  c.sidebar_width = 333;
  c.theme = Theme::Light;
  c.font_size = 20;
  c.tabs = {{"incident", "0190-abc", "right", true}};
  auto file = dir.path() / "sub" / "gui.json";
  save_ui_config(c, file);
  UiConfig back = load_ui_config(file);
  CHECK(back.window_x == 10);
  CHECK(back.window_width == 1500);
  CHECK(back.sidebar_width == doctest::Approx(333));
  CHECK(back.theme == Theme::Light);
  CHECK(back.font_size == doctest::Approx(20));
  REQUIRE(back.tabs.size() == 1);
  CHECK(back.tabs[0].id == "0190-abc");
  CHECK(back.tabs[0].pane == "right");
  CHECK(back.tabs[0].active);

  std::ofstream(file) << "{ not json";
  UiConfig defaults = load_ui_config(file);
  CHECK(defaults.theme == Theme::Dark);
  CHECK(defaults.window_width == 1280);
  std::ofstream(file) << R"({"font_size": 500, "window_width": "wide"})";
  UiConfig clamped = load_ui_config(file);
  CHECK(clamped.font_size == doctest::Approx(32));
  CHECK(clamped.window_width == 1280);
  // A tab with a field of the wrong type is dropped; the others stay.
  std::ofstream(file) << R"({"tabs": [{"kind": "incident", "id": "a", "pane": 0}, {"kind": "incident", "id": "b"}]})";
  UiConfig tabs = load_ui_config(file);
  REQUIRE(tabs.tabs.size() == 1);
  CHECK(tabs.tabs[0].id == "b");
}

TEST_CASE("config_dir follows XDG_CONFIG_HOME") {
  const char* old = std::getenv("XDG_CONFIG_HOME");
  std::string saved = old ? old : "";
  setenv("XDG_CONFIG_HOME", "/x/cfg", 1);
  CHECK(config_dir() == std::filesystem::path("/x/cfg/tftsr"));
  if (old) setenv("XDG_CONFIG_HOME", saved.c_str(), 1);
  else unsetenv("XDG_CONFIG_HOME");
}

TEST_CASE("passphrase strength grows with length and variety") {
  CHECK(passphrase_strength("").score == 0);
  CHECK(passphrase_strength("abc").score == 1);
  CHECK(passphrase_strength("aaaaaaaaaaaaaaaaaaaa").score <= 1);  // long but one repeated letter
  CHECK(passphrase_strength("Tr0ub4dor&3").score >= 2);
  CHECK(passphrase_strength("correct horse battery staple").score == 4);
}

TEST_CASE("command palette matching: every word, any case") {
  CHECK(command_matches("New incident", "new"));
  CHECK(command_matches("New incident", "INC new"));
  CHECK_FALSE(command_matches("New incident", "audit"));
  CHECK(command_matches("Audit log", ""));
}

TEST_CASE("audit CSV quotes every field and JSON keeps details as objects") {
  AuditEntry e;
  e.seq = 7;
  e.id = "id-1";
  e.timestamp = "2026-01-02 03:04:05";
  e.action = "export";
  e.entity_type = "issue";
  e.entity_id = "x";
  e.user_id = "local";
  e.details = R"({"note":"a, \"b\""})";
  std::string csv = audit_to_csv({e});
  CHECK(csv.find("7,\"id-1\",\"2026-01-02 03:04:05\",\"export\"") != std::string::npos);
  CHECK(csv.find(R"("{""note"":""a, \""b\""""}")") != std::string::npos);
  auto json = nlohmann::json::parse(audit_to_json({e}));
  CHECK(json[0]["details"]["note"] == "a, \"b\"");
  CHECK(json[0]["seq"] == 7);
  CHECK(pretty_json(R"({"a":1})") == "{\n  \"a\": 1\n}");
  CHECK(pretty_json("not json") == "not json");
}

TEST_CASE("a title is shortened between characters, never inside one") {
  CHECK(short_title("checkout", 24) == "checkout");
  CHECK(short_title("checkout service fails in eu-west", 24) == "checkout service fails…");
  // Bytes 0-11 are the four ideographs, then " — " and "С", "б" (two bytes each): the cut at 22
  // falls inside "о" and goes back to its start.
  const std::string mixed = "支付失败 — Сбой оплаты";
  const std::string cut = short_title(mixed, 24);
  CHECK(cut == "支付失败 — Сб…");
  CHECK(cut.size() <= 24 + 1);
  for (const std::string& title : {std::string("ééééééééééééééééé"), std::string("东京东京东京东京东京东京")}) {
    const std::string s = short_title(title, 24);
    REQUIRE(s.size() >= 3);
    const std::string kept = s.substr(0, s.size() - 3);
    CHECK(title.compare(0, kept.size(), kept) == 0);
    CHECK(kept.size() % (title[0] == '\xc3' ? 2 : 3) == 0);
  }
}
