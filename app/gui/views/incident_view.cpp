#include "app/gui/views/incident_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/gui/domain_list.h"
#include "app/gui/file_chooser.h"
#include "app/gui/log_import.h"
#include "app/gui/short_title.h"
#include "app/gui/theme.h"
#include "app/gui/ui_probe.h"
#include "app/gui/views/chat_view.h"
#include "app/gui/views/document_view.h"
#include "app/gui/views/image_gallery_view.h"
#include "app/gui/views/log_view.h"
#include "app/gui/views/patterns_view.h"
#include "app/gui/views/why_editor_view.h"
#include "app/gui/widgets/wrapped_text_input.h"

namespace tftsr::gui {

namespace {
const ImVec4 kErrorColour(0.92f, 0.30f, 0.30f, 1.0f);

// probe_key names the combo's entries for the UI tests ("<probe_key>:<entry>").
bool choice_combo(const char* id, const std::string& current, const char* const* items, int count, std::string* chosen,
                  ImVec4 colour, const std::string& probe_key) {
  bool changed = false;
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  bool open = ImGui::BeginCombo(id, current.empty() ? "(not set)" : current.c_str());
  ImGui::PopStyleColor();
  if (open) {
    for (int i = 0; i < count; ++i) {
      if (ImGui::Selectable(items[i], current == items[i]) && current != items[i]) *chosen = items[i], changed = true;
      probe::record(probe_key + ":" + items[i]);
    }
    ImGui::EndCombo();
  }
  return changed;
}
}  // namespace

// Its words, its whys, its logs, and its timeline (root causes and documents leave an event there).
std::string IncidentView::similarity_inputs(const Editor& e) {
  std::string key;
  auto add = [&key](std::string_view part) {
    key += std::to_string(part.size());
    key += ':';
    key += part;
  };
  const Incident& incident = e.detail->incident;
  add(incident.title);
  add(incident.description.value_or(""));
  add(incident.updated_at);
  for (const ResolutionStep& s : e.detail->resolution_steps) {
    add(std::to_string(s.step_order));
    add(s.why_question);
    add(s.answer.value_or(""));
    add(s.evidence.value_or(""));
  }
  for (const LogFile& l : e.logs) {
    add(l.id);
    add(l.redacted ? "r" : "o");
  }
  add(std::to_string(e.detail->timeline.size()));
  if (!e.detail->timeline.empty()) add(e.detail->timeline.back().id);
  return key;
}

IncidentView::Editor& IncidentView::load(AppState& state, const std::string& id) {
  Editor& e = editor_;
  if (e.loaded_version == state.data_version || state.rekey_running) return e;
  e.loaded_version = state.data_version;
  try {
    e.detail = state.triage->incidents().get(id);
    e.logs = state.triage->logs().list(id);
    e.error.clear();
    state.incident_titles[id] = e.detail->incident.title;
    if (!e.editing_title) e.title = e.detail->incident.title;
    if (!e.description_dirty) e.description = e.detail->incident.description.value_or("");
  } catch (const Error& err) {
    e.detail.reset();
    e.error = err.what();
  }
  return e;
}

void IncidentView::apply(AppState& state, Editor& e, const std::string& id, const IncidentPatch& patch) {
  try {
    state.triage->incidents().update(id, patch);
    state.changed();
  } catch (const Error& err) {
    e.error = err.what();
    state.notify(NoticeLevel::Error, "Could not update the incident", err.what());
  }
}

std::string IncidentView::title(const AppState& state) const {
  auto it = state.incident_titles.find(id_);
  std::string name = it != state.incident_titles.end() ? it->second : "Incident";
  name = short_title(name, 32);
  return name;
}

void IncidentView::draw(AppState& state) {
  const std::string& id = id_;
  if (!state.triage) return;
  Editor& e = load(state, id);
  if (!e.detail) {
    ImGui::TextColored(kErrorColour, "%s", e.error.empty() ? "This incident no longer exists." : e.error.c_str());
    return;
  }
  draw_header(state, e, id);
  if (ImGui::BeginTabBar("##incident_sections")) {
    if (ImGui::BeginTabItem("Overview")) {
      draw_overview(state, e, id);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("5 Whys")) {
      if (ImGui::Button("Open the 5-Whys editor")) state.open_tab({WhyEditorView::kKind, id});
      ImGui::SameLine();
      if (ImGui::Button("Documents (RCA, post-mortem)")) state.open_tab({DocumentView::kKind, id});
      draw_steps(e);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Logs")) {
      draw_logs(state, e, id);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Screenshots")) {
      ImGui::TextDisabled("Screenshots open in their own tab: thumbnails, review, annotations and export.");
      if (ImGui::Button("Open the screenshot gallery")) state.open_tab(Tab{ImageGalleryView::kKind, id});
      probe::record("incident.open_gallery");
      ImGui::EndTabItem();
    }
    const bool links_open = ImGui::BeginTabItem("Pages & tickets");
    probe::record("incident.links_tab");
    if (links_open) {
      links_.draw(state, id);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Timeline")) {
      draw_timeline(state, e, id);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  links_.draw_dialog(state);
}

void IncidentView::draw_header(AppState& state, Editor& e, const std::string& id) {
  const Incident& incident = e.detail->incident;
  ImGui::PushID(id.c_str());
  if (e.editing_title) {
    ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 6.0f);
    if (e.focus_title) {
      ImGui::SetKeyboardFocusHere();
      e.focus_title = false;
    }
    bool done = ImGui::InputText("##title", &e.title, ImGuiInputTextFlags_EnterReturnsTrue);
    probe::record("incident.title_input");
    ImGui::SameLine();
    if (done || ImGui::Button("Save")) {
      e.editing_title = false;
      if (e.title != incident.title) apply(state, e, id, IncidentPatch{.title = e.title});
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) {
      e.editing_title = false;
      e.title = incident.title;
    }
  } else {
    ImGui::PushFont(state.heading_font);
    ImGui::TextUnformatted(incident.title.c_str());
    ImGui::PopFont();
    if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(0)) e.editing_title = e.focus_title = true;
    // The buttons follow the title, or go to the next line when a long title leaves no room.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float buttons = ImGui::CalcTextSize("AI chat").x + ImGui::CalcTextSize("5 Whys").x +
                          ImGui::CalcTextSize("Documents").x + ImGui::CalcTextSize("Create ticket…").x +
                          ImGui::CalcTextSize("Rename").x + ImGui::CalcTextSize("Delete…").x +
                          12 * style.FramePadding.x + 6 * style.ItemSpacing.x;
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < buttons) ImGui::NewLine();
    if (ImGui::SmallButton("AI chat")) state.open_tab({ChatView::kKind, id});
    probe::record("incident.ai_chat");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Ask an AI model about this incident; what is sent is masked first");
    ImGui::SameLine();
    if (ImGui::SmallButton("5 Whys")) state.open_tab({WhyEditorView::kKind, id});
    probe::record("incident.open_whys");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Edit the 5 Whys: questions, answers, evidence, root cause");
    ImGui::SameLine();
    if (ImGui::SmallButton("Documents")) state.open_tab({DocumentView::kKind, id});
    probe::record("incident.open_documents");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The RCA and post-mortem: generate, edit, export");
    ImGui::SameLine();
    links_.draw_create_button(state, id);
    ImGui::SameLine();
    if (ImGui::SmallButton("Rename")) e.editing_title = e.focus_title = true;
    probe::record("incident.rename");
    ImGui::SameLine();
    if (ImGui::SmallButton("Delete…")) state.requests.delete_incident = id;
    probe::record("incident.delete");
  }

