#include "app/gui/views/chat_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "app/gui/short_title.h"
#include "app/gui/theme.h"
#include "app/gui/ui_probe.h"
#include "app/gui/views/log_findings_panel.h"
#include "app/gui/views/settings_view.h"
#include "app/gui/views/why_progress_bar.h"
#include "app/gui/widgets/spinner.h"
#include "core/net/http_url.h"

namespace tftsr::gui {

namespace {
const ImVec4 kErrorColour(0.92f, 0.30f, 0.30f, 1.0f);
const ImVec4 kWarningColour(0.95f, 0.75f, 0.25f, 1.0f);
// The draft is checked by the gate once it has not changed for this long.
constexpr auto kPreviewDelay = std::chrono::milliseconds(250);


void wrapped(const std::string& text) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
  ImGui::PopTextWrapPos();
}

void wrapped_coloured(ImVec4 colour, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  wrapped(text);
  ImGui::PopStyleColor();
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}
}  // namespace

std::string ChatView::title(const AppState& state) const {
  auto it = state.incident_titles.find(incident_id_);
  std::string name = it != state.incident_titles.end() ? it->second : incident_title_;
  name = short_title(name, 24);
  return name.empty() ? "AI chat" : "AI · " + name;
}

void ChatView::cancel_jobs() {
  if (stream_) stream_->request_stop();
  jobs_.cancel();
}

void ChatView::load(AppState& state) {
  if (loaded_version_ == state.data_version || state.rekey_running || sending_) return;
  loaded_version_ = state.data_version;
  try {
    Triage& t = *state.triage;
    AiService& ai = t.ai();
    incident_title_ = t.incidents().get(incident_id_).incident.title;
    state.incident_titles[incident_id_] = incident_title_;
    providers_ = ai.providers();
    const bool known = std::any_of(providers_.begin(), providers_.end(),
                                   [&](const ProviderSummary& p) { return p.config.name == provider_; });
    if (!known) {
      provider_.clear();
      for (const ProviderSummary& p : providers_)
        if (p.is_active || provider_.empty()) provider_ = p.config.name;
    }
    conversation_ = provider_.empty() ? std::nullopt : ai.conversation(incident_id_, provider_);
    messages_ = conversation_ ? ai.messages(conversation_->id) : std::vector<ChatMessage>{};
    logs_ = t.logs().list(incident_id_);
    images_ = t.images().list(incident_id_);
    why_ = ai.why_state(incident_id_);
    notice_seen_ = t.settings().get(kNoticeSetting).has_value();
    load_error_.clear();
  } catch (const Error& e) {
    load_error_ = e.what();
  }
}

std::string ChatView::preview_line() const {
  if (!preview_) return {};
  std::string line = plural(preview_->masked, "finding will be masked", "findings will be masked");
  const std::size_t kept = preview_->findings.size() - std::min(preview_->findings.size(), preview_->masked);
  if (kept) line += ", " + std::to_string(kept) + " kept as is";
  return line;
}

