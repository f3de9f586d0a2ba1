#include "app/gui/views/ai_writing_help.h"

#include <algorithm>

#include "core/error.h"
#include "core/triage.h"

namespace tftsr::gui {

namespace {
std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string ask(Triage& triage, const std::string& incident_id, const std::string& message,
                const std::function<bool()>& cancelled) {
  ChatDraft draft;
  draft.incident_id = incident_id;
  draft.message = message;
  ChatEvents events;
  events.cancelled = cancelled;
  const ChatOutcome out = triage.ai().send(draft, events);
  if (!out.error.empty()) throw Error(ErrorKind::Network, "the model did not finish its answer: " + out.error);
  const std::string text = trimmed(out.reply.text);
  if (text.empty()) throw Error(ErrorKind::Network, "the model gave an empty answer");
  return text;
}

// Level of an ATX heading line ("## x" is 2), 0 for any other line.
int heading_level(const std::string& text, std::size_t line_start) {
  int level = 0;
  std::size_t i = line_start;
  while (i < text.size() && text[i] == '#' && level < 7) ++i, ++level;
  if (level == 0 || level > 6 || i >= text.size() || (text[i] != ' ' && text[i] != '\t')) return 0;
  return level;
}
}  // namespace

std::string suggest_next_why(Triage& triage, const std::string& incident_id, const std::string& incident_title,
                             const std::vector<std::pair<std::string, std::string>>& whys,
                             const std::function<bool()>& cancelled) {
  std::string msg = "We are doing a 5-Whys root-cause analysis of the incident \"" + incident_title + "\".\n";
  if (whys.empty()) msg += "No why has been asked yet.\n";
  for (std::size_t i = 0; i < whys.size(); ++i)
    msg += "Why " + std::to_string(i + 1) + ": " + whys[i].first + "\nAnswer: " +
           (trimmed(whys[i].second).empty() ? "(not answered yet)" : whys[i].second) + "\n";
  msg += "Suggest the next why-question to ask. Reply with the question only, on one line.";
  const std::string reply = ask(triage, incident_id, msg, cancelled);
  // The first line that says something; a "Why 3:" the model may put in front goes.
  std::string line;
  for (std::size_t start = 0; start < reply.size();) {
    const std::size_t end = std::min(reply.find('\n', start), reply.size());
    line = trimmed(reply.substr(start, end - start));
    if (!line.empty()) break;
    start = end + 1;
  }
  if (line.rfind("Why ", 0) == 0)
    if (const auto colon = line.find(':'); colon != std::string::npos && colon < 8) line = trimmed(line.substr(colon + 1));
  return line;
}

std::string improve_section(Triage& triage, const std::string& incident_id, const std::string& doc_type,
                            const std::string& section_md, const std::function<bool()>& cancelled) {
  if (trimmed(section_md).empty()) throw Error(ErrorKind::InvalidInput, "the section is empty: there is nothing to improve");
  const std::string kind = doc_type == "postmortem" ? "blameless post-mortem" : "root-cause analysis";
  const std::string msg = "Improve this section of a " + kind +
                          " document: clearer and more precise, keeping every fact, name, number and link, the "
                          "heading and the Markdown formatting. Reply with the Markdown of the section only.\n\n" +
                          section_md;
  std::string reply = ask(triage, incident_id, msg, cancelled);
  // A model may wrap its answer in a fence.
  if (reply.rfind("```", 0) == 0) {
    const auto first_nl = reply.find('\n');
    const auto last_fence = reply.rfind("```");
    if (first_nl != std::string::npos && last_fence > first_nl) reply = trimmed(reply.substr(first_nl + 1, last_fence - first_nl - 1));
  }
  return reply + "\n";
}

std::pair<std::size_t, std::size_t> markdown_section_at(const std::string& text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t begin = 0;
  int level = 0;
  // The last heading starting at or before the offset.
  for (std::size_t line = 0; line <= offset && line < text.size();) {
    if (const int l = heading_level(text, line)) begin = line, level = l;
    const std::size_t nl = text.find('\n', line);
    if (nl == std::string::npos) break;
    line = nl + 1;
  }
  if (level == 0) return {0, text.size()};
  std::size_t line = text.find('\n', begin);
  while (line != std::string::npos) {
    ++line;
    const int l = heading_level(text, line);
    if (l && l <= level) return {begin, line};
    line = text.find('\n', line);
  }
  return {begin, text.size()};
}

}  // namespace tftsr::gui
