#include "app/gui/shell.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <set>

#include "app/gui/log_import.h"
#include "app/gui/theme.h"
#include "app/gui/ui_probe.h"
#include "app/gui/views/help_view.h"
#include "app/gui/views/image_import.h"
#include "app/gui/views/notifications_view.h"
#include "app/gui/widgets/splitter.h"

namespace tftsr::gui {

namespace {
constexpr const char* kTabPayload = "TFTSR_TAB";
constexpr const char* kTitle = "TFTSR — Troubleshooting and RCA Assistant";

struct TabPayload {
  int pane;
  int index;
};

std::string lower_extension(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}
}  // namespace

Shell::Shell(WorkerPool& pool, UiConfig& config, ShellOptions options)
    : state_(pool, config), options_(std::move(options)), files_(pool, options_.native_file_dialogs) {
  state_.data_dir = options_.data_dir;
  state_.files = &files_;
  pool.set_default_failure_handler([this](const JobFailure& f) {
    if (f.kind != ErrorKind::Cancelled) state_.notify(NoticeLevel::Error, f.job_name + " failed", f.message);
  });
  if (options_.passphrase) unlock_.start_unlock(state_, *options_.passphrase);
}

Shell::~Shell() { state_.pool.set_default_failure_handler({}); }

void Shell::close_store() {
  state_.pool.cancel_all();
  state_.triage.reset();
}

bool Shell::wants_continuous_frames() const {
  const double now = ImGui::GetCurrentContext() ? ImGui::GetTime() : 0.0;
  return state_.pool.busy() || images_.busy() || unlock_.working() || state_.rekey_running || state_.notifications.toast_visible(now);
}

void Shell::on_unlocked() {
  was_unlocked_ = true;
  std::optional<Tab> active_centre, active_right;
  for (const SavedTab& saved : state_.config.tabs) {
    auto kind = view_kind_from_name(saved.kind);
    if (!kind) continue;
    if (*kind == ViewKind::Incident && saved.incident_id.empty()) continue;
    const PaneId pane = saved.pane == "right" ? PaneId::Right : PaneId::Centre;
    Tab tab{*kind, saved.incident_id};
    if (*kind == ViewKind::Image) tab = Tab{ViewKind::Image, {}, {}, saved.incident_id};
    if (*kind == ViewKind::Log) tab = Tab{ViewKind::Log, {}, saved.incident_id};  // a log tab saves its log id there
    state_.open_tab(tab, pane);
    if (saved.active) (pane == PaneId::Right ? active_right : active_centre) = tab;
  }
  if (state_.centre.tabs.empty()) state_.open_tab({ViewKind::Dashboard, {}});
  state_.centre.focus = active_centre.value_or(state_.centre.tabs.front());
  state_.right.focus = active_right;
  state_.focused_pane = PaneId::Centre;
}

void Shell::store_layout() {
  state_.config.tabs.clear();
  for (PaneId id : {PaneId::Centre, PaneId::Right})
    for (const Tab& t : state_.pane(id).tabs)
      state_.config.tabs.push_back({view_kind_name(t.kind), t.kind == ViewKind::Log ? t.log_id : t.kind == ViewKind::Image ? t.image_id : t.incident_id,
                                   id == PaneId::Right ? "right" : "centre", state_.pane(id).active == t});
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
  if (auto tab = active_tab(); tab && tab->kind == ViewKind::Incident) incident = tab->incident_id;
  if (!incident) incident = state_.selected_incident;
  if (!incident) {
    state_.notify(NoticeLevel::Warning, "No incident to attach to",
                  "Open or select an incident, then drop the files on the window again.");
    return;
  }
  // Images (recognised by their first bytes, or their name when unreadable) become screenshots;
  // every other file is offered to the log importer, which refuses binary files with a clear message.
  static const std::set<std::string> kImages = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp"};
  std::vector<std::filesystem::path> logs, images;
  for (const auto& f : files) {
    if (looks_like_image_file(f) || kImages.count(lower_extension(f)))
      images.push_back(f);
    else
      logs.push_back(f);
  }
  if (!images.empty()) import_image_files(state_, *incident, images);
  if (!logs.empty()) import_logs(state_, *incident, logs);
}

void Shell::run(Command command) {
  switch (command) {
    case Command::NewIncident:
      if (state_.triage) new_incident_.open();
      break;
    case Command::FocusSearch: state_.requests.focus_search = true; break;
    case Command::CloseTab:
      if (auto tab = active_tab()) close_tab(*tab);
      break;
    case Command::Settings: state_.open_tab({ViewKind::Settings, {}}); break;
    case Command::Help: state_.open_tab({ViewKind::Help, {}}); break;
    case Command::CommandPalette: palette_.open(); break;
    case Command::Dashboard: state_.open_tab({ViewKind::Dashboard, {}}); break;
    case Command::AuditLog: state_.open_tab({ViewKind::Audit, {}}); break;
    case Command::Notifications: state_.open_tab({ViewKind::Notifications, {}}); break;
    case Command::DeleteIncident:
      if (state_.selected_incident) state_.requests.delete_incident = state_.selected_incident;
      break;
    case Command::ToggleTheme:
      state_.config.theme = state_.config.theme == Theme::Dark ? Theme::Light : Theme::Dark;
      state_.theme_dirty = true;
      break;
    case Command::MoveTabToOtherPane:
      if (auto tab = active_tab())
        state_.move_tab(*tab, state_.focused_pane == PaneId::Centre ? PaneId::Right : PaneId::Centre);
      break;
    case Command::Quit: state_.requests.quit = true; break;
  }
}

void Shell::handle_requests() {
  if (state_.requests.command_palette) {
    state_.requests.command_palette = false;
    palette_.open();
  }
  if (state_.requests.new_incident) {
    state_.requests.new_incident = false;
    new_incident_.open();
  }
  if (auto id = std::move(state_.requests.open_incident)) {
    state_.requests.open_incident.reset();
    state_.selected_incident = *id;
    state_.open_tab({ViewKind::Incident, *id});
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

  // While a dialog is up, only Quit reaches the workspace.
  const bool modal_open = new_incident_.is_open() || palette_.is_open() || files_.busy();
  if (state_.triage)
    for (Command c : pressed_shortcuts())
      if (!modal_open || c == Command::Quit) run(c);
  if (state_.triage && !modal_open && !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId)) {
    std::optional<std::string> paste_target;
    if (auto tab = active_tab(); tab && (tab->kind == ViewKind::Incident || tab->kind == ViewKind::Gallery))
      paste_target = tab->incident_id;
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
  std::string name;
  switch (tab.kind) {
    case ViewKind::Dashboard: name = "Dashboard"; break;
    case ViewKind::Audit: name = "Audit log"; break;
    case ViewKind::Settings: name = "Settings"; break;
    case ViewKind::Help: name = "Help"; break;
    case ViewKind::Notifications: name = "Notifications"; break;
    case ViewKind::Log: name = logs_.title(tab.log_id); break;
    case ViewKind::Image: name = images_.preview_title(tab.image_id); break;
    case ViewKind::Gallery: {
      auto it = state_.incident_titles.find(tab.incident_id);
      name = "Screenshots · " + (it != state_.incident_titles.end() ? it->second : std::string("incident"));
      if (name.size() > 40) name = name.substr(0, 38) + "…";
      break;
    }
    case ViewKind::Incident: {
      auto it = state_.incident_titles.find(tab.incident_id);
      name = it != state_.incident_titles.end() ? it->second : "Incident";
      if (name.size() > 32) name = name.substr(0, 30) + "…";
      break;
    }
  }
  return name + "###" + view_kind_name(tab.kind) + tab.incident_id + tab.log_id + tab.image_id;
}

void Shell::draw_menu_bar() {
  if (!ImGui::BeginMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("New incident", "Ctrl+N")) run(Command::NewIncident);
    if (ImGui::MenuItem("Audit log")) run(Command::AuditLog);
    ImGui::Separator();
    if (ImGui::MenuItem("Settings", "Ctrl+,")) run(Command::Settings);
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", "Ctrl+Q")) run(Command::Quit);
    ImGui::EndMenu();
  }
  probe::record("menu.file");
  if (ImGui::BeginMenu("Incident")) {
    if (ImGui::MenuItem("Search", "Ctrl+F")) run(Command::FocusSearch);
    if (ImGui::MenuItem("Delete the selected incident…", nullptr, false, state_.selected_incident.has_value()))
      run(Command::DeleteIncident);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    if (ImGui::MenuItem("Dashboard", "Ctrl+D")) run(Command::Dashboard);
    if (ImGui::MenuItem("Notifications")) run(Command::Notifications);
    if (ImGui::MenuItem("Command palette", "Ctrl+K")) run(Command::CommandPalette);
    ImGui::Separator();
    if (ImGui::MenuItem("Close tab", "Ctrl+W")) run(Command::CloseTab);
    if (ImGui::MenuItem("Move tab to the other pane")) run(Command::MoveTabToOtherPane);
    ImGui::Separator();
    if (ImGui::MenuItem("Light theme", nullptr, state_.config.theme == Theme::Light)) run(Command::ToggleTheme);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    if (ImGui::MenuItem("Help and shortcuts", "F1")) run(Command::Help);
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
  cfg.sidebar_width = std::clamp(cfg.sidebar_width, min_pane, std::max(min_pane, avail.x - 2 * min_pane - 2 * splitter));
  cfg.inspector_width =
      std::clamp(cfg.inspector_width, min_pane, std::max(min_pane, avail.x - cfg.sidebar_width - min_pane - 2 * splitter));

  ImGui::BeginChild("##sidebar", ImVec2(cfg.sidebar_width, height), false);
  list_.draw(state_);
  ImGui::EndChild();
  ImGui::SameLine();
  vertical_splitter("##split_left", &cfg.sidebar_width, min_pane, avail.x - cfg.inspector_width - min_pane - 2 * splitter,
                    height, true);
  ImGui::SameLine();
  const float centre_width = std::max(min_pane, avail.x - cfg.sidebar_width - cfg.inspector_width - 2 * splitter);
  draw_pane(PaneId::Centre, centre_width, height);
  ImGui::SameLine();
  vertical_splitter("##split_right", &cfg.inspector_width, min_pane, avail.x - cfg.sidebar_width - min_pane - 2 * splitter,
                    height, false);
  ImGui::SameLine();
  draw_pane(PaneId::Right, 0.0f, height);

  draw_status_bar(status_height);
  new_incident_.draw(state_);
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
    if (id == PaneId::Right) {
      ImGuiTabItemFlags flags = ImGuiTabItemFlags_NoReorder;
      if (ImGui::BeginTabItem("Inspector", nullptr, flags)) {
        pane.active.reset();
        ImGui::BeginChild("##inspector");
        if (state_.selected_incident)
          incident_.draw_summary(state_, *state_.selected_incident);
        else
          ImGui::TextDisabled("Select an incident to see its summary here.");
        ImGui::EndChild();
        ImGui::EndTabItem();
      }
    }
    for (int i = 0; i < static_cast<int>(pane.tabs.size()); ++i) {
      const Tab tab = pane.tabs[static_cast<std::size_t>(i)];
      bool open = true;
      ImGuiTabItemFlags flags = pane.focus == tab ? ImGuiTabItemFlags_SetSelected : 0;
      bool visible = ImGui::BeginTabItem(tab_label(tab).c_str(), &open, flags);
      probe::record(std::string("tab:") + view_kind_name(tab.kind) + ":" + tab.incident_id);
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
        if (tab.kind == ViewKind::Incident && state_.focused_pane == id) state_.selected_incident = tab.incident_id;
        ImGui::BeginChild("##tab_content");
        draw_tab_content(tab);
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
  for (const Tab& t : to_close) close_tab(t);
  if (to_move) state_.move_tab(to_move->first, to_move->second);
}

// Closes a tab and lets go of what its view held (caches, textures, running jobs).
void Shell::close_tab(const Tab& t) {
  state_.close_tab(t);
  if (t.kind == ViewKind::Incident) incident_.forget(t.incident_id);
  if (t.kind == ViewKind::Log) logs_.forget(state_, t.log_id);
  if (t.kind == ViewKind::Gallery) images_.forget_gallery(state_, t.incident_id);
  if (t.kind == ViewKind::Image) images_.forget_preview(state_, t.image_id);
}

void Shell::draw_tab_content(const Tab& tab) {
  switch (tab.kind) {
    case ViewKind::Dashboard: dashboard_.draw(state_); break;
    case ViewKind::Incident: incident_.draw(state_, tab.incident_id); break;
    case ViewKind::Log: logs_.draw(state_, tab.log_id); break;
    case ViewKind::Gallery: images_.draw_gallery(state_, tab.incident_id); break;
    case ViewKind::Image: images_.draw_preview(state_, tab.image_id); break;
    case ViewKind::Audit: audit_.draw(state_); break;
    case ViewKind::Settings: settings_.draw(state_); break;
    case ViewKind::Help: draw_help_view(); break;
    case ViewKind::Notifications: draw_notifications_view(state_.notifications); break;
  }
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
      state_.close_tab({ViewKind::Incident, id});
      incident_.forget(id);
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
