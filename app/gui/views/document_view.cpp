#include "app/gui/views/document_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <ctime>

#include "app/gui/file_chooser.h"
#include "app/gui/short_title.h"
#include "app/gui/ui_probe.h"
#include "app/gui/widgets/flow_layout.h"
#include "app/gui/views/ai_writing_help.h"
#include "core/integrations/integration_service.h"

namespace tftsr::gui {

namespace {
using Clock = std::chrono::steady_clock;
const ImVec4 kErrorColour(0.92f, 0.30f, 0.30f, 1.0f);
const ImVec4 kOkColour(0.30f, 0.65f, 0.40f, 1.0f);
constexpr const char* kFormats[] = {"Markdown (.md)", "HTML (.html)", "PDF (.pdf)"};
constexpr ExportFormat kFormatOf[] = {ExportFormat::Markdown, ExportFormat::Html, ExportFormat::Pdf};

std::string type_label(const std::string& doc_type) { return doc_type == "postmortem" ? "Post-mortem" : "RCA"; }

std::string utc_time(std::int64_t millis) {
  const std::time_t t = static_cast<std::time_t>(millis / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return std::string(buf) + " UTC";
}

struct Loaded {
  std::string title;
  std::vector<Document> docs;
  bool ai = false;
  bool confluence = false;  // set up and with a credential
};

int remember_cursor(ImGuiInputTextCallbackData* data) {
  *static_cast<int*>(data->UserData) = data->CursorPos;
  return 0;
}
}  // namespace

std::size_t count_words(std::string_view text) {
  std::size_t words = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    bool has_word_char = false;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) {
      const unsigned char c = static_cast<unsigned char>(text[i]);
      if (std::isalnum(c) || c >= 0x80) has_word_char = true;
      ++i;
    }
    words += has_word_char;
  }
  return words;
}

// --- DocumentDraft

void DocumentDraft::load(const Document& doc) {
  doc_id_ = doc.id;
  text = stored_ = previous_ = doc.content_md;
  updated_at_ = doc.updated_at;
  undo_.clear();
  undo_bytes_ = 0;
  group_open_ = false;
  group_base_.clear();
  last_edit_ = {};
  changed();
  words_ = count_words(text);
}

void DocumentDraft::changed() { ++version_; }

void DocumentDraft::edited(Clock::time_point now) {
  if (text == previous_) return;
  if (!group_open_ || now - last_edit_ > std::chrono::seconds(1)) {
    close_group();
    group_base_ = previous_;
    group_open_ = true;
  }
  previous_ = text;
  last_edit_ = now;
  changed();
}

// The open group becomes one step: what differs between the text before it and now.
void DocumentDraft::close_group() {
  if (!group_open_) return;
  group_open_ = false;
  const std::string& before = group_base_;
  const std::size_t shorter = std::min(before.size(), previous_.size());
  std::size_t head = 0;
  while (head < shorter && before[head] == previous_[head]) ++head;
  std::size_t tail = 0;
  while (tail < shorter - head && before[before.size() - 1 - tail] == previous_[previous_.size() - 1 - tail]) ++tail;
  if (head + tail < before.size() || head + tail < previous_.size())  // typed and taken back: no step
    push_undo({head, before.substr(head, before.size() - head - tail), previous_.size() - head - tail});
  group_base_.clear();
  group_base_.shrink_to_fit();
}

void DocumentDraft::push_undo(UndoStep step) {
  undo_bytes_ += step.removed.size();
  undo_.push_back(std::move(step));
  while (undo_.size() > 1 && (undo_.size() > kUndoSteps || undo_bytes_ > kUndoBudget)) {
    undo_bytes_ -= undo_.front().removed.size();
    undo_.pop_front();
  }
}

void DocumentDraft::replace(std::size_t begin, std::size_t end, const std::string& with, Clock::time_point now) {
  edited(now);
  close_group();
  begin = std::min(begin, text.size());
  end = std::clamp(end, begin, text.size());
  push_undo({begin, text.substr(begin, end - begin), with.size()});
  text.replace(begin, end - begin, with);
  previous_ = text;
  last_edit_ = now;
  changed();
}

