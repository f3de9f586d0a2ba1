#include "core/ai/structured_reply.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/ai/utf8_repair.h"

namespace tftsr::ai {

namespace {

constexpr std::string_view kBlanks = " \t\r\n";

std::string_view trim_right(std::string_view s) {
  const auto end = s.find_last_not_of(kBlanks);
  return end == std::string_view::npos ? std::string_view{} : s.substr(0, end + 1);
}

std::string_view trim(std::string_view s) {
  s = trim_right(s);
  const auto start = s.find_first_not_of(kBlanks);
  return start == std::string_view::npos ? std::string_view{} : s.substr(start);
}

bool mentions_contract(std::string_view s) {
  return s.find("why_level") != std::string_view::npos || s.find("root_cause") != std::string_view::npos;
}

std::optional<std::string> optional_text(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::nullopt;
  std::string value = it->is_string() ? it->get<std::string>() : it->dump();
  if (trim(value).empty()) return std::nullopt;
  // Models write "null" or "none" as text when they mean nothing.
  if (value == "null" || value == "none" || value == "None" || value == "N/A") return std::nullopt;
  return value;
}

// The block's JSON into a WhyBlock; a description of the fault otherwise.
std::optional<WhyBlock> read_block(std::string_view json_text, std::string& problem) {
  const auto json = nlohmann::json::parse(repair_utf8(json_text), nullptr, false);
  if (json.is_discarded()) {
    problem = "the 5-Whys block at the end of the reply is not valid JSON";
    return std::nullopt;
  }
  if (!json.is_object()) {
    problem = "the 5-Whys block at the end of the reply is not a JSON object";
    return std::nullopt;
  }
  WhyBlock block;
  if (const auto it = json.find("why_level"); it != json.end() && !it->is_null()) {
    std::optional<double> level;
    if (it->is_number()) level = it->get<double>();
    if (it->is_string()) {
      try {
        level = std::stod(it->get<std::string>());
      } catch (const std::exception&) {
      }
    }
    if (!level || !std::isfinite(*level) || *level != std::floor(*level) || *level < 1 || *level > kWhyLevels) {
      problem = "the 5-Whys block names why_level " + it->dump() + ", which is not 1 to 5";
      return std::nullopt;
    }
    block.why_level = static_cast<int>(*level);
  }
  block.why_question = optional_text(json, "why_question").value_or("");
  block.answer = optional_text(json, "answer");
  block.root_cause = optional_text(json, "root_cause");
  if (!block.why_level && !block.root_cause) {
    problem = "the 5-Whys block names neither a why_level nor a root_cause";
    return std::nullopt;
  }
  return block;
}

struct Fence {
  std::size_t start = 0;      // where the opening ``` begins
  std::size_t body_start = 0;
  std::size_t body_end = 0;   // where the closing ``` begins
};

// The last fenced block, if the reply ends with it (only blanks after the closing fence).
std::optional<Fence> trailing_fence(std::string_view text) {
  const std::string_view trimmed = trim_right(text);
  if (trimmed.size() < 6 || trimmed.substr(trimmed.size() - 3) != "```") return std::nullopt;
  const std::size_t close = trimmed.size() - 3;
  if (close == 0) return std::nullopt;
  const std::size_t open = trimmed.rfind("```", close - 1);
  if (open == std::string_view::npos) return std::nullopt;
  // The opening fence runs to its line end (the info string, e.g. "json").
  const std::size_t line_end = trimmed.find('\n', open);
  if (line_end == std::string_view::npos || line_end > close) return std::nullopt;
  return Fence{open, line_end + 1, close};
}

// A bare {...} object at the very end of the reply (models that drop the fence).
std::optional<Fence> trailing_object(std::string_view text) {
  const std::string_view trimmed = trim_right(text);
  if (trimmed.empty() || trimmed.back() != '}') return std::nullopt;
  // Walk back to the '{' that opens the last object, skipping braces inside strings roughly:
  // try each '{' from the end until one parses.
  for (std::size_t pos = trimmed.rfind('{'); pos != std::string_view::npos; pos = pos == 0 ? std::string_view::npos : trimmed.rfind('{', pos - 1)) {
    const std::string_view candidate = trimmed.substr(pos);
    if (!mentions_contract(candidate)) continue;
    if (nlohmann::json::accept(repair_utf8(candidate))) return Fence{pos, pos, trimmed.size()};
    if (trimmed.size() - pos > 4096) break;
  }
  return std::nullopt;
}

}  // namespace

StructuredReply parse_structured_reply(std::string_view reply) {
  StructuredReply out;
  std::optional<Fence> fence = trailing_fence(reply);
  if (fence && !mentions_contract(reply.substr(fence->body_start, fence->body_end - fence->body_start)))
    fence.reset();  // an ordinary code block that ends the reply: leave it in the text
  if (!fence) fence = trailing_object(reply);
  if (!fence) {
    out.display_text = std::string(trim_right(reply));
    out.problem = "the reply does not end with the 5-Whys block, so the why level stays where it was";
    return out;
  }
  out.display_text = std::string(trim_right(reply.substr(0, fence->start)));
  out.block_json = std::string(reply.substr(fence->body_start, fence->body_end - fence->body_start));
  out.block = read_block(out.block_json, out.problem);
  return out;
}

std::size_t displayable_length(std::string_view text) {
  if (auto fence = trailing_fence(text);
      fence && mentions_contract(text.substr(fence->body_start, fence->body_end - fence->body_start)))
    return trim_right(text.substr(0, fence->start)).size();
  // An open fence whose body mentions the contract, or could still grow into it.
  std::size_t fences = 0;
  std::size_t last_open = std::string_view::npos;
  for (std::size_t pos = text.find("```"); pos != std::string_view::npos; pos = text.find("```", pos + 3)) {
    if (fences % 2 == 0) last_open = pos;
    ++fences;
  }
  if (fences % 2 == 1) {
    const std::string_view info = text.substr(last_open + 3, text.find('\n', last_open) == std::string_view::npos
                                                                   ? std::string_view::npos
                                                                   : text.find('\n', last_open) - last_open - 3);
    const bool json_like = trim(info).empty() || trim(info) == "json" || trim(info) == "JSON";
    const std::string_view body = text.substr(last_open);
    if (json_like && (mentions_contract(body) || body.size() < 64)) return last_open;
  }
  // A fence that is only starting: "`" or "``" at the very end.
  std::size_t n = text.size();
  while (n > 0 && text[n - 1] == '`' && text.size() - n < 3) --n;
  return n;
}

}  // namespace tftsr::ai
