#pragma once
// Everything drawn in one frame: the unlock screen until the store is open, then the workspace
// (menu bar, sidebar, centre and right tab panes with splitters, status bar), the dialogs and the
// toasts. It knows nothing of the window or GL, so the headless tests drive exactly this.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/app_state.h"
#include "app/gui/command_palette.h"
#include "app/gui/file_chooser.h"
#include "app/gui/tab_view.h"
#include "app/gui/unlock_screen.h"
#include "app/gui/views/incident_list_view.h"
#include "app/gui/views/incident_view.h"
#include "app/gui/views/new_incident_dialog.h"
#include "app/gui/views/open_files_dialog.h"

namespace tftsr::gui {

struct ShellOptions {
  std::filesystem::path data_dir;
  std::optional<std::string> passphrase;  // TFTSR_DB_KEY: unlock without asking
  bool native_file_dialogs = true;
  std::vector<std::filesystem::path> files;  // `tftsr FILE…`: offered for import once unlocked
};

class Shell {
 public:
  Shell(WorkerPool& pool, UiConfig& config, ShellOptions options);
  ~Shell();

  // Call between ImGui::NewFrame() and ImGui::Render(). Applies finished background work first.
  void frame();
  // True while something animates or background work runs: the loop must not block on events.
  bool wants_continuous_frames() const;
  bool quit_requested() const { return state_.requests.quit; }
  void drop_files(const std::vector<std::filesystem::path>& files);
  // Asks (once the store is open) which incident the files go to, a new one or an existing one.
  void offer_files(std::vector<std::filesystem::path> files) { open_files_.offer(std::move(files)); }
  // Copies the open tabs and pane sizes into the config, for saving.
  void store_layout();
  // Runs a command as its menu item, chord or palette entry would.
  void run(Command command);

  AppState& state() { return state_; }
  bool unlocked() const { return state_.triage != nullptr; }
  const UnlockScreen& unlock_screen() const { return unlock_; }
  IncidentListView& incident_list() { return list_; }
  // The selected incident's summary in the right pane; null when none is selected (or not drawn yet).
  const IncidentView* inspector() const { return inspector_.get(); }
  // The view of an open tab, once the shell has made it (at the start of the frame after the tab
  // opened); null otherwise.
  TabView* view(const Tab& tab);
  template <class View>
  View* find_view(const std::string& id = {}) {
    return dynamic_cast<View*>(view(Tab{View::kKind, id}));
  }
  // Closes the store: cancels every background job and waits for the running ones to stop (they
  // may be using it), lets go of the tab views, then releases the database file.
  void close_store();

 private:
  void on_unlocked();
  void handle_requests();
  // VACUUM and the search indexes rebuilt, on the worker pool; the result is a notification.
  void compact_database();
  void sync_views();
  // A close the user asked for: the tab's view may refuse it (unsaved text that cannot be stored).
  void close_if_ready(const Tab& tab);
  bool can_run(Command command) const;
  void draw_menu_bar();
  void draw_workspace();
  void draw_pane(PaneId id, float width, float height);
  void draw_inspector();
  void draw_side_buttons();
  void draw_status_bar(float height);
  void draw_delete_confirmation();
  std::string tab_label(const Tab& tab) const;
  std::optional<Tab> active_tab() const;

  AppState state_;
  ShellOptions options_;
  FileChooser files_;
  UnlockScreen unlock_;
  IncidentListView list_;
  NewIncidentDialog new_incident_;
  OpenFilesDialog open_files_;
  CommandPalette palette_;
  std::map<Tab, std::unique_ptr<TabView>> views_;  // one per open tab, in either pane
  std::unique_ptr<IncidentView> inspector_;        // the selected incident, in the right pane
  bool was_unlocked_ = false;
  std::optional<std::string> confirm_delete_;
};

}  // namespace tftsr::gui