void ChatView::draw(AppState& state) {
  if (!state.triage) return;
  load(state);
  ImGui::PushID(incident_id_.c_str());
  if (!load_error_.empty()) {
    wrapped_coloured(kErrorColour, load_error_);
    ImGui::PopID();
    return;
  }
  if (sending_ && stream_) {
    if (auto text = stream_->take()) {
      stream_text_ = std::move(*text);
      stream_doc_ = parse_markdown(stream_text_);
    }
  }

  if (auto level = draw_why_progress(why_, !sending_)) {
    try {
      why_ = state.triage->ai().set_why_level(incident_id_, *level);
      hint_.clear();
      state.changed();
    } catch (const Error& e) {
      error_ = e.what();
    }
  }
  draw_provider(state);
  if (!notice_seen_ && !providers_.empty()) draw_notice(state);

  // The bottom part: the preview line (and its findings), the input box and its toolbar.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float line = ImGui::GetFrameHeightWithSpacing();
  const float input_h = ImGui::GetTextLineHeight() * 4.0f + style.FramePadding.y * 2.0f;
  float bottom = input_h + style.ItemSpacing.y + line * 2.0f;
  if (show_findings_ && preview_ && !preview_->findings.empty())
    bottom += std::min<float>(static_cast<float>(preview_->findings.size()), 6.0f) * line + style.WindowPadding.y * 2.0f;
  if (!log_ids_.empty() || !image_ids_.empty()) bottom += ImGui::GetTextLineHeightWithSpacing();

  ImGui::BeginChild("##messages", ImVec2(0, -bottom), true);
  draw_analysis(state);
  draw_messages(state);
  ImGui::EndChild();
  probe::record("chat.messages");

  draw_preview(state);
  draw_input(state);

  if (sending_ && stream_ && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) &&
      ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows))
    stream_->request_stop();

  // The gate's preview of the draft, once it stops changing.
  const std::string signature = draft_signature();
  if (signature != wanted_signature_) {
    wanted_signature_ = signature;
    if (input_.find_first_not_of(" \t\r\n") == std::string::npos && log_ids_.empty() && image_ids_.empty()) {
      preview_.reset();
      preview_error_.clear();
      preview_due_.reset();
    } else {
      preview_due_ = std::chrono::steady_clock::now() + kPreviewDelay;
    }
  }
  if (preview_due_ && !preview_running_ && std::chrono::steady_clock::now() >= *preview_due_) run_preview(state);
  ImGui::PopID();
}

void ChatView::draw_provider(AppState& state) {
  if (providers_.empty()) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(kWarningColour, "No AI provider is configured yet.");
    ImGui::SameLine();
    if (ImGui::Button("Open the provider settings")) {
      state.open_tab({SettingsView::kKind, {}});
      state.requests.show_ai_providers = true;
    }
    probe::record("chat.open_settings");
    return;
  }
  const ProviderSummary* current = nullptr;
  for (const ProviderSummary& p : providers_)
    if (p.config.name == provider_) current = &p;
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("Provider");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);
  ImGui::BeginDisabled(sending_);
  if (ImGui::BeginCombo("##provider", provider_.c_str())) {
    for (const ProviderSummary& p : providers_) {
      const std::string label = p.config.name + (p.is_active ? "  (active)" : "");
      if (ImGui::Selectable(label.c_str(), p.config.name == provider_) && p.config.name != provider_) {
        provider_ = p.config.name;
        loaded_version_ = 0;  // that provider's conversation
        preview_due_ = std::chrono::steady_clock::now();
      }
      probe::record("chat.provider:" + p.config.name);
    }
    ImGui::EndCombo();
  }
  ImGui::EndDisabled();
  probe::record("chat.provider");
  if (current) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s  ·  %s  ·  %s", std::string(ai::kind_id(current->config.kind)).c_str(),
                        current->config.model.c_str(), net::display_host(current->config.url).c_str());
  }
  // The toggle follows on the same line when the pane is wide enough.
  const float toggle = ImGui::CalcTextSize("Show what the model saw").x + ImGui::GetFrameHeight() +
                       ImGui::GetStyle().ItemInnerSpacing.x + ImGui::GetStyle().ItemSpacing.x;
  ImGui::SameLine();
  if (ImGui::GetContentRegionAvail().x < toggle) ImGui::NewLine();
  ImGui::Checkbox("Show what the model saw", &show_sent_);
  probe::record("chat.show_sent");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("The messages exactly as they were sent and received: placeholders instead of the masked values,\n"
                      "the attached excerpts and the 5-Whys block of each reply.");
}

