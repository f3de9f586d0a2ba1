#include "app/gui/views/log_view.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>

#include "app/gui/job_progress.h"
#include "app/gui/ui_probe.h"
#include "app/gui/views/log_line_layout.h"
#include "app/gui/views/patterns_view.h"
#include "core/patterns/pattern_line_filter.h"

namespace tftsr::gui {

namespace {
// A longer line is drawn cut, with a note of what is hidden; the whole of it stays in the store.
constexpr std::size_t kMaxDrawnBytes = 4096;
// Blocks of the index read beyond the visible ones, so small scrolls need no new read.
constexpr std::int64_t kMarginBlocks = 2;

const ImVec4 kErrorColour(0.92f, 0.30f, 0.30f, 1.0f);
const ImVec4 kWarningColour(0.95f, 0.80f, 0.25f, 1.0f);

ImU32 with_alpha(ImVec4 c, float alpha) { return ImGui::GetColorU32(ImVec4(c.x, c.y, c.z, alpha)); }

std::string with_thousands(std::int64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}
}  // namespace

LogView::LogView(AppState& state, const std::string& log_id) : log_id_(log_id) {
  if (!state.triage) return;
  try {
    log_ = state.triage->logs().get(log_id_);
  } catch (const Error& e) {
    error_ = e.what();
  }
}

std::string LogView::title(const AppState&) const { return log_ ? log_->file_name : "Log"; }

bool LogView::shows(const std::string& id) const { return id == log_id_ || (log_ && log_->issue_id == id); }

TextReader LogView::reader(AppState& state) const {
  Triage* triage = state.triage.get();
  return [triage, id = log_id_](std::int64_t offset, std::int64_t length) {
    return triage->logs().text_range(id, false, offset, length);
  };
}

void LogView::start(AppState& state) {
  started_ = true;
  if (!log_) return;
  index_ = std::make_shared<LineIndex>();
  auto index = index_;
  const std::int64_t size = log_->text_size;
  TextReader read = reader(state);
  jobs_.run(
      state.pool, "Indexing " + log_->file_name,
      [index, size, read](JobContext& ctx) { build_line_index(*index, size, read, progress_of(ctx)); }, [] {},
      [&state, name = log_->file_name](const JobFailure& f) {
        if (f.kind != ErrorKind::Cancelled) state.notify(NoticeLevel::Error, "Could not index " + name, f.message);
      });
  // The findings are loaded once the first screen is up (see draw_lines): reading them holds the
  // store's lock, and the first screen's text read must not wait behind it.
}

void LogView::load_findings(AppState& state) {
  Triage* triage = state.triage.get();
  if (!triage) return;
  try {
    jobs_.run(
        state.pool, "Loading findings",
        [triage, id = log_id_](JobContext&) {
          auto found = std::make_shared<std::vector<PiiSpan>>(triage->logs().findings(id));
          return found;
        },
        [this](auto found) { set_findings(std::move(*found)); });
  } catch (const Error&) {
    // The pool is shutting down (the store is closing): nothing left to show.
  }
}

void LogView::set_findings(std::vector<PiiSpan> findings) {
  for (PiiSpan& f : findings) std::string().swap(f.log_file_id);  // the same for all: not kept 100,000 times
  std::stable_sort(findings.begin(), findings.end(),
                   [](const PiiSpan& a, const PiiSpan& b) { return a.start_offset < b.start_offset; });
  findings_ = std::move(findings);
  counts_ = count_findings_by_type(findings_);
  findings_loaded_ = true;
  current_finding_.reset();
  menu_finding_.reset();
}

void LogView::draw(AppState& state) {
  if (!state.triage) return;
  if (!started_) start(state);
  if (!log_ || !error_.empty()) {
    ImGui::TextColored(kErrorColour, "%s", error_.empty() ? "This log no longer exists." : error_.c_str());
    return;
  }
  ImGui::PushID(log_id_.c_str());
  take_focus_request(state);
  take_filtered_lines();
  draw_toolbar(state);
  // The findings panel stands beside the text in a wide pane and below it in a narrow one; it is
  // there whenever its checkbox is on.
  const LogPanelPlacement place = place_log_findings_panel(state.config.log_findings_panel, ImGui::GetContentRegionAvail(),
                                                           ImGui::GetFontSize(), ImGui::GetStyle().ItemSpacing);
  const ImGuiWindowFlags text_flags = state.config.log_wrap ? 0 : ImGuiWindowFlags_HorizontalScrollbar;
  ImGui::BeginChild("##text", place.text_size, true, text_flags);
  draw_lines(state);
  draw_finding_menu(state);
  ImGui::EndChild();
  probe::record("log.text");
  if (place.panel != LogPanelPlacement::Hidden) {
    if (place.panel == LogPanelPlacement::Beside) ImGui::SameLine();
    ImGui::BeginChild("##findings", ImVec2(0, 0), true);
    if (auto bulk = draw_log_findings_panel(counts_, log_->scanned_at.has_value() || !findings_.empty()))
      set_actions(state, bulk->action, bulk->pii_type, std::nullopt);
    ImGui::EndChild();
    probe::record("log.findings_panel");
  }
  handle_keys(state);
  draw_goto_popup();
  draw_apply_confirmation(state);
  ImGui::PopID();
}

void LogView::draw_toolbar(AppState& state) {
  // The toolbar flows onto a second line rather than running off a narrow pane.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float right_edge = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  const auto next = [&](float width) {
    if (ImGui::GetItemRectMax().x + style.ItemSpacing.x + width <= right_edge) ImGui::SameLine();
  };
  const auto button_width = [&](const char* label) { return ImGui::CalcTextSize(label, nullptr, true).x + style.FramePadding.x * 2; };
  const auto checkbox_width = [&](const char* label) {
    return ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize(label, nullptr, true).x;
  };

