#include "app/gui/views/similar_incidents_panel.h"

#include <imgui.h>

#include <algorithm>

#include "app/gui/job_progress.h"
#include "app/gui/theme.h"
#include "app/gui/ui_probe.h"

namespace tftsr::gui {

namespace {
constexpr std::size_t kMatches = 5;
constexpr std::size_t kSharedPatternsShown = 3;
constexpr double kSettleSeconds = 0.75;  // typing in the description starts one search, not one per key
}  // namespace

void SimilarIncidentsPanel::start(AppState& state, const std::string& incident_id) {
  running_ = true;
  refresh_requested_ = false;
  searched_inputs_ = wanted_inputs_;
  ++searches_;
  Triage* triage = state.triage.get();
  jobs_.run(
      state.pool, "Looking for similar incidents",
      [triage, incident_id](JobContext& ctx) { return triage->patterns().similar(incident_id, kMatches, progress_of(ctx)); },
      [this](std::vector<SimilarIncidentMatch> found) {
        running_ = false;
        error_.clear();
        matches_ = std::move(found);
      },
      [this](const JobFailure& f) {
        running_ = false;
        if (f.kind != ErrorKind::Cancelled) error_ = f.message;
      });
}

void SimilarIncidentsPanel::draw(AppState& state, const std::string& incident_id, const std::string& inputs) {
  const double now = ImGui::GetTime();
  if (inputs != wanted_inputs_) {
    wanted_inputs_ = inputs;
    inputs_changed_at_ = now;
  }
  const bool changed = searched_inputs_ != wanted_inputs_;
  const bool settled = !searched_inputs_ || now - inputs_changed_at_ >= kSettleSeconds;  // the first search at once
  if (!running_ && !state.rekey_running && (refresh_requested_ || (changed && settled))) start(state, incident_id);
  ImGui::TextUnformatted("Similar incidents");
  probe::record("similar.heading");
  ImGui::SameLine();
  if (running_) {
    ImGui::TextDisabled("(looking…)");
  } else {
    if (ImGui::SmallButton("Refresh")) refresh_requested_ = true;
    probe::record("similar.refresh");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Look again, also among the incidents changed since");
  }
  if (!error_.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(level_colour(patterns::LogLevel::Error), "%s", error_.c_str());
    ImGui::PopTextWrapPos();
  }
  if (!matches_) return;
  if (matches_->empty()) {
    ImGui::TextDisabled("No similar earlier incident.");
    probe::record("similar.none");
    return;
  }
  ImGui::PushTextWrapPos(0.0f);
  for (const SimilarIncidentMatch& m : *matches_) {
    ImGui::PushID(m.incident.id.c_str());
    ImGui::Separator();
    // A wrapped title that reads as a link: the inspector is narrow.
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_CheckMark));
    ImGui::TextWrapped("%s", m.incident.title.c_str());
    ImGui::PopStyleColor();
    if (ImGui::IsItemClicked()) state.requests.open_incident = m.incident.id;
    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    probe::record("similar.match:" + m.incident.title);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Open this incident  ·  patterns %.0f%%, words %.0f%%", m.similarity.pattern_score * 100.0,
                        m.similarity.text_score * 100.0);
    ImGui::TextDisabled("%.0f%% alike  ·  %s  ·  %s", m.similarity.score * 100.0, m.incident.status.c_str(),
                        m.incident.created_at.substr(0, 10).c_str());
    for (std::size_t i = 0; i < m.shared_pattern_texts.size() && i < kSharedPatternsShown; ++i)
      ImGui::BulletText("%s", m.shared_pattern_texts[i].c_str());
    if (m.shared_pattern_texts.size() > kSharedPatternsShown)
      ImGui::TextDisabled("and %zu more shared patterns", m.shared_pattern_texts.size() - kSharedPatternsShown);
    if (m.shared_pattern_texts.empty() && !m.similarity.shared_words.empty()) {
      std::string words;
      for (const std::string& w : m.similarity.shared_words) words += (words.empty() ? "" : ", ") + w;
      ImGui::TextDisabled("Shared words: %s", words.c_str());
    }
    if (m.root_cause) {
      ImGui::TextColored(status_colour("resolved"), "Root cause:");
      ImGui::SameLine();
      ImGui::TextUnformatted(m.root_cause->c_str());
    }
    for (const ResolutionStep& s : m.answered_whys) {
      ImGui::Text("Why %d: %s", s.step_order, s.why_question.c_str());
      probe::record("similar.why:" + std::to_string(s.step_order));
      if (s.answer) ImGui::TextDisabled("  %s", s.answer->c_str());
    }
    ImGui::PopID();
  }
  ImGui::PopTextWrapPos();
}

}  // namespace tftsr::gui
