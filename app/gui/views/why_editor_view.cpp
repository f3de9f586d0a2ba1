#include "app/gui/views/why_editor_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>

#include "app/gui/short_title.h"
#include "app/gui/ui_probe.h"
#include "app/gui/widgets/flow_layout.h"
#include "app/gui/views/image_preview_view.h"
#include "app/gui/views/patterns_view.h"
#include "app/gui/views/ai_writing_help.h"

namespace tftsr::gui {

namespace {
const ImVec4 kAnswered(0.30f, 0.65f, 0.40f, 1.0f);
const ImVec4 kAsked(0.26f, 0.52f, 0.90f, 1.0f);
const ImVec4 kErrorColour(0.92f, 0.30f, 0.30f, 1.0f);

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

std::string link_label(const EvidenceLink& l) {
  if (l.log_id)
    return l.file_name + (l.first_line == l.last_line ? ", line " + std::to_string(l.first_line)
                                                      : ", lines " + std::to_string(l.first_line) + "-" +
                                                            std::to_string(l.last_line));
  return l.file_name + " (image)";
}
}  // namespace

std::vector<WhyLevelState> why_level_states(const std::vector<ResolutionStep>& steps) {
  std::vector<WhyLevelState> out(5, WhyLevelState::Empty);
  for (const ResolutionStep& s : steps)
    if (s.step_order >= 1 && s.step_order <= 5)
      out[static_cast<std::size_t>(s.step_order - 1)] =
          s.answer && !blank(*s.answer) ? WhyLevelState::Answered : WhyLevelState::Asked;
  return out;
}

WhyEditorView::WhyEditorView(AppState&, const std::string& incident_id) : id_(incident_id) {}

std::string WhyEditorView::title(const AppState& state) const {
  auto it = state.incident_titles.find(id_);
  std::string name = it != state.incident_titles.end() ? it->second : title_;
  name = short_title(name, 24);
  return "5 Whys: " + name;
}

bool WhyEditorView::shows(const std::string& id) const {
  if (id == id_) return true;
  for (const StepEdit& s : steps_)
    if (s.step.id == id) return true;
  return false;
}

const LogLines* WhyEditorView::link_lines(const std::string& link_id) const {
  auto it = line_texts_.find(link_id);
  return it == line_texts_.end() ? nullptr : &it->second;
}

void WhyEditorView::load(AppState& state) {
  if (loaded_version_ == state.data_version || state.rekey_running) return;
  loaded_version_ = state.data_version;
  Triage& t = *state.triage;
  try {
    const IncidentDetail detail = t.incidents().get(id_);
    title_ = detail.incident.title;
    state.incident_titles[id_] = title_;
    std::vector<StepEdit> fresh;
    for (const ResolutionStep& step : detail.resolution_steps) {
      StepEdit e;
      e.step = step;
      auto old = std::find_if(steps_.begin(), steps_.end(), [&](const StepEdit& o) { return o.step.id == step.id; });
      if (old != steps_.end() && old->dirty) {
        e.question = old->question, e.answer = old->answer, e.evidence = old->evidence, e.dirty = true;
      } else {
        e.question = step.why_question, e.answer = step.answer.value_or(""), e.evidence = step.evidence.value_or("");
      }
      e.links = t.incidents().evidence(step.id);
      fresh.push_back(std::move(e));
    }
    steps_ = std::move(fresh);
    logs_ = t.logs().list(id_);
    images_ = t.images().list(id_);
    stored_root_cause_ = t.ai().why_state(id_).root_cause;
    if (!root_cause_dirty_) root_cause_ = stored_root_cause_;
    ai_available_ = t.ai().active_provider().has_value();
    error_.clear();
  } catch (const Error& e) {
    error_ = e.what();
  }
  // A redaction since the last read changes what a link shows: read the lines again.
  line_requested_.clear();
  load_line_texts(state);
}

void WhyEditorView::load_line_texts(AppState& state) {
  Triage* triage = state.triage.get();
  for (const StepEdit& s : steps_)
    for (const EvidenceLink& l : s.links) {
      if (!l.log_id || line_requested_[l.id]) continue;
      line_requested_[l.id] = true;
      const std::int64_t last = std::min(l.last_line, l.first_line + kEvidenceLinesShown - 1);
      jobs_.run(
          state.pool, "Reading evidence lines of " + l.file_name,
          [triage, log = *l.log_id, first = l.first_line, last](JobContext&) { return triage->logs().lines(log, first, last); },
          [this, id = l.id](LogLines lines) {
            line_texts_[id] = std::move(lines);
            line_errors_.erase(id);
          },
          [this, id = l.id](const JobFailure& f) {
            if (f.kind != ErrorKind::Cancelled) line_errors_[id] = f.message;
          });
    }
}

// Runs a change through the services; a refusal is shown, and the view reloads either way.
void WhyEditorView::store(AppState& state, const std::string& what, const std::function<void()>& change) {
  try {
    change();
  } catch (const Error& e) {
    state.notify(NoticeLevel::Error, "Could not " + what, e.what());
  }
  state.changed();
}

void WhyEditorView::draw(AppState& state) {
  if (!state.triage) return;
  load(state);
  ImGui::PushID(id_.c_str());
  if (!error_.empty()) {
    ImGui::TextColored(kErrorColour, "%s", error_.c_str());
    ImGui::PopID();
    return;
  }
  ImGui::PushFont(state.heading_font);
  ImGui::PushTextWrapPos(0.0f);  // a long title wraps rather than running out of the pane
  ImGui::TextUnformatted(("5 Whys: " + title_).c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  draw_progress();
  ImGui::Separator();
  ImGui::BeginChild("##whys");
  for (std::size_t i = 0; i < steps_.size(); ++i) draw_step(state, steps_[i], i);
  draw_new_why(state);
  ImGui::Spacing();
  draw_root_cause(state);
  ImGui::EndChild();

  if (delete_step_) ImGui::OpenPopup("Delete why");
  if (ImGui::BeginPopupModal("Delete why", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::TextUnformatted("Delete this why with its answer and evidence links?");
    ImGui::TextDisabled("The whys after it move up one level.");
    if (ImGui::Button("Delete")) {
      const std::string step = *delete_step_;
      store(state, "delete the why", [&] { state.triage->incidents().remove_step(step); });
      delete_step_.reset();
      ImGui::CloseCurrentPopup();
    }
    probe::record("whys.confirm_delete");
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) {
      delete_step_.reset();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  ImGui::PopID();
}

void WhyEditorView::draw_progress() {
  std::vector<ResolutionStep> stored;
  for (const StepEdit& s : steps_) stored.push_back(s.step);
  const std::vector<WhyLevelState> levels = why_level_states(stored);
  // Seven segment widths fit the pane: five whys and a wider root cause; never narrower than their
  // labels, and a pane too narrow for the row wraps it.
  const float gap = 3.0f;
  const float widest = std::max(button_width("✓ Why 5"), button_width("✓ Root cause") / 1.4f);
  const float width = std::clamp((ImGui::GetContentRegionAvail().x - gap * 5.0f) / 6.4f, widest,
                                 std::max(widest, ImGui::GetFontSize() * 5.0f));
  int answered = 0;
  for (int i = 0; i < 5; ++i) {
    const WhyLevelState l = levels[static_cast<std::size_t>(i)];
    answered += l == WhyLevelState::Answered;
    const ImVec4 colour = l == WhyLevelState::Answered ? kAnswered
                          : l == WhyLevelState::Asked  ? kAsked
                                                       : ImGui::GetStyleColorVec4(ImGuiCol_FrameBg);
    if (i > 0) same_line_if_fits(width, gap);
    ImGui::PushStyleColor(ImGuiCol_Button, colour);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, colour);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, colour);
    const std::string label = (l == WhyLevelState::Answered ? "✓ Why " : "Why ") + std::to_string(i + 1);
    ImGui::Button(label.c_str(), ImVec2(width, 0));
    ImGui::PopStyleColor(3);
    probe::record("whys.level:" + std::to_string(i + 1));
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s", l == WhyLevelState::Answered ? "Answered"
                              : l == WhyLevelState::Asked  ? "Asked, not answered yet"
                                                           : "Not asked yet");
  }
  same_line_if_fits(width * 1.4f, gap);
  const bool found = !blank(stored_root_cause_);
  const ImVec4 rc = found ? kAnswered : ImGui::GetStyleColorVec4(ImGuiCol_FrameBg);
  ImGui::PushStyleColor(ImGuiCol_Button, rc);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, rc);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, rc);
  ImGui::Button(found ? "✓ Root cause" : "Root cause", ImVec2(width * 1.4f, 0));
  ImGui::PopStyleColor(3);
  probe::record("whys.level:root");
  char summary[64];
  std::snprintf(summary, sizeof summary, "%d of 5 answered%s", answered, found ? "  ·  root cause found" : "");
  same_line_if_fits(ImGui::CalcTextSize(summary).x);
  ImGui::TextDisabled("%s", summary);
}