  ImGui::BeginDisabled(scanning_ || applying_);
  if (ImGui::Button(scanning_ ? "Scanning…" : "Scan")) run_scan(state);
  probe::record("log.scan");
  const char* apply = applying_ ? "Applying…" : "Apply redactions…";
  next(button_width(apply));
  ImGui::BeginDisabled(findings_.empty());
  if (ImGui::Button(apply)) confirm_apply_ = true;
  probe::record("log.apply");
  ImGui::EndDisabled();
  ImGui::EndDisabled();
  next(checkbox_width("Preview redacted"));
  ImGui::Checkbox("Preview redacted", &preview_);
  probe::record("log.preview");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Shows the text as it would leave this machine");
  next(button_width("Patterns"));
  if (ImGui::Button("Patterns")) state.open_tab({PatternsView::kKind, log_id_});
  probe::record("log.patterns");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The log's lines grouped by template, with counts and times");
  // The rarer choices live in one menu.
  next(button_width("View ▾"));
  if (ImGui::Button("View ▾")) ImGui::OpenPopup("##log_view_menu");
  probe::record("log.view_menu");
  if (ImGui::BeginPopup("##log_view_menu")) {
    ImGui::Checkbox("Findings panel", &state.config.log_findings_panel);
    probe::record("log.findings_panel_toggle");
    ImGui::Checkbox("Wrap long lines", &state.config.log_wrap);
    probe::record("log.wrap");
    if (ImGui::MenuItem("Go to line…", "Ctrl+G")) goto_open_ = true;
    probe::record("log.goto");
    ImGui::TextDisabled("Findings: n next, p previous");
    ImGui::EndPopup();
  }

  ImGui::SetNextItemWidth(std::min(ImGui::GetFontSize() * 14.0f, std::max(ImGui::GetFontSize() * 6.0f, ImGui::GetContentRegionAvail().x * 0.5f)));
  const bool enter = ImGui::InputTextWithHint("##find", find_regex_ ? "Regular expression" : "Find (filters lines)",
                                              &find_text_, ImGuiInputTextFlags_EnterReturnsTrue);
  probe::record("log.find");
  next(checkbox_width("Regex"));
  ImGui::Checkbox("Regex", &find_regex_);
  probe::record("log.regex");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("ECMAScript syntax; looks at the first 4 KiB of each line");
  next(checkbox_width("Aa"));
  ImGui::Checkbox("Aa", &find_ignore_case_);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Ignore case");
  next(button_width("Filter"));
  ImGui::BeginDisabled(filtering_ || find_text_.empty());
  if ((ImGui::Button("Filter") || enter) && !find_text_.empty() && !filtering_) run_filter(state);
  probe::record("log.filter");
  ImGui::EndDisabled();
  if (filter_ || !filter_error_.empty()) {
    next(button_width("Show all"));
    if (ImGui::Button("Show all")) stop_filter(state, true);
    probe::record("log.clear_filter");
  }