bool DocumentDraft::undo() {
  edited(Clock::now());  // typing not reported yet is an edit of its own: steps apply to the text they left
  close_group();
  if (undo_.empty()) return false;
  UndoStep step = std::move(undo_.back());
  undo_.pop_back();
  undo_bytes_ -= step.removed.size();
  text.replace(step.at, step.inserted, step.removed);
  previous_ = text;
  last_edit_ = {};
  changed();
  return true;
}

std::optional<std::string> DocumentDraft::due_save(Clock::time_point now, std::chrono::milliseconds delay) const {
  if (doc_id_.empty() || !dirty() || now - last_edit_ < delay) return std::nullopt;
  return text;
}

void DocumentDraft::saved(const std::string& text_saved, std::int64_t updated_at) {
  stored_ = text_saved;
  updated_at_ = updated_at;
  dirty_checked_ = ~0ull;
}

bool DocumentDraft::dirty() const {
  if (dirty_checked_ != version_) {
    dirty_ = text != stored_;
    dirty_checked_ = version_;
  }
  return dirty_;
}

void DocumentDraft::refresh_preview_in_background() {
  if (parsing_.valid()) {
    if (parsing_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    Parsed done = parsing_.get();
    // The old blocks are freed by the next parse's thread, not in this frame.
    std::swap(preview_, done.doc);
    previewed_ = done.version;
    words_ = done.words;
    if (previewed_ != version_)
      parsing_ = std::async(std::launch::async, [text = text, v = version_, old = std::move(done.doc)]() mutable {
        old = {};
        return Parsed{v, parse_markdown(text), count_words(text)};
      });
    return;
  }
  if (previewed_ == version_) return;
  parsing_ = std::async(std::launch::async,
                        [text = text, v = version_] { return Parsed{v, parse_markdown(text), count_words(text)}; });
}

bool DocumentDraft::refresh_preview() {
  if (previewed_ == version_) return false;
  preview_ = parse_markdown(text);
  words_ = count_words(text);
  previewed_ = version_;
  return true;
}

// --- DocumentView

DocumentView::DocumentView(AppState&, const std::string& incident_id) : id_(incident_id) {}

DocumentView::~DocumentView() {
  if (!triage_ || draft_.doc_id().empty() || !draft_.dirty()) return;
  try {
    triage_->documents().save(draft_.doc_id(), draft_.text);
  } catch (...) {
    // Nowhere left to tell: the notifications go with the store. A destructor must not throw.
  }
}

std::string DocumentView::title(const AppState& state) const {
  auto it = state.incident_titles.find(id_);
  std::string name = it != state.incident_titles.end() ? it->second : title_;
  name = short_title(name, 24);
  return std::string(draft_.dirty() ? "● " : "") + "Documents: " + name;
}

bool DocumentView::shows(const std::string& id) const {
  if (id == id_) return true;
  return std::any_of(docs_.begin(), docs_.end(), [&](const Document& d) { return d.id == id; });
}

void DocumentView::reload(AppState& state) {
  if (loading_ || loaded_version_ == state.data_version || state.rekey_running) return;
  loaded_version_ = state.data_version;
  loading_ = true;
  Triage* triage = state.triage.get();
  jobs_.run(
      state.pool, "Reading the documents",
      [triage, id = id_](JobContext&) {
        Loaded l;
        l.title = triage->incidents().get(id).incident.title;
        l.docs = triage->documents().list(id);
        l.ai = triage->ai().active_provider().has_value();
        for (const auto& st : triage->integrations().statuses())
          if (st.service == integrations::Service::Confluence) l.confluence = st.configured && st.has_credential;
        return l;
      },
      [this, &state](Loaded l) {
        loading_ = false;
        title_ = l.title;
        state.incident_titles[id_] = title_;
        docs_ = std::move(l.docs);
        ai_available_ = l.ai;
        confluence_ready_ = l.confluence;
        error_.clear();
        auto current = std::find_if(docs_.begin(), docs_.end(), [&](const Document& d) { return d.id == draft_.doc_id(); });
        if (current == docs_.end()) {
          if (!docs_.empty()) draft_.load(docs_.back());
          else draft_ = DocumentDraft{};
        } else if (!draft_.dirty() && !saving_ && current->updated_at != draft_.updated_at()) {
          draft_.load(*current);  // changed elsewhere (the command line, another window)
        }
      },
      [this](const JobFailure& f) {
        loading_ = false;
        if (f.kind != ErrorKind::Cancelled) error_ = f.message;
      });
}

bool DocumentView::save_now(AppState& state) {
  if (draft_.doc_id().empty() || !draft_.dirty()) return true;
  try {
    const Document d = state.triage->documents().save(draft_.doc_id(), draft_.text);
    draft_.saved(d.content_md, d.updated_at);
    save_error_.clear();
    return true;
  } catch (const Error& e) {
    save_error_ = e.what();
    state.notify(NoticeLevel::Error, "Could not save the document", e.what());
    return false;
  }
}

void DocumentView::select(AppState& state, const std::string& doc_id) {
  if (doc_id == draft_.doc_id()) return;
  if (!save_now(state)) return;  // stay on the text that could not be stored
  for (const Document& d : docs_)
    if (d.id == doc_id) draft_.load(d);
}

bool DocumentView::ready_to_close(AppState& state) {
  // The guard: nothing typed is lost when the tab closes.
  close_refused_ = state.triage && !save_now(state);
  return !close_refused_;
}

void DocumentView::on_close(AppState& state) {
  // Closed without asking (its incident was deleted): still store what can be stored.
  if (state.triage && draft_.dirty()) save_now(state);
}

void DocumentView::draw_close_question(AppState& state) {
  if (!close_refused_) return;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextColored(kErrorColour, "The text could not be saved, so the tab stays open: %s", save_error_.c_str());
  ImGui::PopTextWrapPos();
  if (ImGui::Button("Close without saving")) {
    draft_.text = draft_.stored();  // nothing left for on_close() or the destructor to store
    draft_.edited(Clock::now());
    close_refused_ = false;
    state.close_tab({kKind, id_});
  }
  probe::record("docs.close_without_saving");
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) close_refused_ = false;
  probe::record("docs.close_cancel");
  ImGui::Separator();
}

