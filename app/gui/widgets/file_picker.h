#pragma once
// An in-app file picker, used when neither zenity nor kdialog is installed: a modal listing one
// folder at a time, with a file-name field for saving.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tftsr::gui {

class FilePicker {
 public:
  void open(std::string title, bool saving, const std::filesystem::path& suggestion);
  // Draws the modal while open; returns the chosen path once, when the user confirms.
  std::optional<std::filesystem::path> draw();
  bool is_open() const { return open_; }

 private:
  void list(const std::filesystem::path& dir);
  struct Entry {
    std::string name;
    bool directory = false;
  };
  bool open_ = false;
  bool request_open_ = false;
  bool saving_ = false;
  std::string title_;
  std::filesystem::path dir_;
  std::string name_;
  std::vector<Entry> entries_;
  std::string error_;
};

}  // namespace tftsr::gui