  // One line of status: size, indexing progress, filter result.
  const std::int64_t known = index_->lines_known();
  if (index_->complete()) {
    ImGui::TextDisabled("%s lines  ·  %s bytes  ·  %s", with_thousands(known).c_str(),
                        with_thousands(log_->text_size).c_str(), log_->encoding.c_str());
  } else {
    const double done = log_->text_size ? static_cast<double>(index_->bytes_indexed()) / static_cast<double>(log_->text_size) : 1.0;
    ImGui::TextDisabled("%s lines so far  ·  indexing %.0f%%", with_thousands(known).c_str(), done * 100.0);
  }
  if (filter_) {
    ImGui::SameLine();
    ImGui::TextDisabled("·  %s matching lines%s%s", with_thousands(static_cast<std::int64_t>(filter_->lines.size())).c_str(),
                        filtering_ ? " so far" : "", filter_stopped_ ? " (stopped before the end of the log)" : "");
    if (filter_->truncated) {
      ImGui::SameLine();
      ImGui::TextColored(kErrorColour, "·  only the first %s are shown: narrow the filter",
                         with_thousands(static_cast<std::int64_t>(LineFilterLimits{}.max_matches)).c_str());
      probe::record("log.filter_capped");
    }
  }
  if (filtering_) {
    double fraction = -1.0;
    for (const JobStatus& j : state.pool.jobs())
      if (j.id == filter_job_) fraction = j.progress;
    ImGui::SameLine();
    if (fraction >= 0)
      ImGui::TextDisabled("·  filtering %.0f%%", fraction * 100.0);
    else
      ImGui::TextDisabled("·  filtering…");
    ImGui::SameLine();
    if (ImGui::SmallButton("Stop")) stop_filter(state, false);
    probe::record("log.stop_filter");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Stop filtering; the lines found so far stay");
  }
  if (!pattern_text_.empty() && (filter_ || filtering_)) {
    ImGui::SameLine();
    ImGui::TextDisabled("·  pattern:");
    ImGui::SameLine();
    ImGui::TextUnformatted(pattern_text_.c_str());
  }
  if (!filter_error_.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(kErrorColour, "%s", filter_error_.c_str());
  }
  if (log_->redacted) {
    ImGui::SameLine();
    ImGui::TextDisabled("·  redacted text stored (SHA-256 %.12s…)", log_->redacted_sha256.value_or("").c_str());
  }
}

void LogView::ensure_window(AppState& state, std::int64_t first, std::int64_t end) {
  const std::int64_t known = index_->lines_known();
  if (end > known) end = known;
  if (first >= end) return;
  const bool reaches_growing_end = window_.first_line + static_cast<std::int64_t>(window_.lines.size()) >= window_.lines_known_then;
  if (window_.covers(first, end) && !(reaches_growing_end && known != window_.lines_known_then)) return;
  const std::int64_t per = LineIndex::kLinesPerCheckpoint;
  const std::int64_t first_block = std::max<std::int64_t>(0, first / per - kMarginBlocks);
  const std::int64_t last_block = std::min((known - 1) / per, (end - 1) / per + kMarginBlocks);
  const LineBlock a = index_->block_of(first_block * per);
  const LineBlock b = index_->block_of(last_block * per);
  window_.text = state.triage->logs().text_range(log_id_, false, a.bytes.begin, b.bytes.end - a.bytes.begin);
  window_.lines = split_lines(window_.text);
  window_.first_line = a.first_line;
  window_.offset = a.bytes.begin;
  window_.lines_known_then = known;
  ++fetches_;
}

