#include "app/gui/file_chooser.h"

namespace tftsr::gui {

FileChooser::FileChooser(WorkerPool& pool, bool allow_native) : pool_(pool) {
  if (allow_native) tool_ = find_dialog_tool();
}

void FileChooser::choose(FileDialogMode mode, const std::string& title, const std::filesystem::path& suggestion,
                         OnChosen on_chosen) {
  if (busy()) return;  // one question at a time
  if (!tool_) {
    pending_ = std::move(on_chosen);
    picker_.open(title, mode == FileDialogMode::Save, suggestion);
    return;
  }
  native_running_ = true;
  std::string tool = *tool_;
  pool_.submit(
      "Waiting for the file dialog",
      [=, this](JobContext&) -> WorkerPool::Apply {
        auto chosen = run_file_dialog(tool, mode, title, suggestion);
        return [this, chosen, on_chosen] {
          native_running_ = false;
          if (chosen) on_chosen(*chosen);
        };
      },
      [this, mode, title, suggestion, on_chosen](const JobFailure&) {
        // The tool would not start: fall back to the in-app picker for good.
        native_running_ = false;
        tool_.reset();
        choose(mode, title, suggestion, on_chosen);
      });
}

void FileChooser::draw() {
  if (auto chosen = picker_.draw(); chosen && pending_) {
    auto callback = std::move(pending_);
    pending_ = nullptr;
    callback(*chosen);
  }
}

}  // namespace tftsr::gui
