#pragma once
// Native file dialogs through zenity or kdialog when one is installed. The dialog is a child
// process; run_file_dialog() blocks until the user answers, so call it from the worker pool.
#include <filesystem>
#include <optional>
#include <string>

namespace tftsr::gui {

enum class FileDialogMode { Open, Save };

// "zenity" or "kdialog" found on PATH, else nothing (the app then uses its in-app picker).
std::optional<std::string> find_dialog_tool();

// The chosen path, or nothing when the user cancelled. Throws tftsr::Error(Io) when the tool
// cannot be started.
std::optional<std::filesystem::path> run_file_dialog(const std::string& tool, FileDialogMode mode,
                                                     const std::string& title,
                                                     const std::filesystem::path& suggestion);

}  // namespace tftsr::gui