void LogView::draw_lines(AppState& state) {
  if (state.mono_font) ImGui::PushFont(state.mono_font);
  const float step = ImGui::GetTextLineHeightWithSpacing();
  const std::int64_t known = index_->lines_known();
  const std::int64_t rows = filter_ ? static_cast<std::int64_t>(filter_->lines.size()) : known;
  const float digit = ImGui::CalcTextSize("0").x;
  const float gutter = digit * (static_cast<float>(std::to_string(std::max<std::int64_t>(known, 1)).size()) + 2.0f);

  if (pending_line_ && (*pending_line_ < known || index_->complete())) {
    scroll_request_ = std::min(*pending_line_, std::max<std::int64_t>(known - 1, 0));
    pending_line_.reset();
  }
  if (scroll_request_) {
    std::int64_t row = *scroll_request_;
    if (filter_) {
      auto it = std::lower_bound(filter_->lines.begin(), filter_->lines.end(), row,
                                 [](const FilteredLine& l, std::int64_t n) { return l.line < n; });
      row = it - filter_->lines.begin();
    }
    ImGui::SetScrollY(std::max(0.0f, static_cast<float>(row) * step - ImGui::GetWindowHeight() * 0.3f));
    scroll_request_.reset();
  }

  if (!findings_requested_ && (window_.lines_known_then >= 0 || (known == 0 && index_->complete()))) {
    findings_requested_ = true;
    load_findings(state);
  }
  if (rows == 0) {
    ImGui::TextDisabled(filter_ ? (filtering_ ? "No matching line yet…" : "No line matches.")
                                : index_->complete() ? "The log is empty." : "Indexing…");
    drawn_first_ = drawn_end_ = 0;
    if (state.mono_font) ImGui::PopFont();
    return;
  }
  // Rows are at most INT_MAX for the clipper; a log has far fewer lines than that.
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(std::min<std::int64_t>(rows, INT32_MAX)), step);
  float widest = 0.0f;
  while (clipper.Step()) {
    drawn_first_ = clipper.DisplayStart;
    drawn_end_ = clipper.DisplayEnd;
    if (!filter_) {
      try {
        ensure_window(state, clipper.DisplayStart, clipper.DisplayEnd);
      } catch (const Error& e) {
        error_ = e.what();  // e.g. the log was deleted with its incident; shown from the next frame
      }
    }
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const float x0 = ImGui::GetCursorScreenPos().x;
      if (filter_) {
        const FilteredLine& l = filter_->lines[static_cast<std::size_t>(row)];
        draw_line(state, l.line, l.offset, l.text, gutter);
      } else if (window_.covers(row, row + 1)) {
        const std::size_t i = static_cast<std::size_t>(row - window_.first_line);
        const std::string_view text = window_.lines[i];
        draw_line(state, row, window_.offset + (text.data() - window_.text.data()), text, gutter);
      } else {
        ImGui::TextDisabled("…");
      }
      widest = std::max(widest, ImGui::GetItemRectMax().x - x0);
    }
  }
  clipper.End();
  widest_line_ = widest;
  if (state.mono_font) ImGui::PopFont();
}

