#pragma once
// Asks the user for a file: a native dialog (zenity/kdialog, run on the worker pool) when
// installed, else the in-app picker. The answer arrives later, on the UI thread.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "app/gui/file_dialog.h"
#include "app/gui/widgets/file_picker.h"
#include "core/jobs/worker_pool.h"

namespace tftsr::gui {

class FileChooser {
 public:
  using OnChosen = std::function<void(const std::filesystem::path&)>;

  explicit FileChooser(WorkerPool& pool, bool allow_native = true);
  void choose(FileDialogMode mode, const std::string& title, const std::filesystem::path& suggestion, OnChosen on_chosen);
  void draw();  // the in-app picker, when it is the one in use
  bool busy() const { return native_running_ || picker_.is_open(); }

 private:
  WorkerPool& pool_;
  std::optional<std::string> tool_;
  bool native_running_ = false;
  FilePicker picker_;
  OnChosen pending_;
};

}  // namespace tftsr::gui