void ChatView::draw_notice(AppState& state) {
  std::string host = "the provider";
  for (const ProviderSummary& p : providers_)
    if (p.config.name == provider_) host = provider_ + " at " + net::display_host(p.config.url);
  ImGui::Separator();
  ImGui::TextColored(kWarningColour, "Before your first message");
  ImGui::Indent();
  wrapped("• What you type, the logs and screenshots you attach, the conversation so far and this incident's domain "
          "prompt are sent to " + host + ".");
  wrapped("• Personal data and secrets found in them are replaced by placeholders such as [Email_1] before anything "
          "leaves this machine. The line under the messages says how many; you can keep a value on purpose.");
  wrapped("• The placeholders are filled back in on this machine only. Every send is recorded in the audit log with "
          "the provider, its host and a SHA-256 of exactly what was sent.");
  ImGui::Unindent();
  if (ImGui::Button("Understood")) {
    try {
      state.triage->settings().set(kNoticeSetting, "1");
      notice_seen_ = true;
      focus_input_ = true;
    } catch (const Error& e) {
      error_ = e.what();
    }
  }
  probe::record("chat.notice_ok");
  ImGui::Separator();
}

const MarkdownDocument& ChatView::markdown_of(const std::string& id, const std::string& text) {
  ShownMessage& shown = shown_[id];
  if (shown.doc.blocks.empty() || shown.text != text) {
    shown.text = text;
    shown.doc = parse_markdown(text);
  }
  return shown.doc;
}

namespace {
// A message's frame: content drawn into the front channel, the background behind it once its
// size is known.
class Bubble {
 public:
  Bubble() {
    dl_ = ImGui::GetWindowDrawList();
    splitter_.Split(dl_, 2);
    splitter_.SetCurrentChannel(dl_, 1);
    ImGui::BeginGroup();
  }
  void end(ImVec4 colour) {
    ImGui::EndGroup();
    const float pad = ImGui::GetStyle().FramePadding.x;
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    splitter_.SetCurrentChannel(dl_, 0);
    dl_->AddRectFilled(ImVec2(min.x - pad, min.y - pad * 0.5f), ImVec2(max.x + pad, max.y + pad * 0.5f),
                       ImGui::GetColorU32(colour), 6.0f);
    splitter_.Merge(dl_);
    ImGui::Dummy(ImVec2(0, pad));
  }

 private:
  ImDrawList* dl_;
  ImDrawListSplitter splitter_;
};

ImVec4 bubble_colour(bool user) {
  ImVec4 bg = ImGui::GetStyleColorVec4(ImGuiCol_FrameBg);
  if (user) return ImVec4(0.20f, 0.35f, 0.60f, 0.35f);
  return ImVec4(bg.x, bg.y, bg.z, 0.55f);
}
}  // namespace

void ChatView::draw_messages(AppState& state) {
  const bool at_bottom = ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 4.0f;
  if (messages_.empty() && !sending_) {
    ImGui::TextDisabled("No messages yet. Describe what you see; the model asks its way through the 5 Whys.");
    ImGui::TextDisabled("Enter sends, Shift+Enter starts a new line.");
  }
  std::size_t last_reply = messages_.size();
  for (std::size_t i = 0; i < messages_.size(); ++i)
    if (messages_[i].role == "assistant") last_reply = i;
  for (std::size_t i = 0; i < messages_.size(); ++i) draw_message(state, messages_[i], i, i == last_reply);
  if (sending_) draw_streaming_reply(state);
  if (!error_.empty()) wrapped_coloured(kErrorColour, error_);
  probe::record("chat.error");
  if (!hint_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    wrapped("5 Whys: " + hint_);
    ImGui::PopStyleColor();
  }
  if (scroll_to_bottom_ || (sending_ && at_bottom)) {
    ImGui::SetScrollHereY(1.0f);
    scroll_to_bottom_ = false;
  }
}