void DocumentView::autosave(AppState& state) {
  if (saving_) return;
  auto due = draft_.due_save(Clock::now(), kAutosaveDelay);
  if (!due) return;
  saving_ = true;
  Triage* triage = state.triage.get();
  jobs_.run(
      state.pool, "Saving the document",
      [triage, id = draft_.doc_id(), text = *due](JobContext&) { return triage->documents().save(id, text); },
      [this](Document d) {
        saving_ = false;
        save_error_.clear();
        if (d.id == draft_.doc_id()) draft_.saved(d.content_md, d.updated_at);
      },
      [this, &state](const JobFailure& f) {
        saving_ = false;
        if (f.kind == ErrorKind::Cancelled) return;
        if (save_error_ != f.message) state.notify(NoticeLevel::Error, "Could not save the document", f.message);
        save_error_ = f.message;
      });
}

void DocumentView::generate(AppState& state, const std::string& doc_type) {
  if (!save_now(state)) return;
  generating_ = true;
  Triage* triage = state.triage.get();
  jobs_.run(
      state.pool, "Generating the " + type_label(doc_type),
      [triage, id = id_, doc_type](JobContext&) { return triage->documents().generate(id, doc_type); },
      [this, &state](Document d) {
        generating_ = false;
        docs_.push_back(d);
        draft_.load(d);
        state.changed();
      },
      [this, &state, doc_type](const JobFailure& f) {
        generating_ = false;
        if (f.kind != ErrorKind::Cancelled) state.notify(NoticeLevel::Error, "Could not generate the " + type_label(doc_type), f.message);
      });
}

