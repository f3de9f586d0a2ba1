#pragma once
// The stable id of a template: a hash of its text, so the same pattern found in two logs (or two
// runs) has the same id. 16 hex digits.
#include <string>
#include <string_view>

namespace tftsr::patterns {

std::string template_id(std::string_view template_text);

}  // namespace tftsr::patterns