void WhyEditorView::draw_step(AppState& state, StepEdit& s, std::size_t index) {
  Triage& t = *state.triage;
  const std::string n = std::to_string(s.step.step_order);
  ImGui::PushID(s.step.id.c_str());
  ImGui::BeginGroup();
  ImGui::TextColored(s.step.answer ? kAnswered : kAsked, "Why %d", s.step.step_order);
  ImGui::SameLine();
  ImGui::BeginDisabled(index == 0);
  if (ImGui::SmallButton("Up")) store(state, "move the why", [&] { t.incidents().move_step(s.step.id, s.step.step_order - 1); });
  ImGui::EndDisabled();
  probe::record("whys.up:" + n);
  ImGui::SameLine();
  ImGui::BeginDisabled(index + 1 == steps_.size());
  if (ImGui::SmallButton("Down")) store(state, "move the why", [&] { t.incidents().move_step(s.step.id, s.step.step_order + 1); });
  ImGui::EndDisabled();
  probe::record("whys.down:" + n);
  ImGui::SameLine();
  ImGui::BeginDisabled(steps_.size() >= 5);
  if (ImGui::SmallButton("Insert above")) {
    insert_at_ = s.step.step_order;
    new_question_.clear();
  }
  ImGui::EndDisabled();
  probe::record("whys.insert:" + n);
  ImGui::SameLine();
  if (ImGui::SmallButton("Delete…")) delete_step_ = s.step.id;
  probe::record("whys.delete:" + n);
  if (s.dirty) {
    ImGui::SameLine();
    ImGui::TextDisabled("unsaved");
  }

  const float label = ImGui::GetFontSize() * 6.0f;
  auto save_on_leave = [&](const char* what) {
    if (ImGui::IsItemEdited()) s.dirty = true;
    if (!ImGui::IsItemDeactivatedAfterEdit()) return;
    StepPatch patch;
    if (std::string(what) == "question") {
      if (blank(s.question)) {
        state.notify(NoticeLevel::Warning, "A why needs a question", "The question was left as it was.");
        s.question = s.step.why_question;
        s.dirty = false;
        return;
      }
      patch.why_question = s.question;
    } else if (std::string(what) == "answer") {
      patch.answer = s.answer;
    } else {
      patch.evidence = s.evidence;
    }
    s.dirty = false;
    store(state, "save the why", [&] { t.incidents().update_step(s.step.id, patch); });
  };
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("Question");
  ImGui::SameLine(label);
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##question", &s.question);
  probe::record("whys.question:" + n);
  save_on_leave("question");
  ImGui::TextDisabled("Answer");
  ImGui::SameLine(label);
  ImGui::InputTextMultiline("##answer", &s.answer, ImVec2(-1, ImGui::GetTextLineHeight() * 3.2f));
  probe::record("whys.answer:" + n);
  save_on_leave("answer");
  ImGui::TextDisabled("Evidence");
  ImGui::SameLine(label);
  ImGui::InputTextMultiline("##evidence", &s.evidence, ImVec2(-1, ImGui::GetTextLineHeight() * 2.2f));
  probe::record("whys.evidence:" + n);
  save_on_leave("evidence");

  // Linked evidence.
  ImGui::Indent(label);
  for (const EvidenceLink& l : s.links) {
    ImGui::PushID(l.id.c_str());
    if (ImGui::SmallButton("×")) store(state, "remove the link", [&] { t.incidents().unlink_evidence(l.id); });
    probe::record("whys.unlink:" + link_label(l));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove this link (the log or image stays)");
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    const bool open = ImGui::Selectable(link_label(l).c_str(), false, 0, ImGui::CalcTextSize(link_label(l).c_str()));
    ImGui::PopStyleColor();
    probe::record("whys.link:" + link_label(l));
    if (open) {
      if (l.log_id)
        open_log_focused(state, *l.log_id, LogFocus{{}, {}, l.first_line});
      else if (l.image_id)
        state.open_tab({ImagePreviewView::kKind, *l.image_id});
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip(l.log_id ? "Open the log at this line" : "Open the image");
    if (l.log_id) {
      if (const LogLines* lines = link_lines(l.id)) {
        if (lines->redacted) {
          ImGui::SameLine();
          ImGui::TextDisabled("(redacted text)");
        }
        if (state.mono_font) ImGui::PushFont(state.mono_font);
        std::int64_t number = l.first_line;
        for (const std::string& line : lines->lines) {
          ImGui::TextDisabled("%6lld", static_cast<long long>(number++));
          ImGui::SameLine();
          ImGui::PushTextWrapPos(0.0f);
          ImGui::TextUnformatted(line.c_str());
          ImGui::PopTextWrapPos();
        }
        if (state.mono_font) ImGui::PopFont();
        if (l.last_line - l.first_line + 1 > kEvidenceLinesShown)
          ImGui::TextDisabled("… %lld more lines", static_cast<long long>(l.last_line - l.first_line + 1 - kEvidenceLinesShown));
      } else if (auto err = line_errors_.find(l.id); err != line_errors_.end()) {
        ImGui::TextColored(kErrorColour, "%s", err->second.c_str());
      } else {
        ImGui::TextDisabled("reading the lines…");
      }
    }
    ImGui::PopID();
  }
  if (ImGui::SmallButton("Link evidence…")) {
    ImGui::OpenPopup("link");
    link_log_ = link_image_ = 0;
    link_first_ = link_last_ = 1;
  }
  probe::record("whys.link_evidence:" + n);
  draw_link_popup(state, s);
  ImGui::Unindent(label);
  ImGui::EndGroup();
  ImGui::Separator();
  ImGui::PopID();
}

void WhyEditorView::draw_link_popup(AppState& state, StepEdit& s) {
  if (!ImGui::BeginPopup("link")) return;
  Triage& t = *state.triage;
  if (logs_.empty() && images_.empty()) ImGui::TextDisabled("This incident has no logs or images to link.");
  if (!logs_.empty()) {
    ImGui::TextUnformatted("Lines of a log");
    link_log_ = std::clamp(link_log_, 0, static_cast<int>(logs_.size()) - 1);
    const LogFile& log = logs_[static_cast<std::size_t>(link_log_)];
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16.0f);
    if (ImGui::BeginCombo("##log", log.file_name.c_str())) {
      for (std::size_t i = 0; i < logs_.size(); ++i) {
        if (ImGui::Selectable(logs_[i].file_name.c_str(), static_cast<int>(i) == link_log_)) link_log_ = static_cast<int>(i);
        probe::record("whys.link_log:" + logs_[i].file_name);
      }
      ImGui::EndCombo();
    }
    probe::record("whys.link_log");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.0f);
    ImGui::InputInt("first line", &link_first_);
    probe::record("whys.link_first");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.0f);
    ImGui::InputInt("last line", &link_last_);
    probe::record("whys.link_last");
    ImGui::TextDisabled("%s has %lld lines%s", log.file_name.c_str(), static_cast<long long>(log.line_count),
                        log.redacted ? "; its redacted text is shown" : "");
    if (ImGui::Button("Link the lines")) {
      store(state, "link the lines", [&] { t.incidents().link_log_lines(s.step.id, log.id, link_first_, link_last_); });
      ImGui::CloseCurrentPopup();
    }
    probe::record("whys.link_lines");
  }
  if (!images_.empty()) {
    ImGui::Separator();
    ImGui::TextUnformatted("An image");
    link_image_ = std::clamp(link_image_, 0, static_cast<int>(images_.size()) - 1);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16.0f);
    if (ImGui::BeginCombo("##image", images_[static_cast<std::size_t>(link_image_)].file_name.c_str())) {
      for (std::size_t i = 0; i < images_.size(); ++i)
        if (ImGui::Selectable(images_[i].file_name.c_str(), static_cast<int>(i) == link_image_)) link_image_ = static_cast<int>(i);
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    if (ImGui::Button("Link the image")) {
      const std::string image = images_[static_cast<std::size_t>(link_image_)].id;
      store(state, "link the image", [&] { t.incidents().link_image(s.step.id, image); });
      ImGui::CloseCurrentPopup();
    }
    probe::record("whys.link_image");
  }
  ImGui::EndPopup();
}