void DocumentView::export_to(AppState& state, const std::filesystem::path& path, bool overwrite) {
  if (draft_.doc_id().empty() || !save_now(state)) return;  // export is of the stored text
  exporting_ = true;
  export_failed_ = false;
  replace_offer_.reset();
  export_message_ = "Exporting to " + path.string() + "…";
  ExportOptions options;
  options.format = kFormatOf[export_format_];
  options.with_images = export_images_;
  options.overwrite = overwrite;
  Triage* triage = state.triage.get();
  jobs_.run(
      state.pool, "Exporting " + path.filename().string(),
      [triage, id = draft_.doc_id(), path, options](JobContext& ctx) {
        Progress p;
        p.report = [&ctx](double f, std::string_view note) { ctx.report(f, std::string(note)); };
        p.cancelled = [&ctx] { return ctx.cancelled(); };
        return triage->documents().export_to(id, path, options, p);
      },
      [this, &state](ExportResult r) {
        exporting_ = false;
        export_message_ = "Exported to " + r.path.string() + " (" + std::to_string(r.bytes) + " bytes" +
                          (r.pages ? ", " + std::to_string(r.pages) + " pages" : "") + ")";
        if (!r.skipped_images.empty())
          export_message_ += "; " + std::to_string(r.skipped_images.size()) + " images not reviewed yet were left out";
        state.notify(NoticeLevel::Info, "Document exported", export_message_);
      },
      [this, path, overwrite](const JobFailure& f) {
        exporting_ = false;
        export_failed_ = true;
        export_message_ = f.kind == ErrorKind::Cancelled ? "The export was cancelled." : f.message;
        std::error_code ec;
        if (!overwrite && f.kind != ErrorKind::Cancelled && std::filesystem::exists(path, ec)) replace_offer_ = path;
      });
}

void DocumentView::draw(AppState& state) {
  if (!state.triage) return;
  triage_ = state.triage.get();
  reload(state);
  ImGui::PushID(id_.c_str());
  if (!error_.empty()) {
    ImGui::TextColored(kErrorColour, "%s", error_.c_str());
    ImGui::PopID();
    return;
  }
  draw_close_question(state);
  draw_toolbar(state);
  ImGui::Separator();
  draw_editor(state);
  draw_improve(state);
  publish_.draw(state);
  autosave(state);
  ImGui::PopID();
}

void DocumentView::draw_toolbar(AppState& state) {
  ImGui::PushFont(state.heading_font);
  ImGui::PushTextWrapPos(0.0f);  // a long title wraps rather than running out of the pane
  ImGui::TextUnformatted(("Documents: " + title_).c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  // Every item after the list flows: a narrow centre pane wraps the row rather than cutting it.
  draw_list(state);
  same_line_if_fits(button_width("Generate RCA"));
  ImGui::BeginDisabled(generating_);
  if (ImGui::Button("Generate RCA")) generate(state, "rca");
  probe::record("docs.generate_rca");
  same_line_if_fits(button_width("Generate post-mortem"));
  if (ImGui::Button("Generate post-mortem")) generate(state, "postmortem");
  probe::record("docs.generate_postmortem");
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Writes a new version from the incident as it is now; earlier versions stay");
  if (generating_) {
    same_line_if_fits(ImGui::CalcTextSize("generating…").x);
    ImGui::TextDisabled("generating…");
  }
  if (draft_.doc_id().empty()) return;
  same_line_if_fits(button_width("Undo"));
  ImGui::BeginDisabled(!draft_.can_undo());
  if (ImGui::Button("Undo")) draft_.undo();
  ImGui::EndDisabled();
  probe::record("docs.undo");
  same_line_if_fits(button_width("Export…"));
  ImGui::BeginDisabled(exporting_);
  if (ImGui::Button("Export…")) ImGui::OpenPopup("export");
  ImGui::EndDisabled();
  probe::record("docs.export");
  draw_export_popup(state);
  same_line_if_fits(button_width("Publish to Confluence…"));
  ImGui::BeginDisabled(!confluence_ready_ || publish_.is_open());
  if (ImGui::Button("Publish to Confluence…") && save_now(state)) {
    auto doc = std::find_if(docs_.begin(), docs_.end(), [&](const Document& d) { return d.id == draft_.doc_id(); });
    publish_.open(state, draft_.doc_id(), doc != docs_.end() ? doc->title : title_);
  }
  ImGui::EndDisabled();
  probe::record("docs.publish");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", confluence_ready_ ? "Shows what will be sent, with personal data masked, before it goes"
                                              : "Set up Confluence first: File > Settings > Integrations");
  if (ai_available_) {
    const char* improve_label = improving_ ? "Asking the model…" : "Improve with AI";
    same_line_if_fits(button_width(improve_label));
    ImGui::BeginDisabled(improving_);
    if (ImGui::Button(improve_label)) improve(state);
    ImGui::EndDisabled();
    probe::record("docs.improve");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Rewrites the section at the cursor; what is sent is masked first and audited");
  }
  const char* status = !save_error_.empty() ? "not saved" : draft_.dirty() ? (saving_ ? "saving…" : "unsaved changes") : "saved";
  const std::string status_line = std::to_string(draft_.words()) + " words  ·  " + status;
  same_line_if_fits(ImGui::CalcTextSize(status_line.c_str()).x);
  ImGui::TextDisabled("%s", status_line.c_str());
  probe::record("docs.status");
  if (!export_message_.empty()) {
    // The choice first: a long path must not push it out of sight.
    if (replace_offer_) {
      if (ImGui::SmallButton("Replace it")) {
        const std::filesystem::path path = *replace_offer_;  // export_to() clears the offer
        export_to(state, path, true);
      }
      probe::record("docs.replace");
      ImGui::SameLine();
      if (ImGui::SmallButton("Keep it")) {
        replace_offer_.reset();
        export_message_.clear();
      }
      probe::record("docs.keep");
      ImGui::SameLine();
    }
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(export_failed_ ? kErrorColour : kOkColour, "%s", export_message_.c_str());
    ImGui::PopTextWrapPos();
    probe::record("docs.export_message");
  }
  if (!improve_error_.empty()) ImGui::TextColored(kErrorColour, "%s", improve_error_.c_str());
}