void ChatView::draw_message(AppState& state, const ChatMessage& m, std::size_t index, bool last_reply) {
  ImGui::PushID(static_cast<int>(index));
  const bool user = m.role == "user";
  const float indent = user ? ImGui::GetContentRegionAvail().x * 0.15f : 0.0f;
  if (indent > 0) ImGui::Indent(indent);
  Bubble bubble;
  // Header: who, tokens, cut off, copy (and regenerate on the last reply).
  if (user)
    ImGui::TextColored(ImVec4(0.55f, 0.75f, 1.0f, 1.0f), "You");
  else
    ImGui::TextColored(ImVec4(0.55f, 0.90f, 0.60f, 1.0f), "Assistant");
  if (!user && conversation_) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", conversation_->model.c_str());
  }
  if (m.prompt_tokens || m.completion_tokens) {
    ImGui::SameLine();
    ImGui::TextDisabled("·  %lld in / %lld out tokens", static_cast<long long>(m.prompt_tokens.value_or(0)),
                        static_cast<long long>(m.completion_tokens.value_or(0)));
  }
  if (m.cut_off) {
    ImGui::SameLine();
    ImGui::TextColored(kWarningColour, "cut off");
    probe::record("chat.cut_off:" + std::to_string(index));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The reply was stopped or interrupted: this is what had arrived.");
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("Copy")) ImGui::SetClipboardText(show_sent_ ? m.sent_text.c_str() : m.text.c_str());
  probe::record("chat.copy:" + std::to_string(index));
  if (last_reply && !sending_) {
    ImGui::SameLine();
    if (ImGui::SmallButton("Regenerate")) regenerate(state);
    probe::record("chat.regenerate");
  }
  for (const ChatAttachment& a : m.attachments) {
    // Wrapped: the note says what was left out of the log, and it is long.
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s %s  ·  %lld bytes sent%s%s", a.kind == "image" ? "Screenshot" : "Log", a.name.c_str(),
                       static_cast<long long>(a.bytes_sent), a.note.empty() ? "" : "  ·  ", a.note.c_str());
    ImGui::PopStyleColor();
  }
  // Body.
  if (show_sent_) {
    if (state.mono_font) ImGui::PushFont(state.mono_font);
    wrapped(m.sent_text);
    if (state.mono_font) ImGui::PopFont();
  } else if (user) {
    wrapped(m.text);
  } else {
    draw_markdown(markdown_of(m.id, m.text), MarkdownFonts{state.mono_font, state.heading_font});
  }
  probe::record("chat.message:" + std::to_string(index));
  bubble.end(bubble_colour(user));
  if (indent > 0) ImGui::Unindent(indent);
  ImGui::PopID();
}

void ChatView::draw_streaming_reply(AppState& state) {
  if (!pending_message_.empty()) {
    const float indent = ImGui::GetContentRegionAvail().x * 0.15f;
    ImGui::Indent(indent);
    Bubble bubble;
    ImGui::TextColored(ImVec4(0.55f, 0.75f, 1.0f, 1.0f), "You");
    wrapped(pending_message_);
    bubble.end(bubble_colour(true));
    ImGui::Unindent(indent);
  }
  Bubble bubble;
  ImGui::TextColored(ImVec4(0.55f, 0.90f, 0.60f, 1.0f), "Assistant");
  ImGui::SameLine();
  spinner(ImGui::GetFontSize() * 0.35f);
  ImGui::SameLine();
  ImGui::TextDisabled(stream_->stop_requested() ? "stopping…" : stream_text_.empty() ? "waiting for the first words…"
                                                                                      : "replying…");
  ImGui::SameLine();
  if (ImGui::SmallButton("Stop")) stream_->request_stop();
  probe::record("chat.stop");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Esc. What has arrived is kept, marked as cut off.");
  if (!stream_text_.empty()) draw_markdown(stream_doc_, MarkdownFonts{state.mono_font, state.heading_font});
  probe::record("chat.streaming");
  bubble.end(bubble_colour(false));
}

