#pragma once
// Getting screenshots into an incident: files (dropped or chosen) and the clipboard. The work runs
// on the pool; every outcome, including a refused file and an empty clipboard, ends in a toast.
#include <filesystem>
#include <string>
#include <vector>

#include "app/gui/app_state.h"

namespace tftsr::gui {

// True when the file starts like a PNG, JPEG, GIF, BMP (or another image format the core will
// name when it refuses it): dropped files are routed by content, not by name. Unreadable: false.
bool looks_like_image_file(const std::filesystem::path& path);

void import_image_files(AppState& state, const std::string& incident_id,
                        const std::vector<std::filesystem::path>& files);
// Reads image/png from the clipboard (xclip or wl-paste) and adds it as a paste.
void paste_clipboard_image(AppState& state, const std::string& incident_id);
// Ctrl+V outside a text field pastes into incident_id (when there is one). Call once a frame.
void handle_paste_shortcut(AppState& state, const std::string* incident_id);

}  // namespace tftsr::gui
