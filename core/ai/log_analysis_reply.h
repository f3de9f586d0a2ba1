#pragma once
// Reading the reply to "Analyze logs": summary, key findings, severity and the first why, from the
// JSON block the analysis request asks for (the same block that carries the 5-Whys fields). A
// reply without a usable block keeps its text as the summary and says why nothing else was read.
#include <string>
#include <string_view>
#include <vector>

namespace tftsr::ai {

struct AnalysisReply {
  std::string display_text;  // the reply without the block
  std::string summary;
  std::vector<std::string> key_findings;
  std::string severity;   // P1..P4, or empty when the model gave none we understand
  std::string first_why;
  std::string problem;    // non-empty when the block was missing or unusable
};

AnalysisReply parse_analysis_reply(std::string_view reply);

// "critical" -> P1, "high" -> P2, "medium"/"moderate" -> P3, "low"/"minor" -> P4; "P1".."P4"
// and "sev1".."sev4" as they are. Empty for anything else.
std::string severity_from_words(std::string_view words);

}  // namespace tftsr::ai
