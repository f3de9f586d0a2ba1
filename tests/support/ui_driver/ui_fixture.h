#pragma once
// A shell over a real, empty Triage in a fresh temporary data folder, with the headless context
// and the driver wired together.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "app/gui/headless_context.h"
#include "app/gui/shell.h"
#include "tests/support/temp_dir.h"
#include "tests/support/ui_driver/ui_driver.h"

namespace tftsr::gui::test {

inline constexpr const char* kPassphrase = "correct horse battery staple";

using tftsr::test::TempDir;

// Opens the store directly (as TFTSR_DB_KEY would) to prepare data before the UI starts.
std::unique_ptr<Triage> open_store(const std::filesystem::path& dir);

struct UiFixture {
  // passphrase: as if TFTSR_DB_KEY were set; nothing means the unlock screen is shown.
  explicit UiFixture(std::optional<std::string> passphrase = kPassphrase, bool create_store_first = false);
  ~UiFixture();
  // Runs frames until the store is open; fails the test otherwise.
  void wait_unlocked();

  TempDir dir;
  UiConfig config;
  WorkerPool pool{2};
  HeadlessContext context;
  std::unique_ptr<Shell> shell;
  std::unique_ptr<UiDriver> ui;
};

}  // namespace tftsr::gui::test
