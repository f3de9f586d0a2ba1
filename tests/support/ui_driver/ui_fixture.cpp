#include "tests/support/ui_driver/ui_fixture.h"

#include <doctest/doctest.h>

namespace tftsr::gui::test {

std::unique_ptr<Triage> open_store(const std::filesystem::path& dir) { return Triage::open(dir, kPassphrase); }

UiFixture::UiFixture(std::optional<std::string> passphrase, bool create_store_first) {
  if (create_store_first) open_store(dir.path()).reset();
  shell = std::make_unique<Shell>(pool, config, ShellOptions{dir.path(), passphrase, /*native_file_dialogs=*/false});
  shell->state().mono_font = context.mono_font();
  shell->state().heading_font = context.heading_font();
  ui = std::make_unique<UiDriver>(context, [this] { shell->frame(); });
}

UiFixture::~UiFixture() {
  pool.shutdown();
  pool.drain();
  ui.reset();
  shell.reset();
}

void UiFixture::wait_unlocked() {
  REQUIRE(ui->frames_until([&] { return shell->unlocked(); }, 20000));
  ui->frame(2);
}

}  // namespace tftsr::gui::test