void ChatView::draw_preview(AppState&) {
  if (!preview_error_.empty()) {
    wrapped_coloured(kErrorColour, preview_error_);
    probe::record("chat.preview_error");
    return;
  }
  if (!preview_) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled(previewing() ? "Checking the draft for personal data…" : "Enter sends  ·  Shift+Enter: new line");
    return;
  }
  ImGui::AlignTextToFramePadding();
  if (preview_->findings.empty()) {
    ImGui::TextDisabled("No personal data found: nothing to mask.");
  } else {
    ImGui::TextColored(kWarningColour, "%s", preview_line().c_str());
    probe::record("chat.masked");
    ImGui::SameLine();
    if (ImGui::SmallButton(show_findings_ ? "Hide" : "Show")) show_findings_ = !show_findings_;
    probe::record("chat.findings");
  }
  ImGui::SameLine();
  ImGui::TextDisabled("·  to %s (%s)%s", preview_->host.c_str(), preview_->model.c_str(),
                      preview_running_ ? "  ·  checking…" : "");
  if (preview_->history_messages_dropped > 0) {
    ImGui::SameLine();
    ImGui::TextDisabled("·  %lld oldest messages left out", static_cast<long long>(preview_->history_messages_dropped));
  }
  if (!show_findings_ || preview_->findings.empty()) return;
  const float line = ImGui::GetFrameHeightWithSpacing();
  const float rows = std::min<float>(static_cast<float>(preview_->findings.size()), 6.0f);
  ImGui::BeginChild("##findings", ImVec2(0, rows * line + ImGui::GetStyle().WindowPadding.y * 2.0f), true);
  for (std::size_t i = 0; i < preview_->findings.size(); ++i) {
    const PreviewFinding& f = preview_->findings[i];
    ImGui::PushID(static_cast<int>(i));
    bool keep = keeps_.count(f.value) > 0;
    if (ImGui::Checkbox("Keep", &keep)) {
      if (keep)
        keeps_.insert(f.value);
      else
        keeps_.erase(f.value);
    }
    probe::record("chat.keep:" + std::to_string(i));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Send this value as it is, on purpose");
    ImGui::SameLine();
    ImGui::TextColored(finding_type_colour(f.pii_type), "%s", f.pii_type.c_str());
    ImGui::SameLine();
    ImGui::TextUnformatted(f.value.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("→ %s  ·  in %s", keep ? "sent as is" : f.placeholder.c_str(), f.part.c_str());
    ImGui::PopID();
  }
  ImGui::EndChild();
}

