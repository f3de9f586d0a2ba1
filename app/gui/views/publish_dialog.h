#pragma once
// "Publish to Confluence…" for one document: the space (listed from Confluence, the configured one
// first chosen), an optional parent page (found by title or pasted as an id), the text as it will
// leave after the PII check with what was masked, and whether publishing updates a page published
// before. Listing, searching, previewing and publishing run on the worker pool; publishing shows
// its progress with Cancel, then the page's link, or the service's message with every choice kept.
#include <optional>
#include <string>
#include <vector>

#include "app/gui/app_state.h"
#include "app/gui/view_jobs.h"
#include "core/integrations/integration_service.h"

namespace tftsr::gui {

// A CQL query for the pages of a space whose title contains `text` (quotes and backslashes escaped).
std::string cql_title_query(const std::string& space_key, const std::string& text);

class PublishDialog {
 public:
  void open(AppState& state, const std::string& document_id, const std::string& document_title);
  void draw(AppState& state);
  bool is_open() const { return open_; }
  void cancel_jobs() { jobs_.cancel(); }

  // For tests.
  bool busy() const { return spaces_job_ || search_job_ || preview_job_ || publish_job_; }
  const std::vector<integrations::ConfluenceSpace>& spaces() const { return spaces_; }
  const std::optional<integrations::PublishPreview>& preview() const { return preview_; }
  const std::optional<integrations::PublishResult>& result() const { return result_; }
  const std::string& error() const { return error_; }
  const std::string& space_key() const { return space_key_; }

 private:
  void load_spaces(AppState& state);
  void load_preview(AppState& state);
  void search(AppState& state);
  void publish(AppState& state);
  void draw_space(AppState& state);
  void draw_parent(AppState& state);
  void draw_result();

  bool open_ = false;
  bool request_open_ = false;
  std::string document_id_;
  std::string document_title_;
  std::vector<integrations::ConfluenceSpace> spaces_;
  std::string space_key_;  // chosen; empty: the configured default
  std::string parent_query_;
  std::vector<integrations::ConfluencePage> parents_;
  bool searched_ = false;
  std::string parent_id_;     // chosen from the results or pasted
  std::string parent_title_;  // of a chosen one
  std::optional<integrations::PublishPreview> preview_;
  std::optional<integrations::PublishResult> result_;
  std::string spaces_error_;
  std::string search_error_;
  std::string error_;  // of the preview or the publish
  JobId spaces_job_ = 0, search_job_ = 0, preview_job_ = 0, publish_job_ = 0;
  int preview_generation_ = 0;
  ViewJobs jobs_;
};

}  // namespace tftsr::gui