void WhyEditorView::draw_new_why(AppState& state) {
  const int count = static_cast<int>(steps_.size());
  if (count >= 5 && insert_at_ == 0) return;
  const int at = insert_at_ > 0 ? insert_at_ : count + 1;
  if (insert_at_ > 0) ImGui::TextColored(kAsked, "New why at level %d", at);
  else ImGui::TextColored(kAsked, "Why %d", at);
  ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 9.0f);
  const bool enter = ImGui::InputTextWithHint("##new_question", at == 1 ? "Why did it happen?" : "Why was that so?",
                                              &new_question_, ImGuiInputTextFlags_EnterReturnsTrue);
  probe::record("whys.new_question");
  ImGui::SameLine();
  ImGui::BeginDisabled(blank(new_question_));
  const bool add = ImGui::Button(insert_at_ > 0 ? "Insert" : "Add why");
  ImGui::EndDisabled();
  probe::record("whys.add");
  if ((enter || add) && !blank(new_question_)) {
    const std::string q = new_question_;
    store(state, "add the why", [&] { state.triage->incidents().insert_step(id_, at, q); });
    new_question_.clear();
    insert_at_ = 0;
  }
  if (insert_at_ > 0) {
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) insert_at_ = 0;
  }
  draw_suggestion(state);
}