void ChatView::draw_input(AppState& state) {
  const bool blocked = sending_ || !notice_seen_ || providers_.empty();
  // Toolbar: attachments, analysis.
  ImGui::BeginDisabled(sending_);
  const std::size_t attached = log_ids_.size() + image_ids_.size();
  if (ImGui::Button(attached ? ("Attach (" + std::to_string(attached) + ")…").c_str() : "Attach…"))
    ImGui::OpenPopup("##attach");
  probe::record("chat.attach");
  ImGui::SameLine();
  ImGui::BeginDisabled(analyzing_ || providers_.empty() || !notice_seen_);
  if (ImGui::Button(analyzing_ ? "Analyzing…" : "Analyze logs…")) ImGui::OpenPopup("##analyze");
  probe::record("chat.analyze");
  ImGui::EndDisabled();
  ImGui::EndDisabled();
  draw_attach_popup();
  draw_analyze_popup(state);
  if (attached) {
    std::string names;
    for (const LogFile& l : logs_)
      if (log_ids_.count(l.id)) names += (names.empty() ? "" : ", ") + l.file_name;
    for (const ImageAttachment& i : images_)
      if (image_ids_.count(i.id)) names += (names.empty() ? "" : ", ") + i.file_name;
    const bool summaries = logs_as_patterns_ && !log_ids_.empty();
    ImGui::TextDisabled("Attached: %s%s", names.c_str(), summaries ? " (logs as pattern summaries)" : "");
  }

  // Enter sends; Shift+Enter (and Ctrl+Enter) insert a new line. With CtrlEnterForNewLine, ImGui
  // takes a plain Enter as "done" and Ctrl+Enter as a new line, so Shift+Enter is shown to it as
  // Ctrl+Enter for this one widget.
  ImGuiIO& io = ImGui::GetIO();
  const bool enter_key = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
                         ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter));
  const bool new_line = enter_key && (io.KeyShift || io.KeyCtrl);
  const bool ctrl = io.KeyCtrl;
  if (new_line) io.KeyCtrl = true;
  const float send_w = ImGui::CalcTextSize("Send").x + ImGui::GetStyle().FramePadding.x * 4.0f;
  const float input_h = ImGui::GetTextLineHeight() * 4.0f + ImGui::GetStyle().FramePadding.y * 2.0f;
  if (focus_input_ && !blocked) {
    ImGui::SetKeyboardFocusHere();
    focus_input_ = false;
  }
  ImGui::BeginDisabled(blocked);
  const bool entered = ImGui::InputTextMultiline("##input", &input_, ImVec2(-send_w, input_h),
                                                 ImGuiInputTextFlags_CtrlEnterForNewLine | ImGuiInputTextFlags_EnterReturnsTrue);
  io.KeyCtrl = ctrl;
  probe::record("chat.input");
  ImGui::SameLine();
  const bool empty = input_.find_first_not_of(" \t\r\n") == std::string::npos;
  ImGui::BeginDisabled(empty);
  const bool clicked = ImGui::Button("Send", ImVec2(send_w - ImGui::GetStyle().ItemSpacing.x, input_h));
  ImGui::EndDisabled();
  probe::record("chat.send");
  ImGui::EndDisabled();
  if ((entered && !new_line) || clicked) {
    if (!empty && !blocked) send(state);
    focus_input_ = true;
  }
  if (!notice_seen_ && !providers_.empty() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("Read the notice above first");
}

void ChatView::draw_attach_popup() {
  if (!ImGui::BeginPopup("##attach")) return;
  ImGui::TextUnformatted("Logs of this incident");
  if (logs_.empty()) ImGui::TextDisabled("none");
  for (const LogFile& l : logs_) {
    bool on = log_ids_.count(l.id) > 0;
    if (ImGui::Checkbox((l.file_name + "##" + l.id).c_str(), &on)) {
      if (on) log_ids_.insert(l.id); else log_ids_.erase(l.id);
    }
    probe::record("chat.attach_log:" + l.file_name);
    ImGui::SameLine();
    ImGui::TextDisabled(l.redacted ? "reviewed: sent with your decisions" : "not reviewed: sent redacted");
  }
  if (!logs_.empty()) {
    ImGui::Checkbox("Send the logs' pattern summaries instead of their lines", &logs_as_patterns_);
    probe::record("chat.logs_as_patterns");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Templates with counts and times, variable parts masked: far smaller, and says less about "
                        "people. The gate still scans them.");
  }
  ImGui::Spacing();
  ImGui::TextUnformatted("Screenshots");
  if (images_.empty()) ImGui::TextDisabled("none");
  for (const ImageAttachment& i : images_) {
    bool on = image_ids_.count(i.id) > 0;
    ImGui::BeginDisabled(!i.pii_warning_acknowledged);
    if (ImGui::Checkbox((i.file_name + "##" + i.id).c_str(), &on)) {
      if (on) image_ids_.insert(i.id); else image_ids_.erase(i.id);
    }
    ImGui::EndDisabled();
    probe::record("chat.attach_image:" + i.file_name);
    ImGui::SameLine();
    ImGui::TextDisabled(i.pii_warning_acknowledged ? "sent with its redactions burned in"
                                                   : "review it in the gallery first");
  }
  ImGui::EndPopup();
}