void LogView::draw_line(AppState& state, std::int64_t line, std::int64_t offset, std::string_view text, float gutter) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float height = ImGui::GetTextLineHeight();
  const std::string number = std::to_string(line + 1);
  const float digit = ImGui::CalcTextSize("0").x;
  draw->AddText(ImVec2(pos.x + gutter - digit * (static_cast<float>(number.size()) + 1.0f), pos.y),
                ImGui::GetColorU32(ImGuiCol_TextDisabled), number.c_str());

  const LineLayout layout = layout_line(text, offset, findings_, preview_, kMaxDrawnBytes);
  const char* begin = layout.text.data();
  const std::size_t size = layout.text.size();
  const float x0 = pos.x + gutter;
  // Where each screen row of the line starts, in bytes of the laid-out text: one row unless the
  // lines wrap. The clipper still counts log lines, so scrolling and "go to line" stay exact.
  std::vector<std::size_t> rows{0};
  if (state.config.log_wrap) {
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    const float wrap_width = std::max(digit * 20.0f, right - x0);
    ImFont* font = ImGui::GetFont();
    const float scale = ImGui::GetFontSize() / font->FontSize;
    const char* end = begin + size;
    for (const char* s = begin;;) {
      const char* brk = font->CalcWordWrapPositionA(scale, s, end, wrap_width);
      if (brk <= s) brk = s + 1;  // a glyph wider than the row still gets a row of its own
      while (brk < end && (static_cast<unsigned char>(*brk) & 0xC0) == 0x80) ++brk;
      if (brk >= end) break;
      rows.push_back(static_cast<std::size_t>(brk - begin));
      s = brk;
    }
  }
  const auto row_of = [&](std::size_t byte) {
    return static_cast<std::size_t>(std::upper_bound(rows.begin(), rows.end(), byte) - rows.begin() - 1);
  };
  const auto row_end = [&](std::size_t row) { return row + 1 < rows.size() ? rows[row + 1] : size; };
  const auto at = [&](std::size_t byte, std::size_t row) {
    return ImVec2(x0 + ImGui::CalcTextSize(begin + rows[row], begin + byte).x, pos.y + static_cast<float>(row) * height);
  };
  // Findings first, so the glyphs draw over their background; a finding split by a wrap gets a
  // box on each row.
  struct Placed {
    std::size_t finding;
    ImVec2 min, max;
  };
  std::vector<Placed> placed;
  for (const LineSegment& seg : layout.segments) {
    const PiiSpan& f = findings_[seg.finding];
    const ImVec4 colour = finding_type_colour(f.pii_type);
    const std::size_t last_row = row_of(seg.end > seg.begin ? seg.end - 1 : seg.begin);
    for (std::size_t r = row_of(seg.begin); r <= last_row; ++r) {
      const ImVec2 a = at(std::max(seg.begin, rows[r]), r);
      const ImVec2 b = at(std::min(seg.end, row_end(r)), r);
      const ImVec2 min(a.x - 1.0f, a.y), max(std::max(b.x, a.x + 3.0f) + 1.0f, a.y + height);
      if (f.action == "keep") {
        draw->AddRect(min, max, with_alpha(colour, 0.95f), 2.0f, 0, 1.5f);
      } else {
        draw->AddRectFilled(min, max, with_alpha(colour, 0.40f), 2.0f);
      }
      if (current_finding_ == seg.finding) draw->AddRect(ImVec2(min.x - 2, min.y - 1), ImVec2(max.x + 2, max.y + 1),
                                                         ImGui::GetColorU32(ImGuiCol_Text), 2.0f, 0, 2.0f);
      placed.push_back({seg.finding, min, max});
    }
  }
  ImU32 text_colour = ImGui::GetColorU32(ImGuiCol_Text);
  switch (log_level_of(text)) {
    case LogLevel::Error: text_colour = ImGui::GetColorU32(kErrorColour); break;
    case LogLevel::Warning: text_colour = ImGui::GetColorU32(kWarningColour); break;
    case LogLevel::Debug: text_colour = ImGui::GetColorU32(ImGuiCol_TextDisabled); break;
    case LogLevel::Info: break;
  }
  // The level colour for the line, the theme's text colour over findings so they stay readable
  // on their background whatever the level.
  const ImU32 finding_text = ImGui::GetColorU32(ImGuiCol_Text);
  std::size_t drawn = 0;
  auto piece = [&](std::size_t end, ImU32 colour) {
    while (drawn < end) {
      const std::size_t r = row_of(drawn);
      const std::size_t stop = std::min(end, row_end(r));
      draw->AddText(at(drawn, r), colour, begin + drawn, begin + stop);
      drawn = stop;
    }
  };
  for (const LineSegment& seg : layout.segments) {
    piece(seg.begin, text_colour);
    piece(seg.end, finding_text);
  }
  piece(size, text_colour);
  float width = 0.0f;
  for (std::size_t r = 0; r < rows.size(); ++r) width = std::max(width, at(row_end(r), r).x - pos.x);
  const float rows_height = static_cast<float>(rows.size()) * height;
  if (layout.hidden_bytes) {
    const std::string note = "  … " + with_thousands(static_cast<std::int64_t>(layout.hidden_bytes)) + " more bytes";
    const ImVec2 end_of_text = at(size, rows.size() - 1);
    draw->AddText(end_of_text, ImGui::GetColorU32(ImGuiCol_TextDisabled), note.c_str());
    width = std::max(width, end_of_text.x - pos.x + ImGui::CalcTextSize(note.c_str()).x);
  }

  // Each finding is a button over its glyphs: click toggles, hover explains, right-click offers more.
  bool open_menu = false;
  for (std::size_t n = 0; n < placed.size(); ++n) {
    const Placed& p = placed[n];
    const PiiSpan& f = findings_[p.finding];
    ImGui::SetCursorScreenPos(p.min);
    ImGui::PushID(static_cast<int>(p.finding));
    ImGui::PushID(static_cast<int>(n));  // a wrapped finding has a button per row
    if (ImGui::InvisibleButton("##finding", ImVec2(p.max.x - p.min.x, p.max.y - p.min.y),
                               ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight)) {
      if (ImGui::IsMouseReleased(ImGuiMouseButton_Right)) {
        menu_finding_ = p.finding;
        open_menu = true;
      } else {
        toggle_finding(state, p.finding);
      }
    }
    probe::record("log.finding:" + std::to_string(p.finding));
    if (ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      ImGui::TextUnformatted(f.pii_type.c_str());
      ImGui::TextDisabled("Replaced by %s", f.replacement.c_str());
      ImGui::Text("Decision: %s", f.action == "keep" ? "keep (sent as is)" : "redact");
      ImGui::TextDisabled("Click to %s, right-click for more", f.action == "keep" ? "redact" : "keep");
      ImGui::EndTooltip();
    }
    ImGui::PopID();
    ImGui::PopID();
  }
  if (open_menu) ImGui::OpenPopup("##finding_menu");
  ImGui::SetCursorScreenPos(pos);
  ImGui::Dummy(ImVec2(width, rows_height));
}

