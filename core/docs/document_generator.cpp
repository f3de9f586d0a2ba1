#include "core/docs/document_generator.h"

#include <ctime>
#include <map>

#include "core/docs/markdown_escape.h"
#include "core/docs/template_text.h"

namespace tftsr::docs {

namespace {
constexpr const char* kToFill = "*to be filled in*";

// Seconds since the epoch of "YYYY-MM-DD HH:MM:SS" (UTC); -1 if it does not parse.
long long parse_utc(const std::string& t) {
  std::tm tm{};
  if (std::sscanf(t.c_str(), "%d-%d-%d %d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                  &tm.tm_sec) != 6)
    return -1;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<long long>(timegm(&tm));
}

std::string duration_text(long long seconds) {
  if (seconds < 0) return "unknown";
  long long d = seconds / 86400, h = seconds % 86400 / 3600, m = seconds % 3600 / 60, s = seconds % 60;
  std::string out;
  if (d) out += std::to_string(d) + " d ";
  if (d || h) out += std::to_string(h) + " h ";
  if (d || h || m) out += std::to_string(m) + " min";
  else out += std::to_string(s) + " s";
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string duration_of(const Incident& i) {
  if (!i.resolved_at) return "Not resolved yet";
  long long a = parse_utc(i.created_at), b = parse_utc(*i.resolved_at);
  if (a < 0 || b < 0) return "unknown";
  return duration_text(b - a);
}

std::string size_text(std::int64_t bytes) {
  char buf[64];
  if (bytes >= 1024LL * 1024 * 1024) std::snprintf(buf, sizeof buf, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
  else if (bytes >= 1024 * 1024) std::snprintf(buf, sizeof buf, "%.1f MiB", bytes / (1024.0 * 1024));
  else if (bytes >= 1024) std::snprintf(buf, sizeof buf, "%.1f KiB", bytes / 1024.0);
  else std::snprintf(buf, sizeof buf, "%lld bytes", static_cast<long long>(bytes));
  return buf;
}

std::string or_text(const std::optional<std::string>& s, const std::string& missing) {
  return s && !s->empty() ? md_inline(*s) : missing;
}

std::string summary_rows(const IncidentFacts& f) {
  const Incident& i = f.incident;
  std::string out;
  auto row = [&out](const std::string& k, const std::string& v) { out += "| " + k + " | " + v + " |\n"; };
  row("Title", md_inline(i.title));
  row("Incident id", "`" + i.id + "`");
  row("Severity", md_inline(i.severity));
  row("Domain", or_text(f.domain_name ? f.domain_name : i.category, "Not set"));
  row("Status", md_inline(i.status));
  row("Opened (UTC)", md_inline(i.created_at));
  row("Resolved (UTC)", i.resolved_at ? md_inline(*i.resolved_at) : "Not resolved yet");
  row("Duration", duration_of(i));
  if (i.assigned_to) row("Assigned to", md_inline(*i.assigned_to));
  if (out.back() == '\n') out.pop_back();
  return out;
}

std::string description(const IncidentFacts& f) {
  if (!f.incident.description || f.incident.description->find_first_not_of(" \t\r\n") == std::string::npos)
    return "No description was recorded.";
  return md_block(*f.incident.description);
}

bool answered(const ResolutionStep& s) { return s.answer && s.answer->find_first_not_of(" \t\r\n") != std::string::npos; }

std::string five_whys(const IncidentFacts& f) {
  if (f.steps.empty()) return "No 5-Whys steps were recorded.";
  std::string out;
  for (const auto& s : f.steps) {
    if (!out.empty()) out += "\n\n";
    out += "### Why " + std::to_string(s.step_order) + ": " + md_inline(s.why_question) + "\n\n";
    out += "**Answer:** " + (answered(s) ? md_block(*s.answer) : std::string("*Not answered yet.*"));
    if (s.evidence && s.evidence->find_first_not_of(" \t\r\n") != std::string::npos)
      out += "\n\n**Evidence:** " + md_block(*s.evidence);
    std::string linked;
    for (const auto& e : f.evidence) {
      if (e.step_id != s.id) continue;
      linked += "\n- ";
      if (e.log_id)
        linked += "Log " + md_inline(e.file_name) + ", lines " + std::to_string(e.first_line) + "-" +
                  std::to_string(e.last_line);
      else
        linked += "Image " + md_inline(e.file_name);
    }
    if (!linked.empty()) out += "\n\n**Linked evidence:**\n" + linked;
  }
  return out;
}

const ResolutionStep* deepest_answer(const IncidentFacts& f) {
  const ResolutionStep* last = nullptr;
  for (const auto& s : f.steps)
    if (answered(s)) last = &s;
  return last;
}

std::string root_cause(const IncidentFacts& f) {
  if (f.root_cause) return md_block(*f.root_cause);
  if (const auto* s = deepest_answer(f))
    return "No root cause was recorded yet. The deepest answered why (why " + std::to_string(s->step_order) +
           ") reads: " + md_inline(*s->answer);
  return "No root cause was recorded yet.";
}

std::string redaction_state(const LogFile& l) {
  if (l.redacted) return "Redacted" + (l.redacted_sha256 ? " (redacted text `" + *l.redacted_sha256 + "`)" : std::string());
  if (l.scanned_at) return "Scanned, not redacted";
  return "Not scanned";
}

std::string logs_table(const IncidentFacts& f) {
  if (f.logs.empty()) return "No logs were analysed.";
  std::string out = "| File | Size | Lines | SHA-256 | Redaction |\n|---|---:|---:|---|---|\n";
  for (const auto& l : f.logs)
    out += "| " + md_inline(l.file_name) + " | " + (l.file_size ? size_text(*l.file_size) : std::string("unknown")) +
           " | " + std::to_string(l.line_count) + " | " +
           (l.content_hash ? "`" + *l.content_hash + "`" : std::string("not recorded")) + " | " + redaction_state(l) +
           " |\n";
  out.pop_back();
  return out;
}

std::string timeline_table(const IncidentFacts& f) {
  if (f.timeline.empty()) return "No timeline events were recorded.";
  std::string out = "| Time (UTC) | Event | What happened |\n|---|---|---|\n";
  for (const auto& e : f.timeline)
    out += "| " + md_inline(e.created_at) + " | " + md_inline(e.event_type) + " | " + md_inline(e.summary) + " |\n";
  out.pop_back();
  return out;
}

std::string priority_for(const std::string& severity) {
  if (severity == "P1") return "High";
  if (severity == "P2") return "High";
  if (severity == "P3") return "Medium";
  return "Low";
}

// The store keeps no action items yet: the table proposes the usual ones with fields to fill.
std::string action_items(const IncidentFacts& f) {
  std::string prio = priority_for(f.incident.severity);
  std::vector<std::string> actions;
  if (f.root_cause) actions.push_back("Remove the root cause: " + md_inline(*f.root_cause));
  else actions.push_back("Find and remove the root cause (" + std::string(kToFill) + ")");
  actions.push_back("Add monitoring or an alert that detects this failure earlier");
  actions.push_back("Document the fix in the runbook of the affected service");
  std::string out = "| Action | Owner | Priority | Due date | Ticket |\n|---|---|---|---|---|\n";
  for (const auto& a : actions)
    out += "| " + a + " | " + kToFill + " | " + prio + " | " + kToFill + " | " + kToFill + " |\n";
  out.pop_back();
  return out;
}

std::string impact(const IncidentFacts& f) {
  return "Severity " + md_inline(f.incident.severity) + " incident" +
         (f.domain_name ? " in the " + md_inline(*f.domain_name) + " domain" : std::string()) +
         ". Users, services and data affected: " + kToFill + ".";
}

std::string detection(const IncidentFacts& f) {
  std::string out = "The incident was opened on " + md_inline(f.incident.created_at) + " UTC";
  if (f.incident.source) out += " from " + md_inline(*f.incident.source);
  out += ". How it was noticed (alert, user report, dashboard): ";
  out += kToFill;
  out += ".";
  return out;
}

std::string trigger(const IncidentFacts& f) {
  for (const auto& s : f.steps)
    if (answered(s)) return "As found with the first answered why (" + md_inline(s.why_question) + "): " + md_inline(*s.answer);
  return std::string("The trigger was not recorded: ") + kToFill + ".";
}

std::string root_causes(const IncidentFacts& f) {
  std::string out = "**Root cause:** " + (f.root_cause ? md_inline(*f.root_cause) : std::string("not recorded yet."));
  std::string factors;
  for (const auto& s : f.steps)
    if (answered(s)) factors += "\n- Why " + std::to_string(s.step_order) + ": " + md_inline(*s.answer);
  out += "\n\n**Contributing factors** (the answers of the 5 Whys):\n";
  out += factors.empty() ? "\nNo 5-Whys steps were answered." : factors;
  return out;
}

std::string resolution(const IncidentFacts& f) {
  const Incident& i = f.incident;
  std::string out;
  if (i.resolved_at)
    out = "Resolved on " + md_inline(*i.resolved_at) + " UTC, " + duration_of(i) + " after the incident was opened.";
  else
    out = "The incident is not resolved yet (status: " + md_inline(i.status) + ").";
  out += " What was done to restore service: ";
  out += kToFill;
  out += ".";
  return out;
}

std::string links(const IncidentFacts& f) {
  std::string out;
  for (const auto& l : f.logs)
    out += "- Log " + md_inline(l.file_name) + (l.content_hash ? " (SHA-256 `" + *l.content_hash + "`)" : std::string()) + "\n";
  for (const auto& im : f.images)
    out += "- Screenshot " + md_inline(im.file_name) + " (SHA-256 `" + im.upload_hash + "`)\n";
  if (out.empty()) return "No logs or screenshots are attached to the incident. Tickets, dashboards and chat threads: " +
                          std::string(kToFill) + ".";
  out += "- Tickets, dashboards and chat threads: " + std::string(kToFill);
  return out;
}

std::string lesson_placeholder() { return std::string("- ") + kToFill; }

std::map<std::string, std::string> common(const IncidentFacts& f, const std::string& generated_at) {
  return {{"title", md_inline(f.incident.title)},
          {"generated_at", md_inline(generated_at)},
          {"incident_id", "`" + f.incident.id + "`"},
          {"summary_rows", summary_rows(f)},
          {"timeline", timeline_table(f)}};
}
}  // namespace

std::string generate_rca(const IncidentFacts& f, const std::string& generated_at) {
  auto v = common(f, generated_at);
  v["description"] = description(f);
  v["five_whys"] = five_whys(f);
  v["root_cause"] = root_cause(f);
  v["logs"] = logs_table(f);
  v["corrective_actions"] = action_items(f);
  return fill_template("rca.md", v);
}

std::string generate_postmortem(const IncidentFacts& f, const std::string& generated_at) {
  auto v = common(f, generated_at);
  v["summary"] = description(f);
  v["impact"] = impact(f);
  v["detection"] = detection(f);
  v["trigger"] = trigger(f);
  v["root_causes"] = root_causes(f);
  v["resolution"] = resolution(f);
  v["action_items"] = action_items(f);
  v["went_well"] = lesson_placeholder();
  v["went_wrong"] = lesson_placeholder();
  v["got_lucky"] = lesson_placeholder();
  v["links"] = links(f);
  return fill_template("postmortem.md", v);
}

std::string document_title(const std::string& doc_type, const std::string& incident_title) {
  return (doc_type == "rca" ? "RCA: " : "Post-mortem: ") + incident_title;
}

}  // namespace tftsr::docs
