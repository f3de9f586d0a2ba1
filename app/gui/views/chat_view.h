#pragma once
// The AI chat about one incident (a tab per incident). From top to bottom: the 5-Whys progress,
// the provider and model, the messages (replies in Markdown, what the model saw on demand), the
// gate's preview of the draft ("N findings will be masked", each finding kept or masked), and the
// input box with its attachments. Sending, previews and "Analyze logs" run on the worker pool;
// a reply's text streams into the frame through a ChatStream, so no frame waits on the network.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/gui/app_state.h"
#include "app/gui/tab_view.h"
#include "app/gui/view_jobs.h"
#include "app/gui/views/chat_stream.h"
#include "app/gui/views/markdown_view.h"

namespace tftsr::gui {

class ChatView : public TabView {
 public:
  static constexpr const char* kKind = "chat";
  static constexpr const char* kNoticeSetting = "ai.chat_notice_seen";
  ChatView(AppState&, const std::string& incident_id) : incident_id_(incident_id) {}

  std::string title(const AppState& state) const override;
  void draw(AppState& state) override;
  void cancel_jobs() override;
  bool shows(const std::string& id) const override { return id == incident_id_; }

  // For tests and the benchmark: what the view shows.
  bool streaming() const { return sending_; }
  const std::string& streamed_text() const { return stream_text_; }
  const std::vector<ChatMessage>& messages() const { return messages_; }
  const WhyState& why() const { return why_; }
  // "1 finding will be masked", empty while no preview is shown.
  std::string preview_line() const;
  bool previewing() const { return preview_running_ || preview_due_.has_value(); }
  const std::string& error() const { return error_; }
  const std::string& hint() const { return hint_; }
  const std::optional<LogAnalysis>& analysis() const { return analysis_; }

 private:
  struct ShownMessage {
    std::string text;  // what the markdown was parsed from
    MarkdownDocument doc;
  };

  void load(AppState& state);
  void draw_notice(AppState& state);
  void draw_provider(AppState& state);
  void draw_messages(AppState& state);
  void draw_message(AppState& state, const ChatMessage& m, std::size_t index, bool last_reply);
  void draw_streaming_reply(AppState& state);
  void draw_preview(AppState& state);
  void draw_input(AppState& state);
  void draw_attach_popup();
  void draw_analysis(AppState& state);
  void draw_analyze_popup(AppState& state);

  ChatDraft draft() const;
  std::string draft_signature() const;
  void run_preview(AppState& state);
  void send(AppState& state);
  void regenerate(AppState& state);
  void start_exchange(AppState& state, ChatDraft d, bool regenerate);
  void analyze(AppState& state);
  const MarkdownDocument& markdown_of(const std::string& id, const std::string& text);

  std::string incident_id_;
  ViewJobs jobs_;
  std::uint64_t loaded_version_ = 0;
  std::string incident_title_;
  std::vector<ProviderSummary> providers_;
  std::string provider_;  // the chosen provider's name (the active one at first)
  std::optional<Conversation> conversation_;
  std::vector<ChatMessage> messages_;
  std::vector<LogFile> logs_;
  std::vector<ImageAttachment> images_;
  WhyState why_;
  bool notice_seen_ = true;
  bool show_sent_ = false;
  std::string load_error_;
  std::string error_;  // inline, under the messages
  std::string hint_;   // the service's word on the 5-Whys block

  // The draft.
  std::string input_;
  std::set<std::string> log_ids_, image_ids_;
  bool logs_as_patterns_ = false;
  std::set<std::string> keeps_;
  bool focus_input_ = false;

  // The gate's preview of the draft, refreshed a moment after the draft stops changing.
  std::optional<ChatPreview> preview_;
  std::string preview_error_;
  std::string wanted_signature_;  // the draft the preview is (or will be) of
  std::optional<std::chrono::steady_clock::time_point> preview_due_;
  bool preview_running_ = false;
  bool show_findings_ = false;

  // The exchange under way.
  bool sending_ = false;
  std::string pending_message_;  // shown as the user's message until the reply is stored
  std::shared_ptr<ChatStream> stream_;
  std::string stream_text_;
  MarkdownDocument stream_doc_;
  bool scroll_to_bottom_ = false;

  // Rendered replies, by message id: parsed once.
  std::map<std::string, ShownMessage> shown_;

  // Analyze logs.
  std::set<std::string> analyze_ids_;
  bool analyze_as_patterns_ = false;
  bool analyzing_ = false;
  std::optional<LogAnalysis> analysis_;
  std::string analysis_error_;
};

}  // namespace tftsr::gui
