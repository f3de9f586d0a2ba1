#include "core/docs/template_text.h"

#include <utility>
#include <vector>

#include "core/error.h"

namespace tftsr::docs::template_files {
const std::vector<std::pair<std::string_view, std::string_view>>& files();
}

namespace tftsr::docs {

namespace {
std::string_view template_named(std::string_view name) {
  for (const auto& [file, text] : template_files::files())
    if (file == name) return text;
  throw Error(ErrorKind::Internal, "the document template " + std::string(name) + " is missing from this build");
}
}  // namespace

std::string fill_template(std::string_view name, const std::map<std::string, std::string>& values) {
  std::string_view text = template_named(name);
  std::string out;
  out.reserve(text.size() * 2);
  std::size_t at = 0;
  while (true) {
    std::size_t open = text.find("{{", at);
    if (open == std::string_view::npos) break;
    std::size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out.append(text.substr(at, open - at));
    std::string key(text.substr(open + 2, close - open - 2));
    auto it = values.find(key);
    if (it == values.end())
      throw Error(ErrorKind::Internal, "the document template " + std::string(name) + " names {{" + key +
                                           "}}, which the generator does not fill");
    out += it->second;
    at = close + 2;
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace tftsr::docs
