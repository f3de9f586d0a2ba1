#pragma once
// Files given on the command line (`tftsr FILE…`, the desktop file's %F), offered for import into
// a new incident or one the user chooses. Logs and images are told apart by content, as for files
// dropped on the window.
#include <filesystem>
#include <string>
#include <vector>

#include "app/gui/app_state.h"
#include "core/model/incident.h"

namespace tftsr::gui {

// Images (by their first bytes, or their name when unreadable) go to the image importer, every
// other file to the log importer, which refuses binary files with a clear message.
void import_files(AppState& state, const std::string& incident_id, const std::vector<std::filesystem::path>& files);

class OpenFilesDialog {
 public:
  // The dialog opens with the next draw that has an open store.
  void offer(std::vector<std::filesystem::path> files);
  bool is_open() const { return !files_.empty(); }
  void draw(AppState& state);

 private:
  void start(AppState& state);
  void import(AppState& state);
  std::vector<std::filesystem::path> files_;
  std::vector<bool> is_image_;
  bool started_ = false;
  bool into_new_ = true;
  std::string title_;
  std::vector<Incident> incidents_;  // the most recently updated, to choose from
  int chosen_ = -1;
  std::string error_;
};

}  // namespace tftsr::gui
