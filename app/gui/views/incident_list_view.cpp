#include "app/gui/views/incident_list_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/gui/domain_list.h"
#include "app/gui/theme.h"
#include "app/gui/ui_probe.h"

namespace tftsr::gui {

IncidentFilter IncidentListView::current_filter() const {
  IncidentFilter f;
  if (status_ > 0) f.status = kStatuses[status_ - 1];
  if (severity_ > 0) f.severity = kSeverities[severity_ - 1];
  if (domain_ > 0) f.category = domain_id(domain_ - 1);
  auto first = search_.find_first_not_of(" \t");
  if (first != std::string::npos) f.text = search_.substr(first);
  f.limit = kPageSize;
  return f;
}

void IncidentListView::invalidate_if_needed(AppState& state) {
  std::string key = search_ + '\x1f' + std::to_string(status_) + '\x1f' + std::to_string(severity_) + '\x1f' +
                    std::to_string(domain_);
  if (key == loaded_key_ && loaded_version_ == state.data_version) return;
  const bool same_filter = key == loaded_key_;
  loaded_key_ = std::move(key);
  loaded_version_ = state.data_version;
  ++generation_;
  jobs_.cancel();  // a queued query for an old filter never runs
  pending_pages_.clear();
  // After a data change the old rows stay on screen until the new ones arrive; a new filter
  // shows placeholders at once rather than rows that do not match it.
  if (!same_filter) pages_.clear();
  error_.clear();
  count_pending_ = true;
  ++queries_;
  Triage* triage = state.triage.get();
  const IncidentFilter filter = current_filter();
  const std::uint64_t generation = generation_;
  jobs_.run(
      state.pool, "Counting incidents",
      [triage, filter](JobContext&) {
        std::int64_t total = triage->incidents().count(filter);
        return total;
      },
      [this, generation](std::int64_t total) {
        if (generation != generation_) return;
        total_ = total;
        count_pending_ = false;
      },
      [this, generation](const JobFailure& f) {
        if (generation != generation_) return;
        count_pending_ = false;
        if (f.kind != ErrorKind::Cancelled) {
          total_ = 0;
          error_ = f.message;
        }
      });
  if (same_filter) {  // refresh what is cached, in place
    std::vector<int> cached;
    for (auto& [page, rows] : pages_) cached.push_back(page);
    for (int page : cached) request_page(state, page);
  }
}

void IncidentListView::request_page(AppState& state, int page) {
  if (pending_pages_.count(page)) return;
  pending_pages_.insert(page);
  ++queries_;
  Triage* triage = state.triage.get();
  IncidentFilter filter = current_filter();
  filter.offset = page * kPageSize;
  const std::uint64_t generation = generation_;
  jobs_.run(
      state.pool, "Loading incidents",
      [triage, filter](JobContext&) {
        auto rows = triage->incidents().list(filter);
        return rows;
      },
      [this, generation, page, &state](auto rows) {
        if (generation != generation_) return;
        pending_pages_.erase(page);
        if (pages_.size() > 64) pages_.clear();  // bound memory when scrolling through 100k rows
        for (auto& incident : rows) state.incident_titles.try_emplace(incident.id, incident.title);
        pages_[page] = std::move(rows);
      },
      [this, generation, page](const JobFailure& f) {
        if (generation != generation_) return;
        pending_pages_.erase(page);
        if (f.kind != ErrorKind::Cancelled) error_ = f.message;
      });
}

const Incident* IncidentListView::row(AppState& state, int index) {
  const int page = index / kPageSize;
  auto it = pages_.find(page);
  if (it == pages_.end()) {
    request_page(state, page);
    return nullptr;
  }
  std::size_t offset = static_cast<std::size_t>(index - page * kPageSize);
  return offset < it->second.size() ? &it->second[offset] : nullptr;
}

static bool filter_combo(const char* label, int* current, const char* const* items, int count) {
  bool changed = false;
  const char* preview = *current == 0 ? "any" : items[*current - 1];
  if (ImGui::BeginCombo(label, preview)) {
    if (ImGui::Selectable("any", *current == 0)) *current = 0, changed = true;
    for (int i = 0; i < count; ++i)
      if (ImGui::Selectable(items[i], *current == i + 1)) *current = i + 1, changed = true;
    ImGui::EndCombo();
  }
  return changed;
}

void IncidentListView::draw(AppState& state) {
  if (state.requests.focus_search) {
    ImGui::SetKeyboardFocusHere();
    state.requests.focus_search = false;
  }
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##search", "Search incidents (Ctrl+F)", &search_);
  probe::record("sidebar.search");

  const float label_width = ImGui::GetFontSize() * 4.5f;
  auto labelled = [&](const char* text) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", text);
    ImGui::SameLine(label_width);
    ImGui::SetNextItemWidth(-1);
  };
  labelled("Status");
  filter_combo("##status", &status_, kStatuses, 4);
  probe::record("sidebar.status");
  labelled("Severity");
  filter_combo("##severity", &severity_, kSeverities, 4);
  labelled("Domain");
  filter_combo("##domain", &domain_, domain_names().data(), static_cast<int>(domain_names().size()));

