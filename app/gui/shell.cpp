#include "app/gui/shell.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <thread>
#include <utility>

#include "app/gui/log_import.h"
#include "app/gui/texture_cache.h"
#include "app/gui/theme.h"
#include "app/gui/ui_probe.h"
#include "app/gui/view_registry.h"
#include "app/gui/views/audit_view.h"
#include "app/gui/views/chat_view.h"
#include "app/gui/views/dashboard_view.h"
#include "app/gui/views/help_view.h"
#include "app/gui/views/image_gallery_view.h"
#include "app/gui/views/image_import.h"
#include "app/gui/views/notifications_view.h"
#include "app/gui/views/settings_view.h"
#include "app/gui/widgets/splitter.h"

namespace tftsr::gui {

namespace {
constexpr const char* kTabPayload = "TFTSR_TAB";
constexpr const char* kTitle = "TFTSR — Troubleshooting and RCA Assistant";

struct TabPayload {
  int pane;
  int index;
};

}  // namespace

Shell::Shell(WorkerPool& pool, UiConfig& config, ShellOptions options)
    : state_(pool, config), options_(std::move(options)), files_(pool, options_.native_file_dialogs) {
  state_.data_dir = options_.data_dir;
  state_.files = &files_;
  pool.set_default_failure_handler([this](const JobFailure& f) {
    if (f.kind != ErrorKind::Cancelled) state_.notify(NoticeLevel::Error, f.job_name + " failed", f.message);
  });
  if (options_.passphrase) unlock_.start_unlock(state_, *options_.passphrase);
  if (!options_.files.empty()) open_files_.offer(std::move(options_.files));
}

Shell::~Shell() { state_.pool.set_default_failure_handler({}); }

void Shell::close_store() {
  for (auto& [tab, view] : views_) view->cancel_jobs();
  list_.cancel_jobs();
  state_.pool.cancel_all();
  // A running job may be inside the store (a scan, an import, a streamed answer): every one must
  // have seen the cancellation and returned before the store goes, however long that takes.
  while (!state_.pool.jobs().empty()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  views_.clear();  // their results still on the way are dropped
  inspector_.reset();
  state_.triage.reset();
}

bool Shell::wants_continuous_frames() const {
  const double now = ImGui::GetCurrentContext() ? ImGui::GetTime() : 0.0;
  const bool uploading = state_.textures && state_.textures->uploading();
  return state_.pool.busy() || uploading || unlock_.working() || state_.rekey_running || state_.notifications.toast_visible(now);
}

void Shell::on_unlocked() {
  was_unlocked_ = true;
  std::optional<Tab> active_centre, active_right;
  for (const SavedTab& saved : state_.config.tabs) {
    const TabKind* kind = find_tab_kind(saved.kind);
    if (!kind || (kind->needs_id && saved.id.empty())) continue;
    const PaneId pane = saved.pane == "right" ? PaneId::Right : PaneId::Centre;
    const Tab tab{saved.kind, kind->needs_id ? saved.id : std::string()};
    state_.open_tab(tab, pane);
    if (saved.active) (pane == PaneId::Right ? active_right : active_centre) = tab;
  }
  if (state_.centre.tabs.empty()) state_.open_tab({DashboardView::kKind, {}});
  state_.centre.focus = active_centre.value_or(state_.centre.tabs.front());
  state_.right.focus = active_right;
  state_.focused_pane = PaneId::Centre;
}

void Shell::store_layout() {
  state_.config.tabs.clear();
  for (PaneId id : {PaneId::Centre, PaneId::Right})
    for (const Tab& t : state_.pane(id).tabs)
      state_.config.tabs.push_back({t.kind, t.id, id == PaneId::Right ? "right" : "centre", state_.pane(id).active == t});
}

std::optional<Tab> Shell::active_tab() const {
  const TabPane& p = state_.focused_pane == PaneId::Centre ? state_.centre : state_.right;
  return p.active;
}

void Shell::drop_files(const std::vector<std::filesystem::path>& files) {
  if (files.empty()) return;
  if (!state_.triage) {
    state_.notify(NoticeLevel::Warning, "Unlock the database first", "Dropped files need an open incident.");
    return;
  }
  std::optional<std::string> incident;
  if (auto tab = active_tab(); tab && tab->kind == IncidentView::kKind) incident = tab->id;
  if (!incident) incident = state_.selected_incident;
  if (!incident) {
    state_.notify(NoticeLevel::Warning, "No incident to attach to",
                  "Open or select an incident, then drop the files on the window again.");
    return;
  }
  import_files(state_, *incident, files);
}

TabView* Shell::view(const Tab& tab) {
  auto it = views_.find(tab);
  return it == views_.end() ? nullptr : it->second.get();
}

// Tabs closed since the last frame (by the user, a command, or a view closing its own) let go of
// their views here, never while one of them draws; tabs opened get theirs.
void Shell::sync_views() {
  for (const std::string& id : std::exchange(state_.requests.close_tabs_showing, {})) {
    std::vector<Tab> showing;
    for (PaneId pane : {PaneId::Centre, PaneId::Right})
      for (const Tab& t : state_.pane(pane).tabs)
        if (t.id == id || (view(t) && view(t)->shows(id))) showing.push_back(t);
    for (const Tab& t : showing) state_.close_tab(t);
  }
  for (auto it = views_.begin(); it != views_.end();) {
    const Tab& t = it->first;
    const auto open = [&](PaneId p) {
      const auto& tabs = state_.pane(p).tabs;
      return std::find(tabs.begin(), tabs.end(), t) != tabs.end();
    };
    if (open(PaneId::Centre) || open(PaneId::Right)) {
      ++it;
      continue;
    }
    it->second->cancel_jobs();
    it->second->on_close(state_);
    it = views_.erase(it);
  }
  for (PaneId pane : {PaneId::Centre, PaneId::Right})
    for (const Tab& t : state_.pane(pane).tabs)
      if (!views_.count(t))
        if (auto made = make_tab_view(state_, t)) views_.emplace(t, std::move(made));
}

void Shell::close_if_ready(const Tab& tab) {
  TabView* v = view(tab);
  if (!v || v->ready_to_close(state_)) {
    state_.close_tab(tab);
    return;
  }
  for (PaneId id : {PaneId::Centre, PaneId::Right})  // where the view says why it stays open
    if (auto& tabs = state_.pane(id).tabs; std::find(tabs.begin(), tabs.end(), tab) != tabs.end())
      state_.pane(id).focus = tab;
}

bool Shell::can_run(Command command) const {
  if (command == Command::DeleteIncident || command == Command::ChatWithAi) return state_.selected_incident.has_value();
  return true;
}

void Shell::run(Command command) {
  switch (command) {
    case Command::NewIncident:
      if (state_.triage) new_incident_.open();
      break;
    case Command::FocusSearch: state_.requests.focus_search = true; break;
    case Command::CloseTab:
      if (auto tab = active_tab()) close_if_ready(*tab);
      break;
    case Command::Settings: state_.open_tab({SettingsView::kKind, {}}); break;
    case Command::Help: state_.open_tab({HelpView::kKind, {}}); break;
    case Command::CommandPalette: palette_.open(); break;
    case Command::Dashboard: state_.open_tab({DashboardView::kKind, {}}); break;
    case Command::AuditLog: state_.open_tab({AuditView::kKind, {}}); break;
    case Command::Notifications: state_.open_tab({NotificationsView::kKind, {}}); break;
    case Command::DeleteIncident:
      if (state_.selected_incident) state_.requests.delete_incident = state_.selected_incident;
      break;
    case Command::ChatWithAi:
      if (state_.selected_incident) state_.open_tab({ChatView::kKind, *state_.selected_incident});
      break;
    case Command::ToggleTheme:
      state_.config.theme = state_.config.theme == Theme::Dark ? Theme::Light : Theme::Dark;
      state_.theme_dirty = true;
      break;
    case Command::ToggleSidebar: state_.config.sidebar_collapsed = !state_.config.sidebar_collapsed; break;
    case Command::ToggleInspector:
      state_.config.inspector_collapsed = !state_.config.inspector_collapsed;
      if (state_.config.inspector_collapsed) state_.focused_pane = PaneId::Centre;  // keys act on what is seen
      break;
    case Command::MoveTabToOtherPane:
      if (auto tab = active_tab()) {
        const PaneId to = state_.focused_pane == PaneId::Centre ? PaneId::Right : PaneId::Centre;
        if (to == PaneId::Right) state_.config.inspector_collapsed = false;  // where the tab goes is seen
        state_.move_tab(*tab, to);
      }
      break;
    case Command::CompactDatabase:
      if (state_.triage) compact_database();
      break;
    case Command::Quit: state_.requests.quit = true; break;
  }
}

void Shell::compact_database() {
  Triage* triage = state_.triage.get();
  state_.pool.submit(
      "Compacting the database",
      [triage, this](JobContext&) -> WorkerPool::Apply {
        const VacuumResult r = triage->vacuum();
        return [this, r] {
          const auto mb = [](std::int64_t bytes) { return std::to_string((bytes + 500000) / 1000000) + " MB"; };
          state_.notify(NoticeLevel::Success, "Database compacted",
                        mb(r.bytes_before) + " before, " + mb(r.bytes_after) + " now; the search indexes were rebuilt");
          state_.changed();
        };
      },
      [this](const JobFailure& f) {
        if (f.kind != ErrorKind::Cancelled) state_.notify(NoticeLevel::Error, "Could not compact the database", f.message);
      });
}

void Shell::handle_requests() {
  if (auto id = std::move(state_.requests.open_incident)) {
    state_.requests.open_incident.reset();
    state_.selected_incident = *id;
    state_.open_tab({IncidentView::kKind, *id});
  }
  if (state_.requests.delete_incident) {
    confirm_delete_ = std::move(state_.requests.delete_incident);
    state_.requests.delete_incident.reset();
    ImGui::OpenPopup("Delete incident?");
  }
}

void Shell::frame() {
  state_.pool.drain();
  if (state_.triage && !was_unlocked_) on_unlocked();
  // Made here, on the UI thread, where the GL context is current; uploads advance once a frame.
  if (!state_.textures) state_.textures = std::make_shared<TextureCache>();
  state_.textures->upload();
  if (state_.triage) sync_views();

  // While a dialog is up, only Quit reaches the workspace.
  const bool modal_open = new_incident_.is_open() || palette_.is_open() || files_.busy() || open_files_.is_open();
  if (state_.triage)
    for (Command c : pressed_commands())
      if (!modal_open || c == Command::Quit) run(c);
  if (state_.triage && !modal_open && !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId)) {
    std::optional<std::string> paste_target;
    if (auto tab = active_tab(); tab && (tab->kind == IncidentView::kKind || tab->kind == ImageGalleryView::kKind))
      paste_target = tab->id;
    if (!paste_target) paste_target = state_.selected_incident;
    handle_paste_shortcut(state_, paste_target ? &*paste_target : nullptr);
  }

  if (!state_.triage) {
    unlock_.draw(state_);
  } else {
    draw_workspace();
  }
  if (auto command = palette_.draw()) run(*command);
  files_.draw();
  const float status_height = state_.triage ? ImGui::GetFrameHeight() + ImGui::GetStyle().WindowPadding.y : 0.0f;
  state_.notifications.draw_toasts(ImGui::GetTime(), status_height);
}

std::string Shell::tab_label(const Tab& tab) const {
  auto it = views_.find(tab);
  const std::string name = it != views_.end() ? it->second->title(state_) : tab.kind;
  return name + "###" + tab.kind + ":" + tab.id;
}

void Shell::draw_menu_bar() {
  if (!ImGui::BeginMenuBar()) return;
  for (Menu menu : menu_bar()) {
    const bool open = ImGui::BeginMenu(menu_title(menu));
    probe::record(std::string("menu:") + menu_title(menu));
    if (!open) continue;
    for (const CommandRow& row : command_table()) {
      if (row.menu != menu) continue;
      if (row.separator_before) ImGui::Separator();
      const std::string chord = row.chord.text();
      if (ImGui::MenuItem(row.label, chord.empty() ? nullptr : chord.c_str(), false, can_run(row.id))) run(row.id);
      probe::record(std::string("menu.item:") + row.label);
    }
    ImGui::EndMenu();
  }
  ImGui::EndMenuBar();
}

void Shell::draw_workspace() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(6, 4));
  ImGui::Begin(kTitle, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_MenuBar |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleVar();
  draw_menu_bar();
  handle_requests();

  const float status_height = ImGui::GetFrameHeight();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float height = avail.y - status_height - ImGui::GetStyle().ItemSpacing.y;
  const float splitter = 6.0f + ImGui::GetStyle().ItemSpacing.x * 2;
  const float min_pane = ImGui::GetFontSize() * 10.0f;
  auto& cfg = state_.config;
  // A collapsed side gives all its room to the tabs; the buttons on the centre tab bar (and
  // Ctrl+B, Ctrl+I) bring it back.
  const bool sidebar = !cfg.sidebar_collapsed, inspector = !cfg.inspector_collapsed;
  const float left = sidebar ? splitter : 0.0f, right = inspector ? splitter : 0.0f;
  if (sidebar)
    cfg.sidebar_width = std::clamp(cfg.sidebar_width, min_pane,
                                   std::max(min_pane, avail.x - (inspector ? 2 : 1) * min_pane - left - right));
  if (inspector)
    cfg.inspector_width = std::clamp(cfg.inspector_width, min_pane,
                                     std::max(min_pane, avail.x - (sidebar ? cfg.sidebar_width : 0) - min_pane - left - right));
  const float sidebar_width = sidebar ? cfg.sidebar_width : 0.0f;
  const float inspector_width = inspector ? cfg.inspector_width : 0.0f;

  if (sidebar) {
    ImGui::BeginChild("##sidebar", ImVec2(cfg.sidebar_width, height), false);
    list_.draw(state_);
    ImGui::EndChild();
    ImGui::SameLine();
    vertical_splitter("##split_left", &cfg.sidebar_width, min_pane, avail.x - inspector_width - min_pane - left - right,
                      height, true);
    ImGui::SameLine();
  }
  const float centre_width = std::max(min_pane, avail.x - sidebar_width - inspector_width - left - right);
  draw_pane(PaneId::Centre, inspector ? centre_width : 0.0f, height);
  if (inspector) {
    ImGui::SameLine();
    vertical_splitter("##split_right", &cfg.inspector_width, min_pane, avail.x - sidebar_width - min_pane - left - right,
                      height, false);
    ImGui::SameLine();
    draw_pane(PaneId::Right, 0.0f, height);
  }

  draw_status_bar(status_height);
  new_incident_.draw(state_);
  open_files_.draw(state_);
  draw_delete_confirmation();
  ImGui::End();
}

