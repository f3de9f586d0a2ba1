#pragma once
// Everything drawn in one frame: the unlock screen until the store is open, then the workspace
// (menu bar, sidebar, centre and right tab panes with splitters, status bar), the dialogs and the
// toasts. It knows nothing of the window or GL, so the headless tests drive exactly this.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/app_state.h"
#include "app/gui/command_palette.h"
#include "app/gui/file_chooser.h"
#include "app/gui/unlock_screen.h"
#include "app/gui/views/audit_view.h"
#include "app/gui/views/dashboard_view.h"
#include "app/gui/views/incident_list_view.h"
#include "app/gui/views/image_views.h"
#include "app/gui/views/incident_view.h"
#include "app/gui/views/log_views.h"
#include "app/gui/views/new_incident_dialog.h"
#include "app/gui/views/settings_view.h"

namespace tftsr::gui {

struct ShellOptions {
  std::filesystem::path data_dir;
  std::optional<std::string> passphrase;  // TFTSR_DB_KEY: unlock without asking
  bool native_file_dialogs = true;
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
  void request_quit() { state_.requests.quit = true; }
  void drop_files(const std::vector<std::filesystem::path>& files);
  // Copies the open tabs and pane sizes into the config, for saving.
  void store_layout();

  AppState& state() { return state_; }
  bool unlocked() const { return state_.triage != nullptr; }
  const UnlockScreen& unlock_screen() const { return unlock_; }
  IncidentListView& incident_list() { return list_; }
  DashboardView& dashboard() { return dashboard_; }
  AuditView& audit() { return audit_; }
  LogViews& logs() { return logs_; }
  ImageViews& images() { return images_; }
  // Closes the store (after cancelling background work): the database file is released.
  void close_store();

 private:
  void on_unlocked();
  void run(Command command);
  void handle_requests();
  void draw_menu_bar();
  void draw_workspace();
  void draw_pane(PaneId id, float width, float height);
  void draw_tab_content(const Tab& tab);
  void close_tab(const Tab& tab);
  void draw_status_bar(float height);
  void draw_delete_confirmation();
  std::string tab_label(const Tab& tab) const;
  std::optional<Tab> active_tab() const;

  AppState state_;
  ShellOptions options_;
  FileChooser files_;
  UnlockScreen unlock_;
  IncidentListView list_;
  DashboardView dashboard_;
  IncidentView incident_;
  LogViews logs_;
  ImageViews images_;
  NewIncidentDialog new_incident_;
  SettingsView settings_;
  AuditView audit_;
  CommandPalette palette_;
  bool was_unlocked_ = false;
  std::optional<std::string> confirm_delete_;
};

}  // namespace tftsr::gui
