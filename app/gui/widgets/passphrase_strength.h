#pragma once
// A rough strength estimate for a new passphrase, to nudge people towards long ones. It is a hint
// shown while typing, not a policy: only an empty passphrase is refused.
#include <string_view>

namespace tftsr::gui {

struct PassphraseStrength {
  int score = 0;  // 0 (empty) .. 4 (strong)
  const char* label = "";
};

PassphraseStrength passphrase_strength(std::string_view passphrase);

}  // namespace tftsr::gui
