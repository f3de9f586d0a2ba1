#include "core/patterns/pattern_service.h"

#include <set>

#include "core/error.h"
#include "core/logs/file_text_reader.h"
#include "core/logs/log_repository.h"
#include "core/logs/stored_text_reader.h"
#include "core/patterns/line_splitter.h"
#include "core/patterns/log_pattern_repository.h"
#include "core/patterns/pattern_summary.h"
#include "core/service_context.h"
#include "core/store/database.h"
#include "core/store/issue_repository.h"
#include "core/store/step_repository.h"

namespace tftsr {

namespace {
// Feeds what `read(piece)` gives to a miner, line by line; `fraction()` for the progress.
template <typename Read, typename Fraction>
patterns::PatternReport mine_stream(const patterns::MinerOptions& options, const Progress& progress, Read&& read,
                                    Fraction&& fraction) {
  patterns::PatternMiner miner(options);
  patterns::LineSplitter lines(options.max_line_bytes);
  auto add = [&](std::string_view line, bool cut) { miner.add_line(line, cut); };
  std::string piece;
  progress.update(0.0, "mining patterns");
  for (bool more = true; more;) {
    progress.throw_if_cancelled();
    piece.clear();
    more = read(piece);
    lines.feed(piece, add);
    progress.update(0.99 * fraction(), "mining patterns");
  }
  lines.finish(add);
  auto report = miner.finish();
  progress.update(1.0, "mined");
  return report;
}
}  // namespace

patterns::PatternReport PatternService::mine_file(const std::filesystem::path& path,
                                                  const patterns::MinerOptions& options, const Progress& progress) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec) && std::filesystem::file_size(path, ec) == 0 && !ec)
    return patterns::PatternMiner(options).finish();
  logs::FileTextReader reader(path);
  return mine_stream(
      options, progress, [&](std::string& out) { return reader.read(out); }, [&] { return reader.fraction(); });
}

patterns::PatternReport PatternService::mine_log(const std::string& log_id, const patterns::MinerOptions& options,
                                                 const Progress& progress, bool redacted) {
  LogFile log;
  {
    ServiceLock lock(ctx_.mutex);
    auto found = LogRepository(ctx_.db).find(log_id);
    if (!found) throw Error(ErrorKind::NotFound, "no log with id " + log_id);
    log = *found;
  }
  if (redacted && !log.redacted_blob)
    throw Error(ErrorKind::InvalidInput, "log " + log.file_name + " has no redacted version yet: apply redactions first");
  // The sealed text is read without the lock: the content store is thread-safe on its own.
  logs::StoredTextReader reader(ctx_.content, log, redacted);
  return mine_stream(
      options, progress, [&](std::string& out) { return reader.read(out); }, [&] { return reader.fraction(); });
}

namespace {

std::vector<LogFile> logs_to_mine(Database& db, const std::string& incident_id) {
  std::vector<LogFile> out;
  patterns::LogPatternRepository mined(db);
  if (!incident_id.empty()) {
    for (auto& log : LogRepository(db).for_issue(incident_id))
      if (!mined.is_mined(log.id)) out.push_back(std::move(log));
    return out;
  }
  auto st = db.prepare(
      "SELECT l.issue_id FROM log_files l WHERE NOT EXISTS (SELECT 1 FROM log_pattern_runs r WHERE r.log_file_id = l.id) "
      "GROUP BY l.issue_id");
  std::vector<std::string> incidents;
  while (st.step()) incidents.push_back(st.text(0));
  for (const auto& id : incidents)
    for (auto& log : logs_to_mine(db, id)) out.push_back(std::move(log));
  return out;
}

// Everything written about an incident, for comparing words.
std::string words_of(Database& db, const Incident& incident, const std::vector<ResolutionStep>& steps,
                     const std::optional<std::string>& root_cause) {
  std::string text = incident.title + "\n" + incident.description.value_or("") + "\n";
  for (const auto& s : steps) text += s.why_question + "\n" + s.answer.value_or("") + "\n" + s.evidence.value_or("") + "\n";
  if (root_cause) text += *root_cause + "\n";
  auto st = db.prepare("SELECT content_md FROM documents WHERE issue_id = ?");
  st.bind(1, incident.id);
  while (st.step()) text += st.text(0) + "\n";
  return text;
}

std::optional<std::string> root_cause_of(Database& db, const std::string& incident_id) {
  auto st = db.prepare("SELECT root_cause FROM incident_whys WHERE issue_id = ? AND root_cause IS NOT NULL AND root_cause <> ''");
  st.bind(1, incident_id);
  if (st.step()) return st.text(0);
  return std::nullopt;
}

// The incidents created before this one: an incident opened later cannot be the earlier case
// to learn from. Within one second (created_at has no finer grain) the one stored first is earlier.
std::set<std::string> incidents_created_before(Database& db, const std::string& incident_id) {
  auto st = db.prepare(
      "SELECT o.id FROM issues o JOIN issues t ON t.id = ? "
      "WHERE o.created_at < t.created_at OR (o.created_at = t.created_at AND o.rowid < t.rowid)");
  st.bind(1, incident_id);
  std::set<std::string> out;
  while (st.step()) out.insert(st.text(0));
  return out;
}

}  // namespace