void DocumentView::draw_export_popup(AppState& state) {
  if (!ImGui::BeginPopup("export")) return;
  ImGui::TextUnformatted("Export the stored text as");
  for (int i = 0; i < 3; ++i) {
    ImGui::RadioButton(kFormats[i], &export_format_, i);
    probe::record(std::string("docs.format:") + (i == 0 ? "md" : i == 1 ? "html" : "pdf"));
  }
  ImGui::Checkbox("Include the incident's images (reviewed ones, redactions burned in)", &export_images_);
  if (ImGui::Button("Choose where…")) {
    ImGui::CloseCurrentPopup();
    Document doc;
    for (const Document& d : docs_)
      if (d.id == draft_.doc_id()) doc = d;
    const std::string name = DocumentService::suggested_file_name(doc, kFormatOf[export_format_]);
    const char* home = std::getenv("HOME");
    const std::filesystem::path suggestion = home ? std::filesystem::path(home) / name : std::filesystem::path(name);
    if (state.files)
      state.files->choose(FileDialogMode::Save, "Export the document", suggestion,
                          jobs_.guard([this, &state](const std::filesystem::path& p) { export_to(state, p, false); }));
  }
  probe::record("docs.choose_where");
  ImGui::EndPopup();
}

// The versions in a combo (the tab is often a narrow pane): newest first, numbered per type.
void DocumentView::draw_list(AppState& state) {
  std::string current = loading_ && docs_.empty() ? "reading…" : "No documents yet";
  for (const Document& d : docs_)
    if (d.id == draft_.doc_id()) current = type_label(d.doc_type) + " v" + std::to_string(d.version);
  std::optional<std::string> chosen;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
  if (ImGui::BeginCombo("##version", current.c_str())) {
    for (auto it = docs_.rbegin(); it != docs_.rend(); ++it) {
      const Document& d = *it;
      const std::string label = type_label(d.doc_type) + " v" + std::to_string(d.version) + "   " + utc_time(d.updated_at);
      ImGui::PushID(d.id.c_str());
      if (ImGui::Selectable(label.c_str(), d.id == draft_.doc_id())) chosen = d.id;
      probe::record("docs.version:" + d.doc_type + ":" + std::to_string(d.version));
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  probe::record("docs.versions");
  if (ImGui::IsItemHovered() && docs_.empty())
    ImGui::SetTooltip("Generate the RCA or the post-mortem from the incident as it is now");
  if (chosen) select(state, *chosen);
}

void DocumentView::draw_editor(AppState& state) {
  if (draft_.doc_id().empty()) {
    if (!loading_) ImGui::TextDisabled("No documents yet. Generate the RCA or the post-mortem from the incident as it is now.");
    return;
  }
  // Both sides end at the bottom of the tab, without making it scroll.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float height = std::max(ImGui::GetContentRegionAvail().y - ImGui::GetTextLineHeightWithSpacing() -
                                    2.0f * style.CellPadding.y - style.ItemSpacing.y,
                                ImGui::GetTextLineHeight() * 4.0f);
  if (ImGui::BeginTable("##split", 2, ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV)) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("Markdown");
    if (state.mono_font) ImGui::PushFont(state.mono_font);
    const bool changed = ImGui::InputTextMultiline("##source", &draft_.text, ImVec2(-1, height),
                                                   ImGuiInputTextFlags_CallbackAlways, remember_cursor, &cursor_);
    if (state.mono_font) ImGui::PopFont();
    probe::record("docs.source");
    if (changed) draft_.edited(Clock::now());
    ImGui::TableNextColumn();
    ImGui::TextDisabled("Preview");
    ImGui::BeginChild("##preview", ImVec2(0, height), false, ImGuiWindowFlags_HorizontalScrollbar);
    draft_.refresh_preview_in_background();
    draw_markdown(draft_.preview(), MarkdownFonts{state.mono_font, state.heading_font}, preview_layout_);
    ImGui::EndChild();
    probe::record("docs.preview");
    ImGui::EndTable();
  }
}

