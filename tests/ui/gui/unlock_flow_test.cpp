#include <doctest/doctest.h>

#include <GLFW/glfw3.h>

#include "tests/support/ui_driver/ui_fixture.h"

using namespace tftsr::gui::test;

TEST_CASE("first run asks for a new passphrase twice and refuses two different ones") {
  UiFixture f(std::nullopt);
  f.ui->frame(2);
  CHECK_FALSE(f.shell->unlocked());
  REQUIRE(f.ui->has("unlock.confirmation"));  // first run: the passphrase is asked twice

  f.ui->click("unlock.passphrase");
  f.ui->type("first secret");
  f.ui->click("unlock.confirmation");
  f.ui->type("another secret");
  f.ui->click("unlock.submit");
  CHECK(f.shell->unlock_screen().error() == "The two passphrases differ.");
  CHECK_FALSE(f.shell->unlock_screen().working());

  f.ui->click("unlock.passphrase");
  f.ui->type(kPassphrase);
  f.ui->click("unlock.confirmation");
  f.ui->type(kPassphrase);
  f.ui->click("unlock.submit");
  f.wait_unlocked();
  CHECK(std::filesystem::exists(f.dir.path() / "tftsr.db"));
}

TEST_CASE("an empty passphrase is refused before any key derivation") {
  UiFixture f(std::nullopt);
  f.ui->frame(2);
  f.ui->click("unlock.submit");
  CHECK(f.shell->unlock_screen().error() == "The passphrase cannot be empty.");
  CHECK_FALSE(f.shell->unlock_screen().working());
  CHECK_FALSE(std::filesystem::exists(f.dir.path() / "tftsr.db"));
}

TEST_CASE("a wrong passphrase shows a message, and the user can retry") {
  UiFixture f(std::nullopt, /*create_store_first=*/true);
  f.ui->frame(2);
  CHECK_FALSE(f.ui->has("unlock.confirmation"));  // the store exists: asked once

  f.ui->click("unlock.passphrase");
  f.ui->type("not the passphrase");
  f.ui->press(GLFW_KEY_ENTER);
  REQUIRE(f.ui->frames_until([&] { return !f.shell->unlock_screen().working(); }, 20000));
  CHECK(f.shell->unlock_screen().error() == "Wrong passphrase. Try again.");
  CHECK_FALSE(f.shell->unlocked());

  f.ui->frame(2);  // the field takes the focus back
  f.ui->type(kPassphrase);
  f.ui->press(GLFW_KEY_ENTER);
  f.wait_unlocked();
  CHECK(f.shell->unlock_screen().error().empty());
}

TEST_CASE("a passphrase given up front (TFTSR_DB_KEY) skips the unlock screen") {
  UiFixture f;
  f.ui->frame();
  CHECK_FALSE(f.ui->has("unlock.passphrase"));  // a spinner while the key is derived, no form
  f.wait_unlocked();
  CHECK(f.ui->has("sidebar.search"));
}
