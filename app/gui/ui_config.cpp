#include "app/gui/ui_config.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace tftsr::gui {

std::filesystem::path config_dir() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "tftsr";
  if (const char* home = std::getenv("HOME"); home && *home) return std::filesystem::path(home) / ".config" / "tftsr";
  return std::filesystem::current_path() / ".tftsr-config";
}

float clamp_font_size(float size) { return std::clamp(size, 10.0f, 32.0f); }

WindowSize fit_window_to_work_area(int work_width, int work_height) {
  const auto fit = [](int work, int minimum) {
    if (work <= 0) return minimum;
    return std::min(work, std::max(minimum, work * 4 / 5));
  };
  return {fit(work_width, 640), fit(work_height, 480)};
}

UiConfig load_ui_config(const std::filesystem::path& file) {
  UiConfig c;
  std::ifstream in(file);
  if (!in) return c;
  auto j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return c;
  auto get = [&](const char* key, auto& out) {
    if (auto it = j.find(key); it != j.end()) {
      try {
        it->get_to(out);
      } catch (const nlohmann::json::exception&) {
        // keep the default for a value of the wrong type
      }
    }
  };
  get("window_x", c.window_x);
  get("window_y", c.window_y);
  get("window_width", c.window_width);
  get("window_height", c.window_height);
  c.window_size_saved = j.contains("window_width") && j["window_width"].is_number() && j.contains("window_height") &&
                        j["window_height"].is_number();
  get("sidebar_collapsed", c.sidebar_collapsed);
  get("inspector_collapsed", c.inspector_collapsed);
  get("log_wrap", c.log_wrap);
  get("log_findings_panel", c.log_findings_panel);
  get("window_maximized", c.window_maximized);
  get("sidebar_width", c.sidebar_width);
  get("inspector_width", c.inspector_width);
  get("font_size", c.font_size);
  std::string theme;
  get("theme", theme);
  c.theme = theme == "light" ? Theme::Light : Theme::Dark;
  c.window_width = std::clamp(c.window_width, 640, 16384);
  c.window_height = std::clamp(c.window_height, 480, 16384);
  c.sidebar_width = std::clamp(c.sidebar_width, 160.0f, 2000.0f);
  c.inspector_width = std::clamp(c.inspector_width, 160.0f, 2000.0f);
  c.font_size = clamp_font_size(c.font_size);
  if (auto it = j.find("tabs"); it != j.end() && it->is_array()) {
    for (auto& t : *it) {
      if (!t.is_object()) continue;
      SavedTab tab;
      try {
        tab.kind = t.value("kind", "");
        tab.id = t.value("id", "");
        if (tab.id.empty()) tab.id = t.value("incident_id", "");  // the name the field had in older files
        tab.pane = t.value("pane", "centre");
        tab.active = t.value("active", false);
      } catch (const nlohmann::json::exception&) {
        continue;  // a tab with a field of the wrong type is dropped, as a value of the wrong type is above
      }
      if (!tab.kind.empty()) c.tabs.push_back(std::move(tab));
    }
  }
  return c;
}

void save_ui_config(const UiConfig& c, const std::filesystem::path& file) {
  nlohmann::json j = {
      {"window_x", c.window_x},
      {"window_y", c.window_y},
      {"window_width", c.window_width},
      {"window_height", c.window_height},
      {"window_maximized", c.window_maximized},
      {"sidebar_width", c.sidebar_width},
      {"inspector_width", c.inspector_width},
      {"sidebar_collapsed", c.sidebar_collapsed},
      {"inspector_collapsed", c.inspector_collapsed},
      {"log_wrap", c.log_wrap},
      {"log_findings_panel", c.log_findings_panel},
      {"theme", c.theme == Theme::Light ? "light" : "dark"},
      {"font_size", c.font_size},
  };
  auto tabs = nlohmann::json::array();
  for (auto& t : c.tabs) tabs.push_back({{"kind", t.kind}, {"id", t.id}, {"pane", t.pane}, {"active", t.active}});
  j["tabs"] = std::move(tabs);

  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  auto tmp = file;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << j.dump(2) << '\n';
    if (!out) throw Error(ErrorKind::Io, "Could not write the settings file " + tmp.string() + ".");
  }
  std::filesystem::rename(tmp, file, ec);
  if (ec) throw Error(ErrorKind::Io, "Could not save the settings file " + file.string() + ": " + ec.message());
}

}  // namespace tftsr::gui