void Shell::draw_pane(PaneId id, float width, float height) {
  TabPane& pane = state_.pane(id);
  const char* child = id == PaneId::Centre ? "##centre" : "##right";
  ImGui::BeginChild(child, ImVec2(width, height), false);
  if (ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows) && ImGui::IsMouseClicked(0)) state_.focused_pane = id;
  std::vector<Tab> to_close;
  std::optional<std::pair<Tab, PaneId>> to_move;
  if (ImGui::BeginTabBar("##tabs", ImGuiTabBarFlags_Reorderable | ImGuiTabBarFlags_FittingPolicyScroll)) {
    if (id == PaneId::Centre) draw_side_buttons();
    if (id == PaneId::Right) {
      ImGuiTabItemFlags flags = ImGuiTabItemFlags_NoReorder;
      if (ImGui::BeginTabItem("Inspector", nullptr, flags)) {
        pane.active.reset();
        ImGui::BeginChild("##inspector");
        draw_inspector();
        ImGui::EndChild();
        ImGui::EndTabItem();
      }
    }
    for (int i = 0; i < static_cast<int>(pane.tabs.size()); ++i) {
      const Tab tab = pane.tabs[static_cast<std::size_t>(i)];
      bool open = true;
      ImGuiTabItemFlags flags = pane.focus == tab ? ImGuiTabItemFlags_SetSelected : 0;
      bool visible = ImGui::BeginTabItem(tab_label(tab).c_str(), &open, flags);
      probe::record("tab:" + tab.kind + ":" + tab.id);
      if (ImGui::BeginDragDropSource(ImGuiDragDropFlags_SourceAllowNullID)) {
        TabPayload payload{static_cast<int>(id), i};
        ImGui::SetDragDropPayload(kTabPayload, &payload, sizeof payload);
        ImGui::TextUnformatted(tab_label(tab).substr(0, tab_label(tab).find("###")).c_str());
        ImGui::EndDragDropSource();
      }
      if (ImGui::BeginPopupContextItem()) {
        if (ImGui::MenuItem(id == PaneId::Centre ? "Move to the right pane" : "Move to the centre pane"))
          to_move = {tab, id == PaneId::Centre ? PaneId::Right : PaneId::Centre};
        if (ImGui::MenuItem("Close", "Ctrl+W")) to_close.push_back(tab);
        ImGui::EndPopup();
      }
      if (visible) {
        pane.active = tab;
        if (tab.kind == IncidentView::kKind && state_.focused_pane == id) state_.selected_incident = tab.id;
        ImGui::BeginChild("##tab_content");
        // A tab opened during this frame gets its view now rather than a frame later.
        if (!views_.count(tab))
          if (auto made = make_tab_view(state_, tab)) views_.emplace(tab, std::move(made));
        if (TabView* v = view(tab))
          v->draw(state_);
        else
          ImGui::TextDisabled("This kind of tab cannot be shown.");
        ImGui::EndChild();
        ImGui::EndTabItem();
      }
      if (!open) to_close.push_back(tab);
    }
    pane.focus.reset();
    ImGui::EndTabBar();
  }
  ImGui::EndChild();
  // The whole pane accepts a tab dragged from the other pane.
  if (ImGui::BeginDragDropTarget()) {
    if (const ImGuiPayload* p = ImGui::AcceptDragDropPayload(kTabPayload)) {
      TabPayload payload;
      std::memcpy(&payload, p->Data, sizeof payload);
      TabPane& from = state_.pane(static_cast<PaneId>(payload.pane));
      if (static_cast<PaneId>(payload.pane) != id && payload.index >= 0 &&
          payload.index < static_cast<int>(from.tabs.size()))
        to_move = {from.tabs[static_cast<std::size_t>(payload.index)], id};
    }
    ImGui::EndDragDropTarget();
  }
  for (const Tab& t : to_close) close_if_ready(t);
  if (to_move) state_.move_tab(to_move->first, to_move->second);
}

