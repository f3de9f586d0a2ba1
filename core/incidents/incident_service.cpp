#include "core/incidents/incident_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/crypto/uuid.h"
#include "core/domains.h"
#include "core/error.h"
#include "core/journal/journal.h"
#include "core/logs/log_repository.h"
#include "core/service_context.h"
#include "core/store/database.h"
#include "core/store/encrypted_file_store.h"
#include "core/images/image_library.h"
#include "core/store/evidence_repository.h"
#include "core/store/issue_repository.h"
#include "core/store/step_repository.h"
#include "core/store/timeline_repository.h"

namespace tftsr {

namespace {
constexpr std::size_t kMaxTitle = 500;

template <std::size_t N>
bool one_of(const std::string& v, const char* const (&options)[N]) {
  return std::any_of(std::begin(options), std::end(options), [&](const char* o) { return v == o; });
}

std::string trimmed(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string checked_title(const std::string& raw) {
  std::string t = trimmed(raw);
  if (t.empty()) throw Error(ErrorKind::InvalidInput, "the title must not be empty");
  if (t.size() > kMaxTitle)
    throw Error(ErrorKind::InvalidInput, "the title is too long (" + std::to_string(t.size()) + " bytes; at most " +
                                             std::to_string(kMaxTitle) + ")");
  return t;
}

std::string checked_severity(const std::string& s) {
  if (!one_of(s, kSeverities))
    throw Error(ErrorKind::InvalidInput, "unknown severity \"" + s + "\" (use P1, P2, P3 or P4)");
  return s;
}

std::string checked_status(const std::string& s) {
  if (!one_of(s, kStatuses))
    throw Error(ErrorKind::InvalidInput,
                "unknown status \"" + s + "\" (use open, investigating, resolved or closed)");
  return s;
}

// The message keeps the seed's word "category": it is the name of the CLI option.
std::optional<std::string> checked_domain(const std::optional<std::string>& c) {
  if (!c || trimmed(*c).empty()) return std::nullopt;
  auto d = find_domain(trimmed(*c));
  if (!d) {
    std::string names;
    for (const auto& dom : all_domains()) names += (names.empty() ? "" : ", ") + std::string(dom.id);
    throw Error(ErrorKind::InvalidInput, "unknown category \"" + *c + "\" (one of: " + names + ")");
  }
  return std::string(d->id);
}

std::optional<std::string> blank_to_null(const std::optional<std::string>& s) {
  if (!s || trimmed(*s).empty()) return std::nullopt;
  return s;
}

void check_step_order(int n) {
  if (n < 1 || n > 5)
    throw Error(ErrorKind::InvalidInput, "step " + std::to_string(n) + " is out of range: a 5-Whys step is 1 to 5");
}

std::string show(const std::optional<std::string>& s) { return s ? *s : std::string("(none)"); }
}  // namespace

Incident IncidentService::create(const NewIncident& in) {
  Incident i;
  i.title = checked_title(in.title);
  i.severity = checked_severity(in.severity);
  i.category = checked_domain(in.category);
  i.description = blank_to_null(in.description);
  i.status = "open";
  i.id = uuid_v7();
  i.created_at = i.updated_at = utc_now_text();
  ServiceLock lock(ctx_.mutex);
  Transaction tx(ctx_.db);
  IssueRepository(ctx_.db).insert(i);
  ctx_.journal.event(i.id, "created", "Incident created (" + i.severity + ")");
  tx.commit();
  return i;
}

IncidentDetail IncidentService::get(const std::string& id) {
  return read_committed(ctx_, [&](Database& db) {
    IncidentDetail d;
    d.incident = IssueRepository(db).get(id);
    d.resolution_steps = StepRepository(db).for_issue(id);
    d.timeline = TimelineRepository(db).for_issue(id);
    return d;
  });
}

std::vector<Incident> IncidentService::list(const IncidentFilter& filter) {
  IncidentFilter f = filter;
  if (f.status) checked_status(*f.status);
  if (f.severity) checked_severity(*f.severity);
  if (f.category) f.category = checked_domain(f.category);
  return read_committed(ctx_, [&](Database& db) { return IssueRepository(db).list(f); });
}

std::int64_t IncidentService::count(const IncidentFilter& filter) {
  IncidentFilter f = filter;
  if (f.category) f.category = checked_domain(f.category);
  return read_committed(ctx_, [&](Database& db) { return IssueRepository(db).count(f); });
}

Incident IncidentService::update(const std::string& id, const IncidentPatch& p) {
  ServiceLock lock(ctx_.mutex);
  Transaction tx(ctx_.db);
  Incident before = IssueRepository(ctx_.db).get(id);
  Incident after = before;
  std::vector<std::pair<std::string, std::string>> events;  // type, summary
  if (p.title) {
    after.title = checked_title(*p.title);
    if (after.title != before.title) events.push_back({"updated", "Title changed to \"" + after.title + "\""});
  }
  if (p.description) {
    after.description = blank_to_null(p.description);
    if (after.description != before.description) events.push_back({"updated", "Description edited"});
  }
  if (p.severity) {
    after.severity = checked_severity(*p.severity);
    if (after.severity != before.severity)
      events.push_back({"severity_changed", "Severity " + before.severity + " → " + after.severity});
  }
  if (p.category) {
    after.category = checked_domain(p.category);
    if (after.category != before.category)
      events.push_back({"updated", "Domain " + show(before.category) + " → " + show(after.category)});
  }
  if (p.status) {
    after.status = checked_status(*p.status);
    if (after.status != before.status) {
      events.push_back({"status_changed", "Status " + before.status + " → " + after.status});
      const std::string now = utc_now_text();
      if (after.status == "resolved") after.resolved_at = now;
      else if (after.status == "open" || after.status == "investigating") after.resolved_at.reset();
      // closed keeps the resolved_at it had (or none, if closed without being resolved)
    }
  }
  if (events.empty()) return before;  // nothing changed: no write, no event
  after.updated_at = utc_now_text();
  IssueRepository(ctx_.db).update(after);
  for (const auto& [type, summary] : events) ctx_.journal.event(id, type, summary);
  tx.commit();
  return after;
}

void IncidentService::remove(const std::string& id) {
  ServiceLock lock(ctx_.mutex);
  Transaction tx(ctx_.db);
  Incident i = IssueRepository(ctx_.db).get(id);
  LogRepository logs(ctx_.db);
  const auto blobs = logs.blobs_of_issue(id);
  for (const auto& l : logs.for_issue(id)) logs.remove_spans(l.id);  // not all in the cascade's one statement
  IssueRepository(ctx_.db).remove(id);
  nlohmann::json details = {{"title", i.title}, {"severity", i.severity}, {"status", i.status}};
  ctx_.journal.audit("issue_delete", "issue", id, details.dump());
  tx.commit();
  for (const auto& b : blobs) ctx_.content.remove(b);  // a failure here is swept at the next open
}

std::vector<Incident> IncidentService::search(const std::string& query, int limit) {
  if (trimmed(query).empty()) throw Error(ErrorKind::InvalidInput, "the search query is empty");
  IncidentFilter f;
  f.text = query;
  f.limit = limit;
  return read_committed(ctx_, [&](Database& db) { return IssueRepository(db).list(f); });
}

DashboardStats IncidentService::dashboard(int recent_limit) {
  return read_committed(ctx_, [&](Database& db) {
    IssueRepository repo(db);
    DashboardStats s;
    s.open = repo.count_where(" WHERE status IN ('open','investigating')", {});
    s.resolved_last_7_days = repo.count_where(" WHERE resolved_at >= datetime('now', '-7 days')", {});
    s.open_p1_p2 = repo.count_where(" WHERE status IN ('open','investigating') AND severity IN ('P1','P2')", {});
    IncidentFilter f;
    f.limit = recent_limit;
    s.recent = repo.list(f);
    return s;
  });
}

ResolutionStep IncidentService::add_step(const std::string& incident_id, int step_order, const std::string& question,
                                         std::optional<std::string> answer, std::optional<std::string> evidence) {
  check_step_order(step_order);
  if (trimmed(question).empty()) throw Error(ErrorKind::InvalidInput, "the why-question must not be empty");
  ServiceLock lock(ctx_.mutex);
  Transaction tx(ctx_.db);
  IssueRepository(ctx_.db).get(incident_id);
  for (const auto& s : StepRepository(ctx_.db).for_issue(incident_id))
    if (s.step_order == step_order)
      throw Error(ErrorKind::InvalidInput, "step " + std::to_string(step_order) + " already exists (id " + s.id +
                                               "); update it instead");
  ResolutionStep s{uuid_v7(),       incident_id, step_order, trimmed(question), blank_to_null(answer),
                   blank_to_null(evidence), utc_now_text()};
  StepRepository(ctx_.db).insert(s);
  ctx_.journal.event(incident_id, "step_added", "Why " + std::to_string(step_order) + ": " + s.why_question);
  tx.commit();
  return s;
}

ResolutionStep IncidentService::update_step(const std::string& step_id, const StepPatch& p) {
  ServiceLock lock(ctx_.mutex);
  Transaction tx(ctx_.db);
  auto found = StepRepository(ctx_.db).find(step_id);
  if (!found) throw Error(ErrorKind::NotFound, "no 5-Whys step with id " + step_id);
  ResolutionStep s = *found;
  if (p.why_question) {
    if (trimmed(*p.why_question).empty()) throw Error(ErrorKind::InvalidInput, "the why-question must not be empty");
    s.why_question = trimmed(*p.why_question);
  }
  if (p.answer) s.answer = blank_to_null(p.answer);
  if (p.evidence) s.evidence = blank_to_null(p.evidence);
  StepRepository(ctx_.db).update(s);
  ctx_.journal.event(s.issue_id, "step_updated", "Why " + std::to_string(s.step_order) + " updated");
  tx.commit();
  return s;
}

std::vector<ResolutionStep> IncidentService::steps(const std::string& incident_id) {
  return read_committed(ctx_, [&](Database& db) {
    IssueRepository(db).get(incident_id);
    return StepRepository(db).for_issue(incident_id);
  });
}

std::vector<TimelineEvent> IncidentService::timeline(const std::string& incident_id) {
  return read_committed(ctx_, [&](Database& db) {
    IssueRepository(db).get(incident_id);
    return TimelineRepository(db).for_issue(incident_id);
  });
}

TimelineEvent IncidentService::add_note(const std::string& incident_id, const std::string& text) {
  if (trimmed(text).empty()) throw Error(ErrorKind::InvalidInput, "the note is empty");
  ServiceLock lock(ctx_.mutex);
  Transaction tx(ctx_.db);
  IssueRepository(ctx_.db).get(incident_id);
  auto e = ctx_.journal.event(incident_id, "note", trimmed(text));
  tx.commit();
  return e;
}

void IncidentService::set_root_cause(const std::string& incident_id, const std::string& text) {
  const std::string cause = trimmed(text);
  if (cause.empty()) throw Error(ErrorKind::InvalidInput, "the root cause is empty");
  ServiceLock lock(ctx_.mutex);
  Transaction tx(ctx_.db);
  IssueRepository(ctx_.db).get(incident_id);
  ctx_.db
      .prepare(
          "INSERT INTO incident_whys(issue_id, level, root_cause, updated_at) VALUES (?, 5, ?, ?) "
          "ON CONFLICT(issue_id) DO UPDATE SET root_cause = excluded.root_cause, updated_at = excluded.updated_at")
      .bind(1, incident_id).bind(2, cause).bind(3, utc_now_text())
      .run();
  ctx_.journal.event(incident_id, "root_cause_found", "Root cause: " + cause);
  tx.commit();
}

namespace {
ResolutionStep step_or_throw(Database& db, const std::string& step_id) {
  auto step = StepRepository(db).find(step_id);
  if (!step) throw Error(ErrorKind::NotFound, "no 5-Whys step with id " + step_id);
  return *step;
}
}  // namespace

EvidenceLink IncidentService::link_log_lines(const std::string& step_id, const std::string& log_id,
                                             std::int64_t first_line, std::int64_t last_line) {
  ServiceLock lock(ctx_.mutex);
  ResolutionStep step = step_or_throw(ctx_.db, step_id);
  auto log = LogRepository(ctx_.db).find(log_id);
  if (!log || log->issue_id != step.issue_id)
    throw Error(ErrorKind::NotFound, "no log with id " + log_id + " in this step's incident");
  if (last_line < first_line)
    throw Error(ErrorKind::InvalidInput, "lines " + std::to_string(first_line) + "-" + std::to_string(last_line) +
                                             " run backwards: give the first line first (" + std::to_string(last_line) +
                                             "-" + std::to_string(first_line) + ")");
  if (first_line < 1 || last_line > log->line_count)
    throw Error(ErrorKind::InvalidInput, "lines " + std::to_string(first_line) + "-" + std::to_string(last_line) +
                                             " are not in " + log->file_name + " (it has lines 1-" +
                                             std::to_string(log->line_count) + ")");
  EvidenceLink e{uuid_v7(), step_id, log_id, first_line, last_line, std::nullopt, utc_now_text(), log->file_name};
  Transaction tx(ctx_.db);
  EvidenceRepository(ctx_.db).insert(e);
  ctx_.journal.event(step.issue_id, "evidence_linked",
                     "Why " + std::to_string(step.step_order) + ": evidence " + log->file_name + " lines " +
                         std::to_string(first_line) + "-" + std::to_string(last_line));
  tx.commit();
  return e;
}

EvidenceLink IncidentService::link_image(const std::string& step_id, const std::string& image_id) {
  ServiceLock lock(ctx_.mutex);
  ResolutionStep step = step_or_throw(ctx_.db, step_id);
  ImageAttachment image = ImageLibrary(ctx_.db).get(image_id);
  if (image.issue_id != step.issue_id)
    throw Error(ErrorKind::NotFound, "no image with id " + image_id + " in this step's incident");
  EvidenceLink e{uuid_v7(), step_id, std::nullopt, 0, 0, image_id, utc_now_text(), image.file_name};
  Transaction tx(ctx_.db);
  EvidenceRepository(ctx_.db).insert(e);
  ctx_.journal.event(step.issue_id, "evidence_linked",
                     "Why " + std::to_string(step.step_order) + ": evidence image " + image.file_name);
  tx.commit();
  return e;
}

std::vector<EvidenceLink> IncidentService::evidence(const std::string& step_id) {
  return read_committed(ctx_, [&](Database& db) {
    step_or_throw(db, step_id);
    return EvidenceRepository(db).for_step(step_id);
  });
}

namespace {
// Numbers the steps 1..n in the order given (in the caller's transaction).
void renumber(Database& db, const std::vector<ResolutionStep>& ordered) {
  StepRepository repo(db);
  for (std::size_t i = 0; i < ordered.size(); ++i)
    if (ordered[i].step_order != static_cast<int>(i + 1)) repo.set_order(ordered[i].id, static_cast<int>(i + 1));
}
}  // namespace

ResolutionStep IncidentService::insert_step(const std::string& incident_id, int at, const std::string& question) {
  if (trimmed(question).empty()) throw Error(ErrorKind::InvalidInput, "the why-question must not be empty");
  ServiceLock lock(ctx_.mutex);
  Transaction tx(ctx_.db);
  IssueRepository(ctx_.db).get(incident_id);
  std::vector<ResolutionStep> steps = StepRepository(ctx_.db).for_issue(incident_id);
  if (steps.size() >= 5) throw Error(ErrorKind::InvalidInput, "this incident has five whys already: remove one first");
  if (at < 1 || at > static_cast<int>(steps.size()) + 1)
    throw Error(ErrorKind::InvalidInput, "a why can go at positions 1 to " + std::to_string(steps.size() + 1));
  ResolutionStep s{uuid_v7(), incident_id, at, trimmed(question), std::nullopt, std::nullopt, utc_now_text()};
  steps.insert(steps.begin() + (at - 1), s);
  StepRepository(ctx_.db).insert(s);
  renumber(ctx_.db, steps);
  ctx_.journal.event(incident_id, "step_added", "Why " + std::to_string(at) + ": " + s.why_question);
  tx.commit();
  return s;
}

std::vector<ResolutionStep> IncidentService::move_step(const std::string& step_id, int to) {
  ServiceLock lock(ctx_.mutex);
  Transaction tx(ctx_.db);
  const ResolutionStep step = step_or_throw(ctx_.db, step_id);
  std::vector<ResolutionStep> steps = StepRepository(ctx_.db).for_issue(step.issue_id);
  if (to < 1 || to > static_cast<int>(steps.size()))
    throw Error(ErrorKind::InvalidInput, "a why can move to positions 1 to " + std::to_string(steps.size()));
  auto it = std::find_if(steps.begin(), steps.end(), [&](const ResolutionStep& s) { return s.id == step_id; });
  const int from = static_cast<int>(it - steps.begin()) + 1;
  if (from == to) return steps;
  ResolutionStep moving = *it;
  steps.erase(it);
  steps.insert(steps.begin() + (to - 1), moving);
  renumber(ctx_.db, steps);
  ctx_.journal.event(step.issue_id, "step_updated",
                     "Why " + std::to_string(from) + " moved to position " + std::to_string(to));
  tx.commit();
  for (std::size_t i = 0; i < steps.size(); ++i) steps[i].step_order = static_cast<int>(i + 1);
  return steps;
}

void IncidentService::remove_step(const std::string& step_id) {
  ServiceLock lock(ctx_.mutex);
  Transaction tx(ctx_.db);
  const ResolutionStep step = step_or_throw(ctx_.db, step_id);
  StepRepository(ctx_.db).remove(step_id);
  renumber(ctx_.db, StepRepository(ctx_.db).for_issue(step.issue_id));
  ctx_.journal.event(step.issue_id, "step_removed", "Why " + std::to_string(step.step_order) + " removed: " + step.why_question);
  tx.commit();
}

void IncidentService::unlink_evidence(const std::string& link_id) {
  ServiceLock lock(ctx_.mutex);
  Transaction tx(ctx_.db);
  auto link = EvidenceRepository(ctx_.db).find(link_id);
  if (!link) throw Error(ErrorKind::NotFound, "no evidence link with id " + link_id);
  const ResolutionStep step = step_or_throw(ctx_.db, link->step_id);
  EvidenceRepository(ctx_.db).remove(link_id);
  ctx_.journal.event(step.issue_id, "evidence_unlinked",
                     "Why " + std::to_string(step.step_order) + ": evidence " + link->file_name + " unlinked");
  tx.commit();
}

}  // namespace tftsr
