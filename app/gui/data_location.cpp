#include "app/gui/data_location.h"

#include "core/store/data_dir.h"

namespace tftsr::gui {

std::filesystem::path resolve_data_dir() { return tftsr::default_data_dir(); }

}  // namespace tftsr::gui
