#pragma once
// The state every view reads and acts on: the open store, the worker pool, the workspace layout,
// the notifications, and the one-frame requests views and commands raise. Plain data: views
// draw from it and change it; nothing here draws.
#include <compare>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/ui_config.h"
#include "app/gui/widgets/notifications.h"
#include "core/jobs/worker_pool.h"
#include "core/triage.h"

namespace tftsr::gui {

class FileChooser;
class TextureCache;
}  // namespace tftsr::gui
struct ImFont;
namespace tftsr::gui {

// One tab: the kind of view it shows (a name registered in view_registry.cpp) and the incident,
// log or image it shows (empty for the views there is only one of).
struct Tab {
  std::string kind;
  std::string id;
  auto operator<=>(const Tab&) const = default;
};

enum class PaneId { Centre, Right };

struct TabPane {
  std::vector<Tab> tabs;
  std::optional<Tab> focus;  // select this tab on the next frame
  std::optional<Tab> active;  // the tab shown last frame
};

// What a log view is asked to show when it next draws: the lines of one pattern, or one line.
struct LogFocus {
  std::string template_id;    // empty: no filter, only the line
  std::string template_text;  // shown with the filter
  std::int64_t line = 0;      // numbered from 1; 0: none
};

// Raised by views and commands; consumed by whoever handles them.
struct Requests {
  bool focus_search = false;
  bool quit = false;
  std::optional<std::string> delete_incident;  // asks for confirmation first
  std::optional<std::string> open_incident;
  std::vector<std::string> close_tabs_showing;  // ids of things deleted
  bool show_ai_providers = false;  // Settings opens on its AI providers section
  std::map<std::string, LogFocus> log_focus;  // by log id; taken by that log's view
};

struct AppState {
  AppState(WorkerPool& pool_, UiConfig& config_) : pool(pool_), config(config_) {}

  std::filesystem::path data_dir;
  std::unique_ptr<Triage> triage;  // null until unlocked
  WorkerPool& pool;
  UiConfig& config;
  Notifications notifications;
  Requests requests;

  // Bumped after every change to the store so cached queries refresh.
  std::uint64_t data_version = 1;
  std::optional<std::string> selected_incident;
  std::map<std::string, std::string> incident_titles;  // for tab labels
  TabPane centre, right;
  PaneId focused_pane = PaneId::Centre;
  bool rekey_running = false;  // the store is busy: views hold off their queries
  FileChooser* files = nullptr;
  std::shared_ptr<TextureCache> textures;  // GPU textures the image views share; made by the shell
  ImFont* mono_font = nullptr;     // logs and JSON
  ImFont* heading_font = nullptr;  // titles and big figures
  // Appearance changes the frame loop applies between frames (fonts need a new texture).
  bool fonts_dirty = false;
  bool theme_dirty = false;
  float content_scale = 1.0f;

  void notify(NoticeLevel level, std::string title, std::string message = {});
  void changed() { ++data_version; }
  // Opens (or focuses) a tab; a tab already open in either pane is focused where it is.
  void open_tab(const Tab& tab, PaneId pane = PaneId::Centre);
  void close_tab(const Tab& tab);
  // Something was deleted: every tab that shows it or a part of it closes (before the next frame).
  void close_tabs_showing(std::string id) { requests.close_tabs_showing.push_back(std::move(id)); }
  void move_tab(const Tab& tab, PaneId to);
  TabPane& pane(PaneId id) { return id == PaneId::Centre ? centre : right; }
};

}  // namespace tftsr::gui
