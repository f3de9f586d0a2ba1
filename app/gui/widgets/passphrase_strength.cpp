#include "app/gui/widgets/passphrase_strength.h"

#include <cctype>
#include <cmath>
#include <set>

namespace tftsr::gui {

PassphraseStrength passphrase_strength(std::string_view p) {
  if (p.empty()) return {0, "empty"};
  bool lower = false, upper = false, digit = false, other = false;
  std::set<char> distinct;
  for (char c : p) {
    auto u = static_cast<unsigned char>(c);
    lower |= std::islower(u) != 0;
    upper |= std::isupper(u) != 0;
    digit |= std::isdigit(u) != 0;
    other |= !std::isalnum(u);
    distinct.insert(c);
  }
  int pool = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (other ? 33 : 0);
  // Bits of a random string of this length from these classes, capped by how varied it really is.
  double bits = static_cast<double>(p.size()) * std::log2(static_cast<double>(pool));
  bits = std::min(bits, static_cast<double>(distinct.size()) * 6.0);
  if (bits < 28) return {1, "very weak"};
  if (bits < 45) return {2, "weak"};
  if (bits < 70) return {3, "fair"};
  return {4, "strong"};
}

}  // namespace tftsr::gui
