#include "core/ai/system_prompt.h"

#include <optional>
#include <utility>
#include <vector>

#include "core/error.h"

namespace tftsr::ai::prompt_files {
const std::vector<std::pair<std::string_view, std::string_view>>& files();
}

namespace tftsr::ai {

namespace {

std::optional<std::string_view> find_file(std::string_view name) {
  for (const auto& [file, text] : prompt_files::files())
    if (file == name) return text;
  return std::nullopt;
}

std::string_view required_file(std::string_view name) {
  if (auto text = find_file(name)) return *text;
  throw Error(ErrorKind::Internal, "the built-in prompt " + std::string(name) + " is missing from this build");
}

std::string_view trim(std::string_view s) {
  const auto start = s.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return {};
  return s.substr(start, s.find_last_not_of(" \t\r\n") - start + 1);
}

bool plain_id(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id)
    if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '_') return false;
  return true;
}

}  // namespace

bool has_domain_prompt(std::string_view domain_id) {
  // The files that are not domain prompts share the folder.
  if (domain_id == "general" || domain_id == "five_whys_method" || domain_id == "reply_contract" ||
      domain_id == "log_analysis")
    return false;
  return plain_id(domain_id) && find_file(std::string(domain_id) + ".md").has_value();
}

std::string_view domain_prompt(std::string_view domain_id) {
  if (has_domain_prompt(domain_id)) return trim(*find_file(std::string(domain_id) + ".md"));
  return trim(required_file("general.md"));
}

std::string_view five_whys_method() { return trim(required_file("five_whys_method.md")); }

std::string_view reply_contract() { return trim(required_file("reply_contract.md")); }

std::string_view log_analysis_request() { return trim(required_file("log_analysis.md")); }

std::string system_prompt(std::string_view domain_id) {
  std::string out(domain_prompt(domain_id));
  out += "\n\n";
  out += five_whys_method();
  out += "\n\n";
  out += reply_contract();
  out += "\n";
  return out;
}

}  // namespace tftsr::ai
