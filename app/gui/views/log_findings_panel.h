#pragma once
// The side panel of a log view: how many findings of each type are redacted and kept, with one
// button per type to redact or keep them all.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "core/model/finding.h"

namespace tftsr::gui {

struct FindingCounts {
  std::int64_t redact = 0;
  std::int64_t keep = 0;
};

std::map<std::string, FindingCounts> count_findings_by_type(const std::vector<PiiSpan>& findings);

// A colour per type, stable across runs, readable on both themes.
ImVec4 finding_type_colour(const std::string& pii_type);

struct BulkFindingAction {
  std::string action;  // "redact" or "keep"
  std::string pii_type;
};

// Where the panel goes in a pane of the given size: beside the text when the pane is wide
// enough for both, else below it; text_size is for the text's child window (0: the rest).
struct LogPanelPlacement {
  enum Where { Hidden, Beside, Below } panel;
  ImVec2 text_size;
};
LogPanelPlacement place_log_findings_panel(bool shown, ImVec2 avail, float font_size, ImVec2 spacing);

// Draws the panel; returns what the user asked for this frame.
std::optional<BulkFindingAction> draw_log_findings_panel(const std::map<std::string, FindingCounts>& counts,
                                                         bool scanned);

}  // namespace tftsr::gui