void DocumentView::improve(AppState& state) {
  const auto [begin, end] = markdown_section_at(draft_.text, static_cast<std::size_t>(std::max(cursor_, 0)));
  improved_range_ = {begin, end};
  improved_original_ = draft_.text.substr(begin, end - begin);
  improving_ = true;
  improve_error_.clear();
  std::string doc_type = "rca";
  for (const Document& d : docs_)
    if (d.id == draft_.doc_id()) doc_type = d.doc_type;
  Triage* triage = state.triage.get();
  jobs_.run(
      state.pool, "Asking the model to improve a section",
      [triage, id = id_, doc_type, section = improved_original_](JobContext& ctx) {
        return improve_section(*triage, id, doc_type, section, [&ctx] { return ctx.cancelled(); });
      },
      [this, &state](std::string text) {
        improving_ = false;
        improved_ = std::move(text);
        state.changed();  // the exchange is in the incident's conversation now
      },
      [this](const JobFailure& f) {
        improving_ = false;
        if (f.kind != ErrorKind::Cancelled) improve_error_ = f.message;
      });
}

void DocumentView::draw_improve(AppState&) {
  if (improved_.empty()) return;
  ImGui::OpenPopup("Improved section");
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 44.0f, ImGui::GetFontSize() * 26.0f), ImGuiCond_Appearing);
  if (ImGui::BeginPopupModal("Improved section")) {
    ImGui::TextDisabled("The model's version of the section. Replace the section with it?");
    ImGui::BeginChild("##improved", ImVec2(0, -ImGui::GetFrameHeightWithSpacing()), true);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(improved_.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
    // The text may have changed meanwhile: replace only when the section is still what was sent.
    const bool same = improved_range_.first <= draft_.text.size() &&
                      draft_.text.compare(improved_range_.first, improved_range_.second - improved_range_.first,
                                          improved_original_) == 0;
    ImGui::BeginDisabled(!same);
    if (ImGui::Button("Replace the section")) {
      draft_.replace(improved_range_.first, improved_range_.second, improved_, Clock::now());
      improved_.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndDisabled();
    probe::record("docs.apply_improved");
    if (!same) {
      ImGui::SameLine();
      ImGui::TextDisabled("the section changed since");
    }
    ImGui::SameLine();
    if (ImGui::Button("Discard")) {
      improved_.clear();
      ImGui::CloseCurrentPopup();
    }
    probe::record("docs.discard_improved");
    ImGui::EndPopup();
  }
}

}  // namespace tftsr::gui