// Small buttons at the ends of the centre tab bar that hide and show the sides.
void Shell::draw_side_buttons() {
  auto& cfg = state_.config;
  if (ImGui::TabItemButton(cfg.sidebar_collapsed ? "»##sidebar" : "«##sidebar", ImGuiTabItemFlags_Leading))
    run(Command::ToggleSidebar);
  probe::record("pane.toggle_sidebar");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s the incident list (Ctrl+B)", cfg.sidebar_collapsed ? "Show" : "Hide");
  if (ImGui::TabItemButton(cfg.inspector_collapsed ? "«##inspector" : "»##inspector", ImGuiTabItemFlags_Trailing))
    run(Command::ToggleInspector);
  probe::record("pane.toggle_inspector");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s the right pane (Ctrl+I)", cfg.inspector_collapsed ? "Show" : "Hide");
}

void Shell::draw_inspector() {
  if (!state_.selected_incident) {
    inspector_.reset();
    ImGui::TextDisabled("Select an incident to see its summary here.");
    return;
  }
  if (!inspector_ || inspector_->incident_id() != *state_.selected_incident)
    inspector_ = std::make_unique<IncidentView>(state_, *state_.selected_incident);
  inspector_->draw_summary(state_);
}

void Shell::draw_status_bar(float height) {
  ImGui::Separator();
  ImGui::BeginChild("##status_bar", ImVec2(0, height), false, ImGuiWindowFlags_NoScrollbar);
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%lld incident%s", static_cast<long long>(list_.total()), list_.total() == 1 ? "" : "s");
  ImGui::SameLine();
  ImGui::TextDisabled("·  %s", state_.data_dir.string().c_str());
  auto jobs = state_.pool.jobs();
  const float bar = ImGui::GetFontSize() * 7.0f;
  for (const JobStatus& job : jobs) {
    ImGui::SameLine();
    ImGui::TextUnformatted(job.name.c_str());
    ImGui::SameLine();
    float fraction = job.progress < 0 ? static_cast<float>(std::fmod(ImGui::GetTime(), 1.0)) : static_cast<float>(job.progress);
    ImGui::ProgressBar(fraction, ImVec2(bar, 0), job.progress < 0 ? (job.running ? "working" : "queued") : nullptr);
    ImGui::SameLine();
    ImGui::PushID(static_cast<int>(job.id));
    if (ImGui::SmallButton(job.cancel_requested ? "stopping" : "Cancel")) state_.pool.cancel(job.id);
    ImGui::PopID();
  }
  std::size_t unread = state_.notifications.unread();
  std::string label = unread ? "Notifications (" + std::to_string(unread) + ")" : "Notifications";
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetContentRegionMax().x - ImGui::CalcTextSize(label.c_str()).x -
                                                       ImGui::GetStyle().FramePadding.x * 2));
  if (ImGui::SmallButton(label.c_str())) run(Command::Notifications);
  ImGui::EndChild();
}

void Shell::draw_delete_confirmation() {
  if (!ImGui::BeginPopupModal("Delete incident?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  const std::string id = confirm_delete_.value_or("");
  auto title = state_.incident_titles.count(id) ? state_.incident_titles[id] : id;
  ImGui::Text("Delete \"%s\"?", title.c_str());
  ImGui::TextDisabled("Everything attached to it (steps, timeline, logs, images) is deleted too.");
  if (ImGui::Button("Delete")) {
    try {
      state_.triage->incidents().remove(id);
      state_.close_tabs_showing(id);  // its incident, log, gallery and screenshot tabs
      if (state_.selected_incident == id) state_.selected_incident.reset();
      state_.changed();
      state_.notify(NoticeLevel::Success, "Incident deleted", title);
    } catch (const Error& e) {
      state_.notify(NoticeLevel::Error, "Could not delete the incident", e.what());
    }
    confirm_delete_.reset();
    ImGui::CloseCurrentPopup();
  }
  probe::record("delete.confirm");
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) {
    confirm_delete_.reset();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace tftsr::gui
