#pragma once
// Settings › Detection: which kinds of personal data and secrets the scanner looks for. Stored in
// the store's "pii.disabled_types" setting, which every scan reads.
#include <cstdint>
#include <string>

#include "app/gui/app_state.h"
#include "core/pii/pii_type.h"

namespace tftsr::gui {

class DetectionSettings {
 public:
  void draw(AppState& state);

 private:
  void load(AppState& state);
  void save(AppState& state);
  pii::PiiTypeSet enabled_ = pii::all_pii_types();
  std::uint64_t loaded_version_ = 0;  // data_version the checkboxes were read at
  std::string error_;
};

}  // namespace tftsr::gui