void LogView::draw_finding_menu(AppState& state) {
  // Opened by a row, drawn here once per frame so it stays open while its row scrolls away.
  if (ImGui::BeginPopup("##finding_menu")) {
    if (menu_finding_ && *menu_finding_ < findings_.size()) {
      const PiiSpan f = findings_[*menu_finding_];
      ImGui::TextDisabled("%s", f.pii_type.c_str());
      ImGui::Separator();
      if (ImGui::MenuItem(("Redact every " + f.pii_type).c_str())) set_actions(state, "redact", f.pii_type, std::nullopt);
      probe::record("log.menu.redact_type");
      if (ImGui::MenuItem(("Keep every " + f.pii_type).c_str())) set_actions(state, "keep", f.pii_type, std::nullopt);
      probe::record("log.menu.keep_type");
      ImGui::BeginDisabled(f.original_value.empty());
      if (ImGui::MenuItem("Redact every occurrence of this value")) set_actions(state, "redact", std::nullopt, f.original_value);
      probe::record("log.menu.redact_value");
      if (ImGui::MenuItem("Keep every occurrence of this value")) set_actions(state, "keep", std::nullopt, f.original_value);
      probe::record("log.menu.keep_value");
      ImGui::EndDisabled();
    }
    ImGui::EndPopup();
  }
}

void LogView::handle_keys(AppState& state) {
  if (!ImGui::IsWindowFocused(ImGuiFocusedFlags_ChildWindows)) return;  // this tab, not the whole window
  const ImGuiIO& io = ImGui::GetIO();
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_G, false)) goto_open_ = true;
  if (io.WantTextInput || io.KeyCtrl || io.KeyAlt) return;
  if (ImGui::IsKeyPressed(GLFW_KEY_N)) jump_to_finding(state, +1);
  if (ImGui::IsKeyPressed(GLFW_KEY_P)) jump_to_finding(state, -1);
}