void ChatView::draw_analyze_popup(AppState& state) {
  if (!ImGui::BeginPopup("##analyze")) return;
  ImGui::TextUnformatted("Analyze these logs");
  ImGui::TextDisabled("Only their redacted text is sent; large logs as excerpts around the errors.");
  if (logs_.empty()) ImGui::TextDisabled("This incident has no logs yet.");
  for (const LogFile& l : logs_) {
    bool on = analyze_ids_.count(l.id) > 0;
    if (ImGui::Checkbox((l.file_name + "##analyze" + l.id).c_str(), &on)) {
      if (on) analyze_ids_.insert(l.id); else analyze_ids_.erase(l.id);
    }
    probe::record("chat.analyze_log:" + l.file_name);
  }
  if (!logs_.empty()) {
    ImGui::Checkbox("Send the logs' pattern summaries instead of their lines", &analyze_as_patterns_);
    probe::record("chat.analyze_as_patterns");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Templates with counts and times, variable parts masked: far smaller, and says less about "
                        "people. The gate still scans them.");
  }
  ImGui::BeginDisabled(analyze_ids_.empty());
  if (ImGui::Button("Analyze")) {
    analyze(state);
    ImGui::CloseCurrentPopup();
  }
  probe::record("chat.analyze_run");
  ImGui::EndDisabled();
  ImGui::EndPopup();
}

void ChatView::draw_analysis(AppState& state) {
  if (!analyzing_ && !analysis_ && analysis_error_.empty()) return;
  if (!ImGui::CollapsingHeader("Log analysis", ImGuiTreeNodeFlags_DefaultOpen)) return;
  if (analyzing_) {
    spinner(ImGui::GetFontSize() * 0.35f);
    ImGui::SameLine();
    ImGui::TextDisabled("The model is reading the logs…");
  }
  if (!analysis_error_.empty()) wrapped_coloured(kErrorColour, analysis_error_);
  if (analysis_) {
    const LogAnalysis& a = *analysis_;
    if (!a.problem.empty()) wrapped_coloured(kWarningColour, a.problem);
    if (!a.severity.empty()) {
      ImGui::TextDisabled("Severity");
      ImGui::SameLine();
      ImGui::TextColored(severity_colour(a.severity), "%s", a.severity.c_str());
    }
    if (!a.summary.empty()) wrapped(a.summary);
    for (const std::string& f : a.key_findings) wrapped("• " + f);
    for (const ChatAttachment& l : a.logs)
      if (!l.note.empty()) {
        ImGui::TextDisabled("%s: %s", l.name.c_str(), l.note.c_str());
        probe::record("chat.analysis_note:" + l.name);
      }
    if (!a.first_why.empty()) {
      ImGui::TextDisabled("First why");
      wrapped(a.first_why);
      if (ImGui::Button("Start the 5 Whys with this question")) {
        try {
          if (why_.level != 1 || why_.complete()) why_ = state.triage->ai().set_why_level(incident_id_, 1);
          input_ = a.first_why;
          focus_input_ = true;
          state.changed();
        } catch (const Error& e) {
          error_ = e.what();
        }
      }
      probe::record("chat.start_whys");
    }
    if (ImGui::SmallButton("Dismiss")) {
      analysis_.reset();
      analysis_error_.clear();
    }
  }
  ImGui::Separator();
}

ChatDraft ChatView::draft() const {
  ChatDraft d;
  d.incident_id = incident_id_;
  d.provider = provider_;
  d.message = input_;
  d.log_ids.assign(log_ids_.begin(), log_ids_.end());
  d.image_ids.assign(image_ids_.begin(), image_ids_.end());
  d.keeps = keeps_;
  d.logs_as_patterns = logs_as_patterns_;
  return d;
}

std::string ChatView::draft_signature() const {
  std::string s = provider_ + '\x1f' + input_;
  for (const auto& id : log_ids_) s += '\x1e' + id;
  for (const auto& id : image_ids_) s += '\x1d' + id;
  for (const auto& k : keeps_) s += '\x1c' + k;
  return s;
}

