#include "app/gui/widgets/file_picker.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

namespace tftsr::gui {

void FilePicker::open(std::string title, bool saving, const std::filesystem::path& suggestion) {
  title_ = std::move(title);
  saving_ = saving;
  std::error_code ec;
  auto dir = suggestion.has_parent_path() ? suggestion.parent_path() : std::filesystem::current_path(ec);
  name_ = suggestion.filename().string();
  list(dir);
  request_open_ = true;
}

void FilePicker::list(const std::filesystem::path& dir) {
  std::error_code ec;
  entries_.clear();
  error_.clear();
  auto it = std::filesystem::directory_iterator(dir, std::filesystem::directory_options::skip_permission_denied, ec);
  if (ec) {
    error_ = "Cannot read " + dir.string() + ": " + ec.message();
    return;
  }
  dir_ = dir;
  for (const auto& entry : it) {
    std::string name = entry.path().filename().string();
    if (name.starts_with(".")) continue;
    entries_.push_back({name, entry.is_directory(ec)});
  }
  std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
    return a.directory != b.directory ? a.directory : a.name < b.name;
  });
}

std::optional<std::filesystem::path> FilePicker::draw() {
  const char* id = "Choose a file##picker";
  if (request_open_) {
    ImGui::OpenPopup(id);
    request_open_ = false;
    open_ = true;
  }
  std::optional<std::filesystem::path> chosen;
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 36, ImGui::GetFontSize() * 26), ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal(id, &open_)) return chosen;
  ImGui::TextUnformatted(title_.c_str());
  if (ImGui::Button("Up")) list(dir_.parent_path());
  ImGui::SameLine();
  ImGui::TextDisabled("%s", dir_.string().c_str());
  if (!error_.empty()) ImGui::TextColored(ImVec4(0.92f, 0.30f, 0.30f, 1.0f), "%s", error_.c_str());
  ImGui::BeginChild("##entries", ImVec2(0, -ImGui::GetFrameHeightWithSpacing() * 2), true);
  std::optional<std::filesystem::path> enter;
  for (const Entry& e : entries_) {
    std::string label = (e.directory ? "[dir] " : "") + e.name;
    if (ImGui::Selectable(label.c_str(), !e.directory && e.name == name_, ImGuiSelectableFlags_AllowDoubleClick)) {
      if (e.directory) {
        if (ImGui::IsMouseDoubleClicked(0)) enter = dir_ / e.name;
      } else {
        name_ = e.name;
        if (ImGui::IsMouseDoubleClicked(0) && !saving_) chosen = dir_ / name_;
      }
    }
  }
  ImGui::EndChild();
  if (enter) list(*enter);
  ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 10);
  ImGui::InputTextWithHint("##name", "File name", &name_);
  ImGui::SameLine();
  if (ImGui::Button(saving_ ? "Save" : "Open") && !name_.empty()) chosen = dir_ / name_;
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) open_ = false;
  if (chosen) open_ = false;
  if (!open_) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
  return chosen;
}

}  // namespace tftsr::gui
