#pragma once
// The document templates of assets/templates/, built into the binary, and filling them in.
#include <map>
#include <string>
#include <string_view>

namespace tftsr::docs {

// The template `name` (e.g. "rca.md") with every {{key}} replaced by values.at(key). A key the
// template names but values lack is a bug: Error(Internal), never an empty section.
std::string fill_template(std::string_view name, const std::map<std::string, std::string>& values);

}  // namespace tftsr::docs
