#pragma once
// The 5-Whys of one incident as an editor in its own tab: up to five levels of question, answer
// and free-text evidence, then the root cause. Whys are inserted, moved and deleted; each answer
// links evidence to lines of the incident's logs (shown with their text, redacted once the log is,
// and opening the log at the line) or to its images (opening the preview). A row of segments
// shows at a glance which levels are answered. With an AI provider configured, "Suggest next
// question" asks the model (through the AI service and its gate) for the next why.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/app_state.h"
#include "app/gui/tab_view.h"
#include "app/gui/view_jobs.h"
#include "core/logs/log_service.h"
#include "core/model/evidence_link.h"
#include "core/model/image.h"
#include "core/model/incident.h"
#include "core/model/log_file.h"

namespace tftsr::gui {

// How far the 5 Whys of an incident are, for the row of segments.
enum class WhyLevelState { Empty, Asked, Answered };
std::vector<WhyLevelState> why_level_states(const std::vector<ResolutionStep>& steps);  // always five

// The most lines of one evidence link shown under it.
inline constexpr std::int64_t kEvidenceLinesShown = 12;

class WhyEditorView : public TabView {
 public:
  static constexpr const char* kKind = "whys";
  WhyEditorView(AppState& state, const std::string& incident_id);

  std::string title(const AppState& state) const override;
  void draw(AppState& state) override;
  void cancel_jobs() override { jobs_.cancel(); }
  bool shows(const std::string& id) const override;

  // For tests.
  struct StepEdit {
    ResolutionStep step;
    std::string question, answer, evidence;
    bool dirty = false;  // typed but not stored yet: a reload keeps the text
    std::vector<EvidenceLink> links;
  };
  const std::vector<StepEdit>& steps() const { return steps_; }
  const std::string& root_cause() const { return root_cause_; }
  // The shown text of a log link's lines, once read.
  const LogLines* link_lines(const std::string& link_id) const;
  bool suggest_available() const { return ai_available_; }
  const std::string& suggestion() const { return suggestion_; }

 private:
  void load(AppState& state);
  void load_line_texts(AppState& state);
  void store(AppState& state, const std::string& what, const std::function<void()>& change);
  void draw_progress();
  void draw_step(AppState& state, StepEdit& s, std::size_t index);
  void draw_link_popup(AppState& state, StepEdit& s);
  void draw_new_why(AppState& state);
  void draw_root_cause(AppState& state);
  void draw_suggestion(AppState& state);
  void suggest(AppState& state);

  std::string id_;
  std::uint64_t loaded_version_ = 0;
  std::string title_;
  std::string error_;
  std::vector<StepEdit> steps_;
  std::vector<LogFile> logs_;
  std::vector<ImageAttachment> images_;
  std::string root_cause_, stored_root_cause_;
  bool root_cause_dirty_ = false;
  std::map<std::string, LogLines> line_texts_;  // by link id
  std::map<std::string, std::string> line_errors_;
  std::map<std::string, bool> line_requested_;
  // New why / insert: the position it goes to and its question.
  int insert_at_ = 0;
  std::string new_question_;
  // The link being added: log index, lines.
  int link_log_ = 0, link_image_ = 0;
  int link_first_ = 1, link_last_ = 1;
  std::optional<std::string> delete_step_;  // asks first
  // AI
  bool ai_available_ = false;
  bool suggesting_ = false;
  std::string suggestion_;
  std::string suggestion_error_;
  ViewJobs jobs_;
};

}  // namespace tftsr::gui