void LogView::draw_goto_popup() {
  if (goto_open_) {
    ImGui::OpenPopup("Go to line");
    goto_open_ = false;
    goto_text_.clear();
  }
  if (!ImGui::BeginPopupModal("Go to line", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  const std::int64_t known = index_->lines_known();
  ImGui::Text("Line (1 to %s%s)", with_thousands(known).c_str(), index_->complete() ? "" : " so far");
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);
  bool go = ImGui::InputText("##line", &goto_text_, ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_EnterReturnsTrue);
  probe::record("log.goto_input");
  go |= ImGui::Button("Go");
  probe::record("log.goto_go");
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(GLFW_KEY_ESCAPE)) ImGui::CloseCurrentPopup();
  if (go && !goto_text_.empty()) {
    const std::int64_t n = std::clamp<std::int64_t>(std::atoll(goto_text_.c_str()), 1, std::max<std::int64_t>(known, 1));
    scroll_request_ = n - 1;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

void LogView::draw_apply_confirmation(AppState& state) {
  if (confirm_apply_) {
    ImGui::OpenPopup("Apply redactions?");
    confirm_apply_ = false;
  }
  if (!ImGui::BeginPopupModal("Apply redactions?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  std::int64_t redact = 0, keep = 0;
  for (const auto& [type, c] : counts_) redact += c.redact, keep += c.keep;
  ImGui::Text("Store the redacted text of %s?", log_->file_name.c_str());
  ImGui::TextDisabled("%lld findings are replaced, %lld are kept as they are.", static_cast<long long>(redact),
                      static_cast<long long>(keep));
  ImGui::TextDisabled("The original values of the findings are forgotten. This is recorded in the audit log.");
  if (ImGui::Button("Apply")) {
    run_apply(state);
    ImGui::CloseCurrentPopup();
  }
  probe::record("log.apply_confirm");
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void LogView::toggle_finding(AppState& state, std::size_t index) {
  PiiSpan& f = findings_[index];
  f.action = f.action == "keep" ? "redact" : "keep";
  FindingCounts& c = counts_[f.pii_type];
  (f.action == "keep" ? c.keep : c.redact) += 1;
  (f.action == "keep" ? c.redact : c.keep) -= 1;
  Triage* triage = state.triage.get();
  // Not cancelled with the view: the decision reaches the store even when the tab closes first.
  auto reload = jobs_.guard([this, &state] { load_findings(state); });  // show what the store holds
  state.pool.submit(
      "Saving a decision",
      [triage, id = log_id_, span = f.id, action = f.action](JobContext&) -> WorkerPool::Apply {
        triage->logs().set_finding_action(id, action, span);
        return [] {};
      },
      [&state, reload](const JobFailure& failure) mutable {
        if (failure.kind != ErrorKind::Cancelled)
          state.notify(NoticeLevel::Error, "Could not save the decision", failure.message);
        reload();
      });
}

void LogView::set_actions(AppState& state, const std::string& action, const std::optional<std::string>& pii_type,
                          const std::optional<std::string>& value) {
  for (PiiSpan& f : findings_)
    if ((!pii_type || f.pii_type == *pii_type) && (!value || f.original_value == *value)) f.action = action;
  counts_ = count_findings_by_type(findings_);
  Triage* triage = state.triage.get();
  auto reload = jobs_.guard([this, &state] { load_findings(state); });  // show what the store holds
  state.pool.submit(
      "Saving decisions",
      [triage, id = log_id_, action, pii_type, value](JobContext&) -> WorkerPool::Apply {
        triage->logs().set_finding_action(id, action, std::nullopt, pii_type, value);
        return [] {};
      },
      [&state, reload](const JobFailure& failure) mutable {
        if (failure.kind != ErrorKind::Cancelled)
          state.notify(NoticeLevel::Error, "Could not save the decisions", failure.message);
        reload();
      });
}

void LogView::jump_to_finding(AppState& state, int direction) {
  if (findings_.empty()) return;
  std::size_t next;
  if (current_finding_) {
    const auto n = static_cast<std::int64_t>(findings_.size());
    next = static_cast<std::size_t>(((static_cast<std::int64_t>(*current_finding_) + direction) % n + n) % n);
  } else {
    // From the top of the screen: the first finding at or after it (or before it, going back).
    std::int64_t top = 0;
    if (!filter_ && window_.covers(drawn_first_, drawn_first_ + 1))
      top = window_.offset + (window_.lines[static_cast<std::size_t>(drawn_first_ - window_.first_line)].data() - window_.text.data());
    next = first_finding_at(findings_, top);
    if (direction < 0) next = next == 0 ? findings_.size() - 1 : next - 1;
    if (next >= findings_.size()) next = 0;
  }
  const PiiSpan& f = findings_[next];
  if (f.start_offset >= index_->bytes_indexed()) {
    state.notify(NoticeLevel::Info, "Still indexing", "That finding is further than the lines indexed so far.");
    return;
  }
  try {
    const std::int64_t line = index_->line_of_offset(f.start_offset, reader(state));
    current_finding_ = next;
    if (filter_) {
      auto it = std::lower_bound(filter_->lines.begin(), filter_->lines.end(), line,
                                 [](const FilteredLine& l, std::int64_t n) { return l.line < n; });
      if (it == filter_->lines.end() || it->line != line) stop_filter(state, true);  // a hidden line: show everything
    }
    scroll_request_ = line;
  } catch (const Error& e) {
    state.notify(NoticeLevel::Error, "Could not find the line", e.what());
  }
}

void LogView::run_scan(AppState& state) {
  scanning_ = true;
  Triage* triage = state.triage.get();
  // The toast and the refresh are for the whole program; the findings only for this view, if open.
  auto show = jobs_.guard([this](auto found, auto log) {
    scanning_ = false;
    log_ = *log;
    set_findings(std::move(*found));
  });
  auto stopped = jobs_.guard([this] { scanning_ = false; });
  jobs_.track(state.pool, state.pool.submit(
      "Scanning " + log_->file_name,
      [triage, show, &state, id = log_id_](JobContext& ctx) -> WorkerPool::Apply {
        triage->logs().scan(id, progress_of(ctx));
        auto found = std::make_shared<std::vector<PiiSpan>>(triage->logs().findings(id));
        auto log = std::make_shared<LogFile>(triage->logs().get(id));
        return [show, found, log, &state]() mutable {
          const std::size_t n = found->size();
          show(found, log);
          state.notify(NoticeLevel::Success, "Scan finished", log->file_name + ": " + std::to_string(n) + " findings");
          state.changed();
        };
      },
      [&state, stopped](const JobFailure& f) mutable {
        stopped();
        if (f.kind != ErrorKind::Cancelled) state.notify(NoticeLevel::Error, "Scan failed", f.message);
      }));
}

void LogView::run_apply(AppState& state) {
  applying_ = true;
  Triage* triage = state.triage.get();
  auto show = jobs_.guard([this](auto found, auto log) {
    applying_ = false;
    log_ = *log;
    set_findings(std::move(*found));
  });
  auto stopped = jobs_.guard([this] { applying_ = false; });
  jobs_.track(state.pool, state.pool.submit(
      "Applying redactions to " + log_->file_name,
      [triage, show, &state, id = log_id_](JobContext& ctx) -> WorkerPool::Apply {
        auto summary = std::make_shared<RedactionSummary>(triage->logs().apply_redactions(id, progress_of(ctx)));
        auto log = std::make_shared<LogFile>(triage->logs().get(id));
        auto found = std::make_shared<std::vector<PiiSpan>>(triage->logs().findings(id));
        return [show, summary, log, found, &state]() mutable {
          show(found, log);
          state.notify(NoticeLevel::Success, "Redactions applied",
                       log->file_name + " (" + std::to_string(summary->size) + " bytes), SHA-256 " + summary->sha256);
          state.changed();
        };
      },
      [&state, stopped](const JobFailure& f) mutable {
        stopped();
        if (f.kind != ErrorKind::Cancelled) state.notify(NoticeLevel::Error, "Could not apply the redactions", f.message);
      }));
}

void LogView::run_filter(AppState& state) {
  LineFilterQuery query{find_text_, find_regex_, find_ignore_case_};
  pattern_text_.clear();
  const std::int64_t size = log_->text_size;
  TextReader read = reader(state);
  start_filter(state, "Filtering " + log_->file_name,
               [query, size, read](JobContext& ctx, const LineBatchSink& on_batch) {
                 return filter_lines(size, read, query, progress_of(ctx), {}, on_batch);
               });
}

void LogView::start_filter(AppState& state, std::string job_name, FilterWork work) {
  if (filtering_) state.pool.cancel(filter_job_);  // a filter still running is replaced
  const std::uint64_t generation = ++filter_generation_;
  filtering_ = true;
  filter_stopped_ = false;
  filter_error_.clear();
  filter_ = LineFilterResult{};  // filled as the lines are found
  scroll_request_ = 0;
  auto feed = std::make_shared<FilterFeed>();
  feed_ = feed;
  filter_job_ = jobs_.run(
      state.pool, std::move(job_name),
      [work = std::move(work), feed](JobContext& ctx) {
        return work(ctx, [feed](std::vector<FilteredLine>&& batch) { feed->put(std::move(batch)); });
      },
      [this, generation](LineFilterResult result) {
        if (generation != filter_generation_) return;
        take_filtered_lines();
        filtering_ = false;
        feed_.reset();
        if (!filter_) return;
        filter_->truncated = result.truncated;
        filter_->lines_scanned = result.lines_scanned;
      },
      [this, generation](const JobFailure& f) {
        if (generation != filter_generation_) return;
        take_filtered_lines();
        filtering_ = false;
        feed_.reset();
        if (f.kind == ErrorKind::Cancelled) {
          filter_stopped_ = true;
        } else {
          filter_.reset();
          filter_error_ = f.message;
        }
      });
}

void LogView::take_filtered_lines() {
  if (!feed_ || !filter_) return;
  std::vector<FilteredLine> batch = feed_->take();
  if (filter_->lines.empty()) {
    filter_->lines = std::move(batch);
  } else {
    for (FilteredLine& l : batch) filter_->lines.push_back(std::move(l));
  }
}

void LogView::stop_filter(AppState& state, bool show_all) {
  if (filtering_) {
    state.pool.cancel(filter_job_);
    ++filter_generation_;  // what it still sends is dropped
    take_filtered_lines();
    filtering_ = false;
    filter_stopped_ = true;
    feed_.reset();
  }
  if (show_all) {
    filter_.reset();
    filter_error_.clear();
    filter_stopped_ = false;
    pattern_text_.clear();
  }
}

void LogView::take_focus_request(AppState& state) {
  auto it = state.requests.log_focus.find(log_id_);
  if (it == state.requests.log_focus.end()) return;
  const LogFocus focus = std::move(it->second);
  state.requests.log_focus.erase(it);
  if (!focus.template_id.empty()) {
    run_pattern_filter(state, focus);
  } else if (focus.line > 0) {
    stop_filter(state, true);  // the line may be one the filter hides
    pending_line_ = focus.line - 1;
  }
}

void LogView::run_pattern_filter(AppState& state, const LogFocus& focus) {
  find_text_.clear();
  pattern_text_ = focus.template_text;
  Triage* triage = state.triage.get();
  const std::int64_t size = log_->text_size;
  TextReader read = reader(state);
  start_filter(state, "Filtering " + log_->file_name + " by pattern",
               [triage, id = log_id_, template_id = focus.template_id, size, read](JobContext& ctx,
                                                                                   const LineBatchSink& on_batch) {
                 const Progress progress = progress_of(ctx);
                 const patterns::PatternReport report = triage->patterns().stored_report(id, progress);
                 return filter_lines_where(size, read, patterns::lines_of_pattern(report, template_id), progress, {},
                                           on_batch);
               });
}

}  // namespace tftsr::gui
