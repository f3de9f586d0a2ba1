#pragma once
// The AI's help in the 5-Whys editor and the document editor: the next why-question, and a
// rewritten document section. Both are sent as messages of the incident's conversation through
// the AI service, so the gate masks and audits them like any chat message; they block until the
// reply is whole, so callers run them on a worker.
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace tftsr {
class Triage;
}

namespace tftsr::gui {

// whys: (question, answer) of the levels so far. Returns the suggested question, one line.
std::string suggest_next_why(Triage& triage, const std::string& incident_id, const std::string& incident_title,
                             const std::vector<std::pair<std::string, std::string>>& whys,
                             const std::function<bool()>& cancelled);

// Returns the section rewritten (Markdown, its heading kept).
std::string improve_section(Triage& triage, const std::string& incident_id, const std::string& doc_type,
                            const std::string& section_md, const std::function<bool()>& cancelled);

// The section of `text` (Markdown) holding byte `offset`: from the heading at or before it to the
// next heading of the same or a higher level. Whole text when it has no headings. [begin, end).
std::pair<std::size_t, std::size_t> markdown_section_at(const std::string& text, std::size_t offset);

}  // namespace tftsr::gui
