#include "app/gui/widgets/wrapped_text_input.h"

#include <imgui_stdlib.h>

namespace tftsr::gui {

namespace {

std::size_t next_char(std::string_view s, std::size_t i) {
  ++i;
  while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  return i;
}

void wrap_line(std::string_view line, float width, const CharWidth& char_width, std::string& out) {
  std::size_t start = 0;
  while (start < line.size()) {
    float used = 0;
    std::size_t end = start, after_space = std::string_view::npos;
    while (end < line.size()) {
      const std::size_t next = next_char(line, end);
      used += char_width(line.substr(end, next - end));
      if (used > width && end > start) break;
      if (line[end] == ' ') after_space = next;
      end = next;
    }
    if (end >= line.size()) break;
    const std::size_t cut = after_space != std::string_view::npos && after_space > start && after_space < end ? after_space : end;
    out.append(line.substr(start, cut - start));
    out.append("\r\n");
    start = cut;
  }
  out.append(line.substr(start));
}

struct WrapContext {
  float width;
};

CharWidth imgui_char_width() {
  return [](std::string_view c) { return ImGui::CalcTextSize(c.data(), c.data() + c.size()).x; };
}

int rewrap(ImGuiInputTextCallbackData* data) {
  const auto* context = static_cast<const WrapContext*>(data->UserData);
  const std::string_view shown(data->Buf, static_cast<std::size_t>(data->BufTextLen));
  const std::size_t cursor = position_without_soft_breaks(shown, static_cast<std::size_t>(data->CursorPos));
  const std::string plain = remove_soft_breaks(shown);
  const std::string wrapped = soft_wrap(plain, context->width, imgui_char_width());
  if (wrapped == shown) return 0;
  data->DeleteChars(0, data->BufTextLen);
  data->InsertChars(0, wrapped.data(), wrapped.data() + wrapped.size());
  data->CursorPos = data->SelectionStart = data->SelectionEnd =
      static_cast<int>(position_with_soft_breaks(wrapped, cursor));
  return 0;
}

}  // namespace

std::string soft_wrap(std::string_view text, float width, const CharWidth& char_width) {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  std::size_t start = 0;
  for (;;) {
    const std::size_t newline = text.find('\n', start);
    wrap_line(text.substr(start, newline == std::string_view::npos ? std::string_view::npos : newline - start), width,
              char_width, out);
    if (newline == std::string_view::npos) break;
    out.push_back('\n');
    start = newline + 1;
  }
  return out;
}

std::string remove_soft_breaks(std::string_view wrapped) {
  std::string out;
  out.reserve(wrapped.size());
  for (std::size_t i = 0; i < wrapped.size(); ++i) {
    if (wrapped[i] != '\r') {
      out.push_back(wrapped[i]);
    } else if (i + 1 < wrapped.size() && wrapped[i + 1] == '\n') {
      ++i;  // the soft break's '\n' goes with it
    }
  }
  return out;
}

std::size_t position_without_soft_breaks(std::string_view wrapped, std::size_t position) {
  position = std::min(position, wrapped.size());
  std::size_t soft = 0;
  for (std::size_t i = 0; i < position; ++i) {
    if (wrapped[i] != '\r') continue;
    ++soft;
    if (i + 1 < position && wrapped[i + 1] == '\n') ++soft, ++i;
  }
  return position - soft;
}

std::size_t position_with_soft_breaks(std::string_view wrapped, std::size_t plain_position) {
  std::size_t plain = 0, i = 0;
  while (i < wrapped.size()) {
    if (wrapped[i] == '\r') {
      i += i + 1 < wrapped.size() && wrapped[i + 1] == '\n' ? 2 : 1;
      continue;
    }
    if (plain == plain_position) return i;
    ++plain;
    ++i;
  }
  return wrapped.size();
}

bool wrapped_text_input(const char* id, std::string* text, ImVec2 size) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float field = size.x > 0 ? size.x : ImGui::GetContentRegionAvail().x + size.x;
  WrapContext context{std::max(ImGui::GetFontSize() * 4.0f, field - style.FramePadding.x * 2 - style.ScrollbarSize)};
  // While the field is being edited ImGui keeps its own copy, re-wrapped on each edit by the
  // callback; otherwise the shown text is made from *text every frame, at the current width.
  std::string shown = soft_wrap(*text, context.width, imgui_char_width());
  if (!ImGui::InputTextMultiline(id, &shown, size, ImGuiInputTextFlags_CallbackEdit, rewrap, &context)) return false;
  std::string plain = remove_soft_breaks(shown);
  if (plain == *text) return false;
  *text = std::move(plain);
  return true;
}

}  // namespace tftsr::gui