  const float combo = ImGui::GetFontSize() * 8.0f;
  std::string chosen;
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("Status");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(combo);
  if (choice_combo("##status", incident.status, kStatuses, 4, &chosen, status_colour(incident.status), "incident.status")) {
    if (chosen == "resolved" || chosen == "closed")
      e.pending_status = chosen;  // confirmed below
    else
      apply(state, e, id, IncidentPatch{.status = chosen});
  }
  probe::record("incident.status");
  ImGui::SameLine();
  ImGui::TextDisabled("Severity");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(combo * 0.6f);
  if (choice_combo("##severity", incident.severity, kSeverities, 4, &chosen, severity_colour(incident.severity), "incident.severity"))
    apply(state, e, id, IncidentPatch{.severity = chosen});
  probe::record("incident.severity");
  ImGui::SameLine();
  ImGui::TextDisabled("Domain");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(combo * 1.4f);
  const auto& names = domain_names();
  if (choice_combo("##domain", incident.category ? domain_label(incident.category) : "", names.data(),
                   static_cast<int>(names.size()), &chosen, ImGui::GetStyleColorVec4(ImGuiCol_Text), "incident.domain"))
    apply(state, e, id, IncidentPatch{.category = domain_id(domain_index(chosen))});
  probe::record("incident.domain");
  ImGui::TextDisabled("Created %s  ·  updated %s%s%s", incident.created_at.c_str(), incident.updated_at.c_str(),
                      incident.resolved_at ? "  ·  resolved " : "", incident.resolved_at.value_or("").c_str());

