#include "app/gui/views/open_files_dialog.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <set>

#include "app/gui/log_import.h"
#include "app/gui/ui_probe.h"
#include "app/gui/views/image_import.h"
#include "app/gui/views/incident_view.h"

namespace tftsr::gui {

namespace {
constexpr const char* kPopup = "Open files";

bool is_image(const std::filesystem::path& f) {
  static const std::set<std::string> kImages = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp"};
  std::string ext = f.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return looks_like_image_file(f) || kImages.count(ext);
}
}  // namespace

void import_files(AppState& state, const std::string& incident_id, const std::vector<std::filesystem::path>& files) {
  std::vector<std::filesystem::path> logs, images;
  for (const auto& f : files) (is_image(f) ? images : logs).push_back(f);
  if (!images.empty()) import_image_files(state, incident_id, images);
  if (!logs.empty()) import_logs(state, incident_id, logs);
}

void OpenFilesDialog::offer(std::vector<std::filesystem::path> files) {
  files_ = std::move(files);
  started_ = false;
}

void OpenFilesDialog::start(AppState& state) {
  started_ = true;
  is_image_.clear();
  for (const auto& f : files_) is_image_.push_back(is_image(f));
  title_ = files_.size() == 1 ? "Investigate " + files_.front().filename().string()
                              : "Investigate " + std::to_string(files_.size()) + " files";
  into_new_ = true;
  chosen_ = -1;
  error_.clear();
  try {
    IncidentFilter recent;
    recent.limit = 50;
    incidents_ = state.triage->incidents().list(recent);
  } catch (const Error& e) {
    incidents_.clear();
    error_ = e.what();
  }
  // An incident the user is looking at is the likely target.
  if (state.selected_incident)
    for (std::size_t i = 0; i < incidents_.size(); ++i)
      if (incidents_[i].id == *state.selected_incident) chosen_ = static_cast<int>(i);
  ImGui::OpenPopup(kPopup);
}

void OpenFilesDialog::import(AppState& state) {
  std::string target;
  try {
    if (into_new_) {
      if (title_.find_first_not_of(" \t") == std::string::npos) {
        error_ = "The title cannot be empty.";
        return;
      }
      NewIncident in;
      in.title = title_;
      in.severity = kSeverities[2];
      const Incident created = state.triage->incidents().create(in);
      state.incident_titles[created.id] = created.title;
      target = created.id;
      state.notify(NoticeLevel::Success, "Incident created", created.title);
    } else {
      if (chosen_ < 0 || chosen_ >= static_cast<int>(incidents_.size())) {
        error_ = "Choose the incident the files belong to.";
        return;
      }
      target = incidents_[static_cast<std::size_t>(chosen_)].id;
    }
  } catch (const Error& e) {
    error_ = e.what();
    return;
  }
  import_files(state, target, files_);
  state.selected_incident = target;
  state.open_tab({IncidentView::kKind, target});
  state.changed();
  files_.clear();
  ImGui::CloseCurrentPopup();
}

void OpenFilesDialog::draw(AppState& state) {
  if (files_.empty() || !state.triage) return;
  if (!started_) start(state);
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 34, 0), ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal(kPopup, nullptr, ImGuiWindowFlags_NoSavedSettings)) {
    files_.clear();  // closed by the window manager's means (Escape is handled below)
    return;
  }
  ImGui::TextUnformatted(files_.size() == 1 ? "Import this file:" : "Import these files:");
  for (std::size_t i = 0; i < files_.size(); ++i) {
    ImGui::BulletText("%s", files_[i].filename().string().c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s  ·  %s", is_image_[i] ? "screenshot" : "log", files_[i].parent_path().string().c_str());
  }
  ImGui::Spacing();
  if (ImGui::RadioButton("Into a new incident", into_new_)) into_new_ = true;
  probe::record("open_files.new");
  if (into_new_) {
    ImGui::Indent();
    ImGui::SetNextItemWidth(-1);
    ImGui::InputText("##title", &title_);
    probe::record("open_files.title");
    ImGui::Unindent();
  }
  ImGui::BeginDisabled(incidents_.empty());
  if (ImGui::RadioButton("Into an existing incident", !into_new_)) into_new_ = false;
  probe::record("open_files.existing");
  ImGui::EndDisabled();
  if (!into_new_) {
    ImGui::Indent();
    ImGui::SetNextItemWidth(-1);
    const char* preview = chosen_ >= 0 ? incidents_[static_cast<std::size_t>(chosen_)].title.c_str() : "Choose…";
    if (ImGui::BeginCombo("##incident", preview)) {
      for (std::size_t i = 0; i < incidents_.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::Selectable(incidents_[i].title.c_str(), chosen_ == static_cast<int>(i))) chosen_ = static_cast<int>(i);
        probe::record("open_files.incident:" + incidents_[i].title);
        ImGui::PopID();
      }
      ImGui::EndCombo();
    }
    probe::record("open_files.incident");
    ImGui::Unindent();
  }
  if (!error_.empty()) ImGui::TextColored(ImVec4(0.92f, 0.30f, 0.30f, 1.0f), "%s", error_.c_str());
  ImGui::Separator();
  if (ImGui::Button("Import")) import(state);
  probe::record("open_files.import");
  ImGui::SameLine();
  if (ImGui::Button("Not now") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    files_.clear();
    ImGui::CloseCurrentPopup();
  }
  probe::record("open_files.cancel");
  ImGui::EndPopup();
}

}  // namespace tftsr::gui
