#include "app/gui/views/audit_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/gui/audit_export.h"
#include "app/gui/file_chooser.h"
#include "app/gui/ui_probe.h"
#include "app/gui/widgets/spinner.h"

namespace tftsr::gui {

namespace {
std::optional<std::string> trimmed(const std::string& s) {
  auto a = s.find_first_not_of(" \t");
  if (a == std::string::npos) return std::nullopt;
  auto b = s.find_last_not_of(" \t");
  return s.substr(a, b - a + 1);
}
}  // namespace

AuditFilter AuditView::current_filter() const {
  AuditFilter f;
  f.action = trimmed(action_);
  f.entity_type = trimmed(entity_type_);
  f.since = trimmed(since_);
  if (auto until = trimmed(until_)) f.until = until->size() == 10 ? *until + " 23:59:59" : *until;  // a whole day
  f.limit = 5000;
  return f;
}

void AuditView::refresh(AppState& state) {
  std::string key = action_ + '\x1f' + entity_type_ + '\x1f' + since_ + '\x1f' + until_;
  if (key == loaded_key_ && loaded_version_ == state.data_version) return;
  loaded_key_ = std::move(key);
  loaded_version_ = state.data_version;
  error_.clear();
  try {
    entries_ = state.triage->audit().entries(current_filter());
  } catch (const Error& e) {
    entries_.clear();
    error_ = e.what();
  }
  if (selected_ >= static_cast<int>(entries_.size())) selected_ = -1;
}

void AuditView::verify(AppState& state) {
  verifying_ = true;
  verified_version_ = state.data_version;
  Triage* triage = state.triage.get();
  jobs_.run(
      state.pool, "Verifying the audit chain",
      [triage](JobContext&) {
        auto result = triage->audit().verify();
        return result;
      },
      [this](auto result) {
        verification_ = result;
        verifying_ = false;
      },
      [this](const JobFailure& f) {
        verifying_ = false;
        verification_ = AuditVerification{false, 0, std::nullopt, f.message};
      });
}

void AuditView::export_to(AppState& state, const std::filesystem::path& file) {
  try {
    state.triage->audit().export_to(file, current_filter());
    state.changed();
  } catch (const Error& e) {
    state.notify(NoticeLevel::Error, "Export failed", e.what());
    return;
  }
  state.notify(NoticeLevel::Success, "Audit log exported", file.string());
}

void AuditView::draw(AppState& state) {
  if (!state.triage || state.rekey_running) return;
  if (!verifying_ && verified_version_ != state.data_version) verify(state);

  // The filters flow onto further lines when the pane is narrow.
  const float field = ImGui::GetFontSize() * 9.0f;
  bool first = true;
  auto next_field = [&] {
    if (!first) {
      ImGui::SameLine();
      if (ImGui::GetContentRegionAvail().x < field) ImGui::NewLine();
    }
    first = false;
    ImGui::SetNextItemWidth(field);
  };
  next_field();
  ImGui::InputTextWithHint("##action", "action", &action_);
  probe::record("audit.action");
  next_field();
  ImGui::InputTextWithHint("##entity", "entity type", &entity_type_);
  probe::record("audit.entity");
  next_field();
  ImGui::InputTextWithHint("##since", "from YYYY-MM-DD", &since_);
  next_field();
  ImGui::InputTextWithHint("##until", "to YYYY-MM-DD", &until_);
  refresh(state);

  if (ImGui::Button("Export CSV…") && state.files)
    state.files->choose(FileDialogMode::Save, "Export the audit log as CSV", "tftsr-audit.csv",
                        jobs_.guard([&state, this](const std::filesystem::path& p) { export_to(state, p); }));
  ImGui::SameLine();
  if (ImGui::Button("Export JSON…") && state.files)
    state.files->choose(FileDialogMode::Save, "Export the audit log as JSON", "tftsr-audit.json",
                        jobs_.guard([&state, this](const std::filesystem::path& p) { export_to(state, p); }));
  ImGui::SameLine();
  ImGui::TextDisabled("%zu entr%s shown", entries_.size(), entries_.size() == 1 ? "y" : "ies");
  probe::record("audit.count");

  ImGui::PushTextWrapPos(0.0f);
  if (verifying_) {
    spinner(ImGui::GetFontSize() * 0.5f);
    ImGui::SameLine();
    ImGui::TextUnformatted("Verifying the hash chain…");
  } else if (verification_) {
    if (verification_->ok)
      ImGui::TextColored(ImVec4(0.30f, 0.75f, 0.40f, 1.0f), "Chain verified: %lld entries, no gap or change.",
                         static_cast<long long>(verification_->entries));
    else
      ImGui::TextColored(ImVec4(0.92f, 0.30f, 0.30f, 1.0f), "Chain broken%s%s: %s",
                         verification_->first_broken_id ? " at " : "",
                         verification_->first_broken_id.value_or("").c_str(), verification_->message.c_str());
  }
  ImGui::PopTextWrapPos();
  probe::record("audit.verification");
  if (!error_.empty()) ImGui::TextColored(ImVec4(0.92f, 0.30f, 0.30f, 1.0f), "%s", error_.c_str());

  float details_height = selected_ >= 0 ? ImGui::GetContentRegionAvail().y * 0.4f : 0.0f;
  if (ImGui::BeginTable("##audit", 4,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH |
                            ImGuiTableFlags_Resizable,
                        ImVec2(0, -details_height))) {
    // Stretch weights rather than fixed widths, so the table also reads in a narrow pane.
    ImGui::TableSetupColumn("Time", ImGuiTableColumnFlags_WidthStretch, 10.5f);
    ImGui::TableSetupColumn("Action", ImGuiTableColumnFlags_WidthStretch, 9.0f);
    ImGui::TableSetupColumn("Entity", ImGuiTableColumnFlags_WidthStretch, 5.0f);
    ImGui::TableSetupColumn("Entity id", ImGuiTableColumnFlags_WidthStretch, 12.0f);
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(entries_.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const AuditEntry& e = entries_[static_cast<std::size_t>(i)];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushID(i);
        if (ImGui::Selectable(e.timestamp.c_str(), selected_ == i, ImGuiSelectableFlags_SpanAllColumns))
          selected_ = selected_ == i ? -1 : i;
        probe::record("audit.row:" + e.action + ":" + std::to_string(i));
        ImGui::PopID();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(e.action.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(e.entity_type.c_str());
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", e.entity_id.c_str());
      }
    }
    ImGui::EndTable();
  }
  if (selected_ >= 0) {
    const AuditEntry& e = entries_[static_cast<std::size_t>(selected_)];
    ImGui::BeginChild("##audit_details", ImVec2(0, 0), true);
    ImGui::Text("#%lld  %s  by %s", static_cast<long long>(e.seq), e.action.c_str(), e.user_id.c_str());
    ImGui::TextDisabled("hash %s", e.entry_hash.c_str());
    ImGui::TextDisabled("prev %s", e.prev_hash.c_str());
    ImGui::Separator();
    ImGui::PushFont(state.mono_font);  // null: the default font
    ImGui::TextUnformatted(e.details ? pretty_json(*e.details).c_str() : "(no details)");
    probe::record("audit.details");
    ImGui::PopFont();
    ImGui::EndChild();
  }
}

}  // namespace tftsr::gui