  if (e.pending_status) {
    ImGui::OpenPopup("Confirm status");
  }
  if (ImGui::BeginPopupModal("Confirm status", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("Mark this incident as %s?", e.pending_status.value_or("").c_str());
    ImGui::TextDisabled("The resolution time is recorded now.");
    if (ImGui::Button("Yes, mark it")) {
      apply(state, e, id, IncidentPatch{.status = e.pending_status.value_or("")});
      e.pending_status.reset();
      ImGui::CloseCurrentPopup();
    }
    probe::record("incident.confirm_status");
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) {
      e.pending_status.reset();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  ImGui::PopID();
  ImGui::Separator();
}

void IncidentView::draw_overview(AppState& state, Editor& e, const std::string& id) {
  ImGui::TextUnformatted("Description");
  // The description takes a quarter of the height, the triage summary the rest.
  float height = std::max(ImGui::GetContentRegionAvail().y * 0.25f - ImGui::GetFrameHeightWithSpacing() * 1.5f,
                          ImGui::GetTextLineHeight() * 3.0f);
  if (wrapped_text_input("##description", &e.description, ImVec2(-1, height))) e.description_dirty = true;
  probe::record("incident.description");
  ImGui::BeginDisabled(!e.description_dirty);
  if (ImGui::Button("Save description")) {
    e.description_dirty = false;
    apply(state, e, id, IncidentPatch{.description = e.description});
  }
  probe::record("incident.save_description");
  ImGui::SameLine();
  if (ImGui::Button("Revert")) {
    e.description_dirty = false;
    e.description = e.detail->incident.description.value_or("");
  }
  ImGui::EndDisabled();
  if (e.description_dirty) {
    ImGui::SameLine();
    ImGui::TextDisabled("unsaved changes");
  }
  ImGui::Separator();
  ImGui::BeginChild("##triage_summary");
  triage_.draw(state, id, e.logs);
  ImGui::EndChild();
}

void IncidentView::draw_steps(Editor& e) {
  const auto& steps = e.detail->resolution_steps;
  if (steps.empty()) {
    ImGui::TextDisabled("No 5-Whys steps yet. Type them in the 5-Whys editor, or let the AI chat guide you.");
    return;
  }
  ImGui::ProgressBar(std::min(1.0f, static_cast<float>(steps.size()) / 5.0f), ImVec2(-1, 0),
                     (std::to_string(steps.size()) + " of 5 whys").c_str());
  for (const ResolutionStep& s : steps) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::Text("Why %d: %s", s.step_order, s.why_question.c_str());
    ImGui::Indent();
    if (s.answer) ImGui::Text("Answer: %s", s.answer->c_str());
    if (s.evidence) ImGui::TextDisabled("Evidence: %s", s.evidence->c_str());
    ImGui::Unindent();
    ImGui::PopTextWrapPos();
    ImGui::Separator();
  }
}

void IncidentView::draw_logs(AppState& state, Editor& e, const std::string& id) {
  if (ImGui::Button("Add a log file…") && state.files)
    state.files->choose(FileDialogMode::Open, "Add a log file to the incident", {},
                        [&state, id](const std::filesystem::path& p) { import_logs(state, id, {p}); });
  ImGui::SameLine();
  ImGui::TextDisabled("or drop files on the window");
  if (!e.logs.empty()) {
    ImGui::SameLine();
    if (ImGui::Button("Patterns of all logs")) state.open_tab({PatternsView::kKind, id});
    probe::record("incident.patterns");
  }
  if (e.logs.empty()) {
    ImGui::TextDisabled("No logs attached.");
    return;
  }
  if (ImGui::BeginTable("##logs", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
    ImGui::TableSetupColumn("File", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Lines", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 5);
    ImGui::TableSetupColumn("Encoding", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 6);
    ImGui::TableSetupColumn("Redacted", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 5);
    ImGui::TableSetupColumn("##open", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 9);
    ImGui::TableHeadersRow();
    for (const LogFile& log : e.logs) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(log.file_name.c_str());
      probe::record("incident.log:" + log.file_name);
      ImGui::TableNextColumn();
      ImGui::Text("%lld", static_cast<long long>(log.line_count));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(log.encoding.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(log.redacted ? "yes" : "no");
      ImGui::TableNextColumn();
      ImGui::PushID(log.id.c_str());
      if (ImGui::SmallButton("Open")) state.open_tab({LogView::kKind, log.id});
      probe::record("incident.open_log:" + log.file_name);
      ImGui::SameLine();
      if (ImGui::SmallButton("Patterns")) state.open_tab({PatternsView::kKind, log.id});
      probe::record("incident.log_patterns:" + log.file_name);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
}

void IncidentView::draw_timeline(AppState& state, Editor& e, const std::string& id) {
  ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 6.0f);
  bool add = ImGui::InputTextWithHint("##note", "Add a note to the timeline", &e.note, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  add |= ImGui::Button("Add note");
  if (add && e.note.find_first_not_of(" \t") != std::string::npos) {
    try {
      state.triage->incidents().add_note(id, e.note);
      e.note.clear();
      state.changed();
    } catch (const Error& err) {
      state.notify(NoticeLevel::Error, "Could not add the note", err.what());
    }
  }
  ImGui::BeginChild("##timeline");
  for (auto it = e.detail->timeline.rbegin(); it != e.detail->timeline.rend(); ++it) {
    ImGui::TextDisabled("%s", it->created_at.c_str());
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(0.45f, 0.65f, 0.90f, 1.0f), "%s", it->event_type.c_str());
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(it->summary.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::EndChild();
}

void IncidentView::draw_summary(AppState& state) {
  const std::string& id = id_;
  if (!state.triage) return;
  Editor& e = load(state, id);
  if (!e.detail) {
    ImGui::TextDisabled("Nothing selected.");
    return;
  }
  const Incident& incident = e.detail->incident;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(incident.title.c_str());
  ImGui::PopTextWrapPos();
  ImGui::TextColored(severity_colour(incident.severity), "%s", incident.severity.c_str());
  ImGui::SameLine();
  ImGui::TextColored(status_colour(incident.status), "%s", incident.status.c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("%s", incident.category ? domain_label(incident.category).c_str() : "no domain");
  ImGui::Separator();
  ImGui::TextDisabled("Created   %s", incident.created_at.c_str());
  ImGui::TextDisabled("Updated   %s", incident.updated_at.c_str());
  if (incident.resolved_at) ImGui::TextDisabled("Resolved  %s", incident.resolved_at->c_str());
  ImGui::TextDisabled("5 Whys    %zu of 5", e.detail->resolution_steps.size());
  ImGui::TextDisabled("Events    %zu", e.detail->timeline.size());
  ImGui::Separator();
  if (incident.description && !incident.description->empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(incident.description->c_str());
    ImGui::PopTextWrapPos();
  }
  if (ImGui::Button("Open")) state.requests.open_incident = id;
  ImGui::Spacing();
  ImGui::Separator();
  similar_.draw(state, id, similarity_inputs(e));
}

}  // namespace tftsr::gui