void WhyEditorView::draw_root_cause(AppState& state) {
  ImGui::TextColored(blank(stored_root_cause_) ? ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled) : kAnswered, "Root cause");
  if (ImGui::InputTextMultiline("##root_cause", &root_cause_, ImVec2(-1, ImGui::GetTextLineHeight() * 3.2f)))
    root_cause_dirty_ = root_cause_ != stored_root_cause_;
  probe::record("whys.root_cause");
  ImGui::BeginDisabled(!root_cause_dirty_ || blank(root_cause_));
  if (ImGui::Button("Save the root cause")) {
    root_cause_dirty_ = false;
    store(state, "save the root cause", [&] { state.triage->incidents().set_root_cause(id_, root_cause_); });
  }
  ImGui::EndDisabled();
  probe::record("whys.save_root_cause");
  if (root_cause_dirty_) {
    ImGui::SameLine();
    ImGui::TextDisabled("unsaved changes");
  }
}

void WhyEditorView::draw_suggestion(AppState& state) {
  if (!ai_available_) return;
  ImGui::BeginDisabled(suggesting_);
  if (ImGui::SmallButton(suggesting_ ? "Asking the model…" : "Suggest next question")) suggest(state);
  ImGui::EndDisabled();
  probe::record("whys.suggest");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Asks the AI provider for the next why; what is sent is masked first and audited");
  if (!suggestion_error_.empty()) ImGui::TextColored(kErrorColour, "%s", suggestion_error_.c_str());
  if (!suggestion_.empty()) {
    ImGui::TextDisabled("Suggested:");
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(suggestion_.c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::SmallButton("Use it")) {
      new_question_ = suggestion_;
      suggestion_.clear();
    }
    probe::record("whys.use_suggestion");
    ImGui::SameLine();
    if (ImGui::SmallButton("Dismiss")) suggestion_.clear();
  }
}

void WhyEditorView::suggest(AppState& state) {
  suggesting_ = true;
  suggestion_error_.clear();
  Triage* triage = state.triage.get();
  std::vector<std::pair<std::string, std::string>> whys;
  for (const StepEdit& s : steps_) whys.emplace_back(s.question, s.answer);
  jobs_.run(
      state.pool, "Asking the model for the next why",
      [triage, id = id_, title = title_, whys](JobContext& ctx) {
        return suggest_next_why(*triage, id, title, whys, [&ctx] { return ctx.cancelled(); });
      },
      [this, &state](std::string q) {
        suggesting_ = false;
        suggestion_ = std::move(q);
        state.changed();  // the exchange is in the incident's conversation now
      },
      [this](const JobFailure& f) {
        suggesting_ = false;
        if (f.kind != ErrorKind::Cancelled) suggestion_error_ = f.message;
      });
}

}  // namespace tftsr::gui
