#include "core/ai/log_analysis_reply.h"

#include <cctype>
#include <nlohmann/json.hpp>

#include "core/ai/structured_reply.h"
#include "core/ai/utf8_repair.h"

namespace tftsr::ai {

namespace {

std::string lower_trimmed(std::string_view s) {
  std::string out;
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string text_of(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  return it->is_string() ? it->get<std::string>() : it->dump();
}

}  // namespace

std::string severity_from_words(std::string_view words) {
  const std::string w = lower_trimmed(words);
  if (w.empty()) return {};
  if (w.size() == 2 && w[0] == 'p' && w[1] >= '1' && w[1] <= '4') return std::string("P") + w[1];
  if (w.size() == 4 && w.rfind("sev", 0) == 0 && w[3] >= '1' && w[3] <= '4') return std::string("P") + w[3];
  if (w.rfind("critical", 0) == 0 || w.rfind("urgent", 0) == 0) return "P1";
  if (w.rfind("high", 0) == 0 || w.rfind("major", 0) == 0) return "P2";
  if (w.rfind("medium", 0) == 0 || w.rfind("moderate", 0) == 0) return "P3";
  if (w.rfind("low", 0) == 0 || w.rfind("minor", 0) == 0) return "P4";
  return {};
}

AnalysisReply parse_analysis_reply(std::string_view reply) {
  AnalysisReply out;
  const StructuredReply structured = parse_structured_reply(reply);
  out.display_text = structured.display_text;
  const auto json = structured.block_json.empty()
                        ? nlohmann::json()
                        : nlohmann::json::parse(repair_utf8(structured.block_json), nullptr, false);
  if (!json.is_object()) {
    out.summary = out.display_text;
    out.problem = structured.problem.empty() ? "the reply does not end with the analysis block" : structured.problem;
    out.problem += "; the whole reply is kept as the summary";
    return out;
  }
  out.summary = text_of(json, "summary");
  if (out.summary.empty()) out.summary = out.display_text;
  if (const auto it = json.find("key_findings"); it != json.end() && it->is_array())
    for (const auto& item : *it)
      if (std::string s = item.is_string() ? item.get<std::string>() : item.dump(); !s.empty())
        out.key_findings.push_back(std::move(s));
  out.severity = severity_from_words(text_of(json, "severity"));
  out.first_why = text_of(json, "why_question");
  if (out.first_why.empty()) out.first_why = text_of(json, "first_why");
  return out;
}

}  // namespace tftsr::ai