void ChatView::run_preview(AppState& state) {
  preview_due_.reset();
  if (providers_.empty() || sending_) return;
  preview_running_ = true;
  Triage* triage = state.triage.get();
  try {
    jobs_.run(
        state.pool, "Checking the draft for personal data",
        [triage, d = draft()](JobContext&) { return triage->ai().preview(d); },
        [this](ChatPreview p) {
          preview_running_ = false;
          preview_ = std::move(p);
          preview_error_.clear();
        },
        [this](const JobFailure& f) {
          preview_running_ = false;
          preview_.reset();
          if (f.kind != ErrorKind::Cancelled) preview_error_ = f.message;
        });
  } catch (const Error&) {
    preview_running_ = false;  // the pool is shutting down
  }
}

void ChatView::send(AppState& state) {
  ChatDraft d = draft();
  pending_message_ = input_;
  input_.clear();
  start_exchange(state, std::move(d), false);
}

void ChatView::regenerate(AppState& state) {
  if (!conversation_) return;
  pending_message_.clear();
  start_exchange(state, draft(), true);
}

void ChatView::start_exchange(AppState& state, ChatDraft d, bool again) {
  stream_ = std::make_shared<ChatStream>();
  stream_text_.clear();
  stream_doc_ = {};
  sending_ = true;
  error_.clear();
  hint_.clear();
  scroll_to_bottom_ = true;
  Triage* triage = state.triage.get();
  auto stream = stream_;
  const std::string conversation = conversation_ ? conversation_->id : std::string();
  auto work = [triage, stream, d, conversation, again](JobContext& ctx) {
    ChatEvents events;
    events.on_text = [stream](std::string_view text) { stream->put(text); };
    events.cancelled = [stream, &ctx] { return stream->stop_requested() || ctx.cancelled(); };
    return again ? triage->ai().regenerate(conversation, events) : triage->ai().send(d, events);
  };
  auto done = [this, &state](ChatOutcome outcome) {
    sending_ = false;
    pending_message_.clear();
    error_ = outcome.error;
    hint_ = outcome.hint;
    why_ = outcome.why;
    log_ids_.clear();
    image_ids_.clear();
    keeps_.clear();
    scroll_to_bottom_ = true;
    focus_input_ = true;
    state.changed();
  };
  auto failed = [this, &state](const JobFailure& f) {
    sending_ = false;
    if (input_.empty()) input_ = pending_message_;  // nothing typed is lost
    pending_message_.clear();
    error_ = f.kind == ErrorKind::Cancelled ? "Stopped before the reply began: nothing was kept." : f.message;
    state.changed();
  };
  try {
    jobs_.run(state.pool, again ? "Regenerating the reply" : "Waiting for the AI reply", std::move(work), std::move(done),
              std::move(failed));
  } catch (const Error& e) {
    sending_ = false;
    if (input_.empty()) input_ = pending_message_;
    pending_message_.clear();
    error_ = e.what();
  }
}

void ChatView::analyze(AppState& state) {
  analyzing_ = true;
  analysis_.reset();
  analysis_error_.clear();
  Triage* triage = state.triage.get();
  std::vector<std::string> ids(analyze_ids_.begin(), analyze_ids_.end());
  try {
    jobs_.run(
        state.pool, "Analyzing logs",
        [triage, id = incident_id_, ids, provider = provider_, as_patterns = analyze_as_patterns_](JobContext& ctx) {
          ChatEvents events;
          events.cancelled = [&ctx] { return ctx.cancelled(); };
          return triage->ai().analyze(id, ids, provider, events, as_patterns);
        },
        [this, &state](LogAnalysis a) {
          analyzing_ = false;
          analysis_ = std::move(a);
          state.changed();
        },
        [this](const JobFailure& f) {
          analyzing_ = false;
          analysis_error_ = f.kind == ErrorKind::Cancelled ? "The analysis was stopped." : f.message;
        });
  } catch (const Error& e) {
    analyzing_ = false;
    analysis_error_ = e.what();
  }
}

}  // namespace tftsr::gui