  if (!state.triage || state.rekey_running) return;
  invalidate_if_needed(state);
  ImGui::TextDisabled("%lld incident%s%s", static_cast<long long>(total_), total_ == 1 ? "" : "s",
                      count_pending_ ? "  (searching…)" : "");
  probe::record("sidebar.count");
  if (!error_.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ImVec4(0.92f, 0.30f, 0.30f, 1.0f), "%s", error_.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::Separator();

  ImGui::BeginChild("##incident_rows");
  const float line = ImGui::GetTextLineHeight();
  const float row_height = line * 2.0f + ImGui::GetStyle().ItemSpacing.y;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(std::min<std::int64_t>(total_, INT32_MAX)), row_height);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const Incident* incident = row(state, i);
      if (!incident) {  // still loading
        ImGui::TextDisabled("…");
        ImGui::Dummy(ImVec2(0, row_height - ImGui::GetStyle().ItemSpacing.y - ImGui::GetTextLineHeightWithSpacing()));
        continue;
      }
      ImGui::PushID(i);
      ImVec2 start = ImGui::GetCursorScreenPos();
      bool selected = state.selected_incident == incident->id;
      if (ImGui::Selectable("##row", selected, ImGuiSelectableFlags_AllowDoubleClick, ImVec2(0, line * 2.0f))) {
        state.selected_incident = incident->id;
        state.requests.open_incident = incident->id;
      }
      probe::record("sidebar.row:" + incident->title);
      const bool highlighted = selected || ImGui::IsItemHovered();
      if (ImGui::BeginPopupContextItem("##row_menu")) {
        if (ImGui::MenuItem("Open")) state.requests.open_incident = incident->id;
        if (ImGui::MenuItem("Delete…")) state.requests.delete_incident = incident->id;
        ImGui::EndPopup();
      }
      ImDrawList* dl = ImGui::GetWindowDrawList();
      const float pad = ImGui::GetStyle().FramePadding.x;
      dl->AddText(ImVec2(start.x + pad, start.y), ImGui::GetColorU32(ImGuiCol_Text), incident->title.c_str());
      std::string meta = incident->status + (incident->category ? "  ·  " + domain_label(incident->category) : std::string());
      // The severity as a chip of its colour, and the rest in a colour that stays readable on the
      // selection's background as well as on the list's.
      const ImVec4 chip = severity_colour(incident->severity);
      const ImVec2 chip_min(start.x + pad, start.y + line + 1.0f);
      const ImVec2 chip_max(chip_min.x + ImGui::CalcTextSize(incident->severity.c_str()).x + pad, start.y + line * 2.0f - 1.0f);
      dl->AddRectFilled(chip_min, chip_max, ImGui::GetColorU32(chip), 3.0f);
      dl->AddText(ImVec2(chip_min.x + pad / 2, start.y + line), ImGui::GetColorU32(text_colour_on(chip)),
                  incident->severity.c_str());
      dl->AddText(ImVec2(chip_max.x + pad, start.y + line), ImGui::GetColorU32(secondary_text_colour(highlighted)),
                  meta.c_str());
      ImGui::PopID();
    }
  }
  ImGui::EndChild();
}

}  // namespace tftsr::gui
