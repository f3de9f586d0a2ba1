#include "app/gui/views/image_import.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <array>
#include <cstring>
#include <ctime>
#include <fstream>

#include "app/gui/clipboard_image.h"

namespace tftsr::gui {

bool looks_like_image_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::array<char, 16> head{};
  if (!in.read(head.data(), head.size()) && in.gcount() < 4) return false;
  const auto starts = [&](const char* magic, std::size_t n, std::size_t at = 0) {
    return std::memcmp(head.data() + at, magic, n) == 0;
  };
  return starts("\x89PNG", 4) || starts("\xFF\xD8\xFF", 3) || starts("GIF8", 4) || starts("BM", 2) ||
         (starts("RIFF", 4) && starts("WEBP", 4, 8)) || starts("II*\0", 4) || starts("MM\0*", 4) ||
         starts("ftypheic", 8, 4) || starts("ftypavif", 8, 4);
}

namespace {
// "screenshot-2024-05-01-101502.png", in UTC like every other time the program stores.
std::string paste_name() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[64];
  std::strftime(buf, sizeof buf, "screenshot-%Y-%m-%d-%H%M%S.png", &utc);
  return buf;
}

void report_added(AppState& state, const AddedImage& added) {
  if (added.duplicate)
    state.notify(NoticeLevel::Info, "Already attached", added.image.file_name + " is already in this incident.");
  else
    state.notify(NoticeLevel::Success, "Screenshot attached",
                 added.image.file_name + " (" + std::to_string(added.image.width) + " × " +
                     std::to_string(added.image.height) + "). Review it before sharing.");
  state.changed();
}
}  // namespace

void import_image_files(AppState& state, const std::string& incident_id,
                        const std::vector<std::filesystem::path>& files) {
  Triage* triage = state.triage.get();
  for (const auto& file : files) {
    const std::string name = file.filename().string();
    state.pool.submit(
        "Adding " + name,
        [triage, incident_id, file, &state](JobContext&) -> WorkerPool::Apply {
          AddedImage added = triage->images().add(incident_id, file);
          return [&state, added] { report_added(state, added); };
        },
        [&state, name](const JobFailure& f) {
          if (f.kind != ErrorKind::Cancelled) state.notify(NoticeLevel::Error, "Could not attach " + name, f.message);
        });
  }
}

void paste_clipboard_image(AppState& state, const std::string& incident_id) {
  const auto tool = find_clipboard_tool();
  if (!tool) {
    state.notify(NoticeLevel::Warning, "Cannot read the clipboard", clipboard_tool_missing_message());
    return;
  }
  Triage* triage = state.triage.get();
  state.pool.submit(
      "Pasting a screenshot",
      [triage, incident_id, tool = *tool, &state](JobContext& ctx) -> WorkerPool::Apply {
        const std::string bytes = read_clipboard_image(tool);
        ctx.throw_if_cancelled();
        AddedImage added = triage->images().add_bytes(incident_id, paste_name(), bytes, true);
        return [&state, added] { report_added(state, added); };
      },
      [&state](const JobFailure& f) {
        if (f.kind == ErrorKind::NotFound)
          state.notify(NoticeLevel::Warning, "Nothing to paste", f.message);
        else if (f.kind != ErrorKind::Cancelled)
          state.notify(NoticeLevel::Error, "Could not paste the screenshot", f.message);
      });
}

void handle_paste_shortcut(AppState& state, const std::string* incident_id) {
  const ImGuiIO& io = ImGui::GetIO();
  if (!state.triage || io.WantTextInput || !io.KeyCtrl || io.KeyShift || io.KeyAlt) return;
  if (!ImGui::IsKeyPressed(GLFW_KEY_V, false)) return;
  if (!incident_id) {
    state.notify(NoticeLevel::Warning, "No incident to paste into", "Open or select an incident, then paste again.");
    return;
  }
  paste_clipboard_image(state, *incident_id);
}

}  // namespace tftsr::gui
