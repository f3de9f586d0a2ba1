#pragma once
// The single system message of a conversation: the incident's domain prompt, the 5-Whys method
// and the structured-reply contract, all written by us in assets/prompts/ and built into the
// binary.
#include <string>
#include <string_view>

namespace tftsr::ai {

// The expert prompt of a domain (its id, as in issues.category). An empty or unknown id gets
// the general prompt, so an incident without a domain can still be discussed.
std::string_view domain_prompt(std::string_view domain_id);
bool has_domain_prompt(std::string_view domain_id);

std::string_view five_whys_method();
std::string_view reply_contract();
// The user message of "Analyze logs", sent before the log excerpts.
std::string_view log_analysis_request();

// domain prompt + 5-Whys method + reply contract, separated by blank lines.
std::string system_prompt(std::string_view domain_id);

}  // namespace tftsr::ai