int PatternService::mine_missing(const std::string& incident_id, const Progress& progress) {
  std::vector<LogFile> todo;
  {
    ServiceLock lock(ctx_.mutex);
    if (!incident_id.empty()) IssueRepository(ctx_.db).get(incident_id);
    todo = logs_to_mine(ctx_.db, incident_id);
  }
  std::int64_t total = 0, done = 0;
  for (const auto& log : todo) total += log.text_size;
  int mined = 0;
  for (const auto& log : todo) {
    // Each log's share of the progress, by its size.
    const double from = total ? static_cast<double>(done) / static_cast<double>(total) : 0.0;
    const double share = total ? static_cast<double>(log.text_size) / static_cast<double>(total) : 1.0;
    Progress part{[&](double f, std::string_view) { progress.update(from + share * f, "mining patterns of " + log.file_name); },
                  progress.cancelled};
    const auto report = mine_log(log.id, {}, part);
    {
      ServiceLock lock(ctx_.mutex);
      Transaction tx(ctx_.db);
      if (LogRepository(ctx_.db).find(log.id)) {  // it may have been removed meanwhile
        patterns::LogPatternRepository(ctx_.db).store(log.id, report);
        ++mined;
      }
      tx.commit();
    }
    done += log.text_size;
  }
  return mined;
}

patterns::PatternReport PatternService::stored_report(const std::string& log_id, const Progress& progress) {
  bool mined;
  {
    ServiceLock lock(ctx_.mutex);
    if (!LogRepository(ctx_.db).find(log_id)) throw Error(ErrorKind::NotFound, "no log with id " + log_id);
    mined = patterns::LogPatternRepository(ctx_.db).is_mined(log_id);
  }
  if (!mined) {
    const auto report = mine_log(log_id, {}, progress);
    ServiceLock lock(ctx_.mutex);
    Transaction tx(ctx_.db);
    patterns::LogPatternRepository(ctx_.db).store(log_id, report);
    tx.commit();
  }
  ServiceLock lock(ctx_.mutex);
  return patterns::LogPatternRepository(ctx_.db).report_of_log(log_id);
}

std::string PatternService::summary_text(const std::string& log_id, const Progress& progress) {
  return patterns::pattern_summary_text(stored_report(log_id, progress));
}

IncidentTriage PatternService::triage(const std::string& incident_id, const patterns::TriageOptions& options,
                                      const Progress& progress) {
  mine_missing(incident_id, progress);
  ServiceLock lock(ctx_.mutex);
  IncidentTriage out;
  patterns::LogPatternRepository repo(ctx_.db);
  out.summary = patterns::summarize_incident(repo.of_incident(incident_id), options);
  out.notices = repo.notices_of_incident(incident_id);
  for (const auto& log : LogRepository(ctx_.db).for_issue(incident_id)) out.logs.emplace_back(log.id, log.file_name);
  return out;
}

std::vector<SimilarIncidentMatch> PatternService::similar(const std::string& incident_id, std::size_t limit,
                                                          const Progress& progress) {
  {
    ServiceLock lock(ctx_.mutex);
    IssueRepository(ctx_.db).get(incident_id);
  }
  mine_missing("", progress);
  ServiceLock lock(ctx_.mutex);
  patterns::LogPatternRepository repo(ctx_.db);
  auto problems = repo.problem_patterns_by_incident();
  IssueRepository issues(ctx_.db);
  StepRepository steps(ctx_.db);

  IncidentFilter all;
  all.limit = 0;
  const auto incidents = issues.list(all);
  const auto earlier = incidents_created_before(ctx_.db, incident_id);
  patterns::IncidentProfile target;
  std::vector<patterns::IncidentProfile> others;
  for (const auto& incident : incidents) {
    if (incident.id != incident_id && !earlier.count(incident.id)) continue;
    patterns::IncidentProfile p;
    p.id = incident.id;
    p.problem_patterns = problems[incident.id];
    p.text = words_of(ctx_.db, incident, steps.for_issue(incident.id), root_cause_of(ctx_.db, incident.id));
    (incident.id == incident_id ? target : others.emplace_back()) = std::move(p);
  }

  std::vector<SimilarIncidentMatch> out;
  for (auto& s : patterns::rank_similar(target, others, limit)) {
    SimilarIncidentMatch m;
    m.incident = issues.get(s.id);
    m.root_cause = root_cause_of(ctx_.db, s.id);
    for (auto& step : steps.for_issue(s.id))
      if (step.answer && !step.answer->empty()) m.answered_whys.push_back(std::move(step));
    for (std::size_t k = 0; k < s.shared_patterns.size() && k < 5; ++k) {
      auto st = ctx_.db.prepare("SELECT template_text FROM log_patterns WHERE template_id = ? LIMIT 1");
      st.bind(1, s.shared_patterns[k]);
      if (st.step()) m.shared_pattern_texts.push_back(st.text(0));
    }
    m.similarity = std::move(s);
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace tftsr
