#include "app/gui/views/publish_dialog.h"

#include <imgui.h>

#include <algorithm>
#include <imgui_stdlib.h>

#include "app/gui/job_progress.h"
#include "app/gui/ui_probe.h"
#include "app/gui/views/send_preview_panel.h"

namespace tftsr::gui {

namespace {
using namespace integrations;
constexpr const char* kPopup = "Publish to Confluence";

std::string cql_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}
}  // namespace

std::string cql_title_query(const std::string& space_key, const std::string& text) {
  std::string q = "type = page";
  if (!space_key.empty()) q += " AND space = " + cql_string(space_key);
  return q + " AND title ~ " + cql_string(text);
}

void PublishDialog::open(AppState& state, const std::string& document_id, const std::string& document_title) {
  jobs_.cancel();  // of an earlier document
  spaces_job_ = search_job_ = preview_job_ = publish_job_ = 0;
  spaces_.clear();
  space_key_.clear();
  parent_query_.clear();
  parents_.clear();
  searched_ = false;
  parent_id_.clear();
  parent_title_.clear();
  preview_.reset();
  result_.reset();
  spaces_error_.clear();
  search_error_.clear();
  error_.clear();
  request_open_ = true;
  document_id_ = document_id;
  document_title_ = document_title;
  load_spaces(state);
  load_preview(state);
}

void PublishDialog::load_spaces(AppState& state) {
  Triage* triage = state.triage.get();
  spaces_error_.clear();
  spaces_job_ = jobs_.run(
      state.pool, "Listing the Confluence spaces",
      [triage](JobContext& ctx) { return triage->integrations().confluence_spaces(progress_of(ctx)); },
      [this](std::vector<ConfluenceSpace> spaces) {
        spaces_job_ = 0;
        spaces_ = std::move(spaces);
      },
      [this](const JobFailure& f) {
        spaces_job_ = 0;
        if (f.kind != ErrorKind::Cancelled) spaces_error_ = "Could not list the spaces: " + f.message;
      });
}

void PublishDialog::load_preview(AppState& state) {
  Triage* triage = state.triage.get();
  PublishOptions options;
  if (!space_key_.empty()) options.space_key = space_key_;
  error_.clear();
  // Another space may be chosen before the answer comes: only the latest request's answer counts.
  const int generation = ++preview_generation_;
  preview_job_ = jobs_.run(
      state.pool, "Checking what the page will send",
      [triage, id = document_id_, options](JobContext&) { return triage->integrations().preview_publish(id, options); },
      [this, generation](PublishPreview p) {
        if (generation != preview_generation_) return;
        preview_job_ = 0;
        if (space_key_.empty()) space_key_ = p.space_key;
        preview_ = std::move(p);
      },
      [this, generation](const JobFailure& f) {
        if (generation != preview_generation_) return;
        preview_job_ = 0;
        if (f.kind != ErrorKind::Cancelled) error_ = f.message;
      });
}

void PublishDialog::search(AppState& state) {
  Triage* triage = state.triage.get();
  search_error_.clear();
  const std::string cql = cql_title_query(space_key_, parent_query_);
  search_job_ = jobs_.run(
      state.pool, "Searching Confluence",
      [triage, cql](JobContext& ctx) { return triage->integrations().confluence_search(cql, progress_of(ctx)); },
      [this](std::vector<ConfluencePage> pages) {
        search_job_ = 0;
        searched_ = true;
        parents_ = std::move(pages);
      },
      [this](const JobFailure& f) {
        search_job_ = 0;
        if (f.kind != ErrorKind::Cancelled) search_error_ = f.message;
      });
}

void PublishDialog::publish(AppState& state) {
  Triage* triage = state.triage.get();
  PublishOptions options;
  options.space_key = space_key_;
  if (!parent_id_.empty()) options.parent_id = parent_id_;
  error_.clear();
  publish_job_ = jobs_.run(
      state.pool, "Publishing to Confluence",
      [triage, id = document_id_, options](JobContext& ctx) {
        return triage->integrations().publish_document(id, options, progress_of(ctx));
      },
      [this, &state](PublishResult r) {
        publish_job_ = 0;
        result_ = std::move(r);
        state.changed();  // the timeline and the links
        state.notify(NoticeLevel::Success, result_->updated ? "Confluence page updated" : "Published to Confluence",
                     result_->page.url);
      },
      [this, &state](const JobFailure& f) {
        publish_job_ = 0;
        error_ = f.kind == ErrorKind::Cancelled ? "Publishing was cancelled." : f.message;
        state.changed();  // a failed attempt is recorded with the incident
      });
}

void PublishDialog::draw_space(AppState& state) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Space");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 22.0f);
  std::string current = space_key_;
  for (const auto& s : spaces_)
    if (s.key == space_key_) current = s.key + "  " + s.name;
  if (ImGui::BeginCombo("##space", current.empty() ? "(choose a space)" : current.c_str())) {
    for (const auto& s : spaces_) {
      if (ImGui::Selectable((s.key + "  " + s.name).c_str(), s.key == space_key_) && s.key != space_key_) {
        space_key_ = s.key;
        parent_id_.clear();  // a parent belongs to its space
        parent_title_.clear();
        parents_.clear();
        searched_ = false;
        load_preview(state);  // published before in this space?
      }
      probe::record("publish.space:" + s.key);
    }
    ImGui::EndCombo();
  }
  probe::record("publish.space");
  if (spaces_job_) {
    ImGui::SameLine();
    ImGui::TextDisabled("listing the spaces…");
  }
  if (!spaces_error_.empty()) ImGui::TextColored(kSendErrorColour, "%s", spaces_error_.c_str());
}

