#pragma once
// The RCA and post-mortem documents of one incident in a tab: its versions to choose from, generate
// (a new version; the old ones stay), the Markdown source beside its rendered preview, autosave a
// moment after typing stops, undo, a word count, and Export… to Markdown, HTML or PDF into a file
// the user picks (never replacing one without asking). Closing the tab with unsaved text saves it
// first, and stays open when that fails. With an AI provider configured, "Improve with AI" rewrites the section at the cursor.
// With Confluence set up, "Publish to Confluence…" opens the publish dialog.
// Reading, generating, saving and exporting run on the worker pool.
#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <future>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/gui/app_state.h"
#include "app/gui/tab_view.h"
#include "app/gui/view_jobs.h"
#include "app/gui/views/markdown_view.h"
#include "app/gui/views/publish_dialog.h"
#include "core/model/document.h"

namespace tftsr::gui {

// Words in Markdown source: runs of characters between whitespace, markup-only runs ("#", "-",
// "|", "---") left out.
std::size_t count_words(std::string_view text);

// The editor's text and its preview, apart from any window: typing, undo, what needs saving.
class DocumentDraft {
 public:
  void load(const Document& doc);
  // Call after every edit of `text`; edits less than a second apart undo together.
  void edited(std::chrono::steady_clock::time_point now);
  void replace(std::size_t begin, std::size_t end, const std::string& with, std::chrono::steady_clock::time_point now);
  bool undo();
  bool can_undo() const { return group_open_ || !undo_.empty(); }
  // Bytes the undo steps keep (what each step removed), at most kUndoBudget.
  std::size_t undo_bytes() const { return undo_bytes_; }
  static constexpr std::size_t kUndoBudget = std::size_t{16} << 20;
  static constexpr std::size_t kUndoSteps = 200;
  // Autosave: the text to store once typing paused for `delay`, if there is any.
  std::optional<std::string> due_save(std::chrono::steady_clock::time_point now, std::chrono::milliseconds delay) const;
  void saved(const std::string& text, std::int64_t updated_at);
  // Re-parses the preview when the text changed since the last call; true when it did.
  bool refresh_preview();
  // The same off the UI thread, for typing: starts a parse of the text when the preview is behind
  // and none runs, and takes a finished one (the preview then lags a keystroke or two).
  void refresh_preview_in_background();

  std::string text;
  const std::string& stored() const { return stored_; }
  bool dirty() const;
  const MarkdownDocument& preview() const { return preview_; }
  // Words of the text as of the preview (a keystroke or two behind while typing).
  std::size_t words() const { return words_; }
  const std::string& doc_id() const { return doc_id_; }
  std::int64_t updated_at() const { return updated_at_; }

 private:
  // One undo step: the bytes at `at` were `removed` before the step and are `inserted` bytes
  // after it. Steps keep only what changed: whole copies of a 5 MB document per second of
  // typing reached a gigabyte.
  struct UndoStep {
    std::size_t at = 0;
    std::string removed;
    std::size_t inserted = 0;
  };
  void changed();
  void close_group();
  void push_undo(UndoStep step);
  std::string doc_id_;
  std::string stored_;
  std::int64_t updated_at_ = 0;
  std::deque<UndoStep> undo_;
  std::size_t undo_bytes_ = 0;
  bool group_open_ = false;
  std::string group_base_;  // the text before the edits of the open group
  std::string previous_;    // the text as of the last edit
  std::chrono::steady_clock::time_point last_edit_{};
  std::uint64_t version_ = 0, previewed_ = ~0ull;
  // dirty() compares the texts once per change, not on every call.
  mutable std::uint64_t dirty_checked_ = ~0ull;
  mutable bool dirty_ = false;
  MarkdownDocument preview_;
  struct Parsed {
    std::uint64_t version = 0;
    MarkdownDocument doc;
    std::size_t words = 0;  // counted with the parse: on every keystroke it cost a frame on big texts
  };
  std::future<Parsed> parsing_;
  std::size_t words_ = 0;
};

class DocumentView : public TabView {
 public:
  static constexpr const char* kKind = "documents";
  static constexpr std::chrono::milliseconds kAutosaveDelay{1200};
  DocumentView(AppState& state, const std::string& incident_id);
  // The store closing (lock, quit) destroys the view without on_close(): unsaved text is stored here.
  ~DocumentView() override;

  std::string title(const AppState& state) const override;
  void draw(AppState& state) override;
  // Stores unsaved text first; when that fails the tab stays open and asks whether to close
  // without saving.
  bool ready_to_close(AppState& state) override;
  void on_close(AppState& state) override;
  void cancel_jobs() override {
    jobs_.cancel();
    publish_.cancel_jobs();
  }
  bool shows(const std::string& id) const override;

  // For tests.
  const std::vector<Document>& documents() const { return docs_; }
  DocumentDraft& draft() { return draft_; }
  bool loaded() const { return loaded_version_ != 0 && !loading_; }
  bool busy() const { return loading_ || generating_ || saving_ || exporting_; }
  const std::string& export_message() const { return export_message_; }
  bool asking_to_close() const { return close_refused_; }
  bool improve_available() const { return ai_available_; }
  bool publish_available() const { return confluence_ready_; }
  PublishDialog& publish_dialog() { return publish_; }
  const std::string& improved() const { return improved_; }
  // Starts an export of the selected document to `path` in the format chosen in the Export
  // popup (what the file chooser's answer calls).
  void export_to(AppState& state, const std::filesystem::path& path, bool overwrite);
  void choose_export_format(ExportFormat format) { export_format_ = static_cast<int>(format); }

 private:
  void reload(AppState& state);
  void select(AppState& state, const std::string& doc_id);
  bool save_now(AppState& state);  // synchronous; false (and a notice) when it failed
  void autosave(AppState& state);
  void generate(AppState& state, const std::string& doc_type);
  void draw_list(AppState& state);
  void draw_toolbar(AppState& state);
  void draw_close_question(AppState& state);
  void draw_editor(AppState& state);
  void draw_export_popup(AppState& state);
  void draw_improve(AppState& state);
  void improve(AppState& state);

  std::string id_;
  Triage* triage_ = nullptr;  // of the last draw; the shell destroys views before the store
  std::string title_;
  std::string error_;
  std::uint64_t loaded_version_ = 0;
  bool loading_ = false;
  std::vector<Document> docs_;  // every version, oldest first
  DocumentDraft draft_;
  MarkdownLayout preview_layout_;  // block heights of the preview, so only what is in view is drawn
  bool generating_ = false;
  bool saving_ = false;
  std::string save_error_;
  bool close_refused_ = false;  // a close was refused because saving failed: ask what to do
  // Export
  int export_format_ = 2;  // pdf
  bool export_images_ = false;
  bool exporting_ = false;
  std::string export_message_;
  bool export_failed_ = false;
  std::optional<std::filesystem::path> replace_offer_;  // exists: ask before replacing
  // AI
  bool ai_available_ = false;
  int cursor_ = 0;
  bool improving_ = false;
  std::string improved_;
  std::pair<std::size_t, std::size_t> improved_range_{0, 0};
  std::string improved_original_;
  std::string improve_error_;
  // Confluence
  bool confluence_ready_ = false;
  PublishDialog publish_;
  ViewJobs jobs_;
};

}  // namespace tftsr::gui