void PublishDialog::draw_parent(AppState& state) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Parent page");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16.0f);
  const bool enter = ImGui::InputTextWithHint("##parent_query", "find by title", &parent_query_,
                                              ImGuiInputTextFlags_EnterReturnsTrue);
  probe::record("publish.parent_query");
  ImGui::SameLine();
  ImGui::BeginDisabled(search_job_ != 0 || parent_query_.empty());
  if (ImGui::Button("Search") || (enter && !parent_query_.empty() && !search_job_)) search(state);
  ImGui::EndDisabled();
  probe::record("publish.search");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
  if (ImGui::InputTextWithHint("##parent_id", "or page id", &parent_id_)) parent_title_.clear();
  probe::record("publish.parent_id");
  if (!parent_id_.empty()) {
    ImGui::SameLine();
    if (ImGui::SmallButton("Top level")) {
      parent_id_.clear();
      parent_title_.clear();
    }
  }
  if (!search_error_.empty()) ImGui::TextColored(kSendErrorColour, "%s", search_error_.c_str());
  if (searched_ && parents_.empty()) ImGui::TextDisabled("No page in this space has that in its title.");
  if (!parents_.empty()) {
    ImGui::BeginChild("##parents", ImVec2(-1.0f, ImGui::GetTextLineHeightWithSpacing() * 4.5f), true);
    for (const auto& p : parents_) {
      if (ImGui::Selectable((p.title + "  (page " + p.id + ")").c_str(), p.id == parent_id_)) {
        parent_id_ = p.id;
        parent_title_ = p.title;
      }
      probe::record("publish.parent:" + p.id);
    }
    ImGui::EndChild();
  }
  ImGui::TextDisabled("%s", parent_id_.empty() ? "The page goes at the top level of the space."
                            : parent_title_.empty() ? ("The page goes under page " + parent_id_ + ".").c_str()
                                                    : ("The page goes under \"" + parent_title_ + "\".").c_str());
}

void PublishDialog::draw_result() {
  const PublishResult& r = *result_;
  ImGui::TextColored(kSendOkColour, "%s page %s (version %lld).", r.updated ? "Updated" : "Published", r.page.id.c_str(),
                     static_cast<long long>(r.page.version));
  probe::record("publish.done");
  draw_remote_link(r.page.url, "publish.link");
}

void PublishDialog::draw(AppState& state) {
  bool keep_open = true;
  const bool publishing = publish_job_ != 0;
  if (!begin_send_dialog(kPopup, request_open_, open_, 44.0f, publishing, keep_open)) {
    if (open_) {
      jobs_.cancel();
      spaces_job_ = search_job_ = preview_job_ = 0;
      open_ = false;
    }
    return;
  }
  ImGui::TextWrapped("\"%s\" goes to Confluence as a page.", document_title_.c_str());
  ImGui::Spacing();
  ImGui::BeginDisabled(publishing || result_.has_value());
  draw_space(state);
  draw_parent(state);
  ImGui::EndDisabled();
  ImGui::Separator();

  ImGui::TextUnformatted("What will be sent, after the PII check");
  if (preview_) {
    if (preview_->updates) {
      const IntegrationLink& l = *preview_->updates;
      ImGui::TextColored(ImVec4(0.90f, 0.70f, 0.30f, 1.0f), "Published before: publishing again updates page %s%s.",
                         l.remote_id.value_or("?").c_str(),
                         l.remote_version ? (" (now version " + std::to_string(*l.remote_version) + ")").c_str() : "");
      probe::record("publish.updates");
    }
    draw_send_preview(preview_->sent, -below_preview(!error_.empty(), result_.has_value()), "publish.preview");
  } else if (preview_job_) {
    ImGui::TextDisabled("checking the text…");
  }
  draw_send_error(error_, "publish.error");
  if (result_) draw_result();

  ImGui::Separator();
  if (publishing) {
    draw_job_progress(state, publish_job_, "publish");
  } else if (!result_) {
    ImGui::BeginDisabled(space_key_.empty() || !preview_ || preview_job_ != 0);
    if (ImGui::Button(preview_ && preview_->updates ? "Update the page" : "Publish")) publish(state);
    ImGui::EndDisabled();
    probe::record("publish.publish");
    ImGui::SameLine();
    if (ImGui::Button("Close")) keep_open = false;
    probe::record("publish.close");
  } else {
    if (ImGui::Button("Close")) keep_open = false;
    probe::record("publish.close");
  }
  if (!keep_open && !publishing) {
    jobs_.cancel();
    spaces_job_ = search_job_ = preview_job_ = 0;
    open_ = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace tftsr::gui
