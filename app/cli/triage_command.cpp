// tftsr triage INCIDENT [--since TIME] [--json] | tftsr similar INCIDENT [--limit N] [--json]
// Offline triage from the patterns of an incident's logs: no network, no AI. The logs not mined
// yet are mined first (with a progress bar on a terminal) and their patterns kept. `triage` ends
// with the most similar earlier incidents and their root cause, as `similar` lists them.
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <iostream>
#include <memory>

#include "app/cli/cli_support.h"
#include "app/cli/progress_bar.h"
#include "core/patterns/pattern_service.h"
#include "core/patterns/pattern_summary.h"

namespace tftsr::cli {

namespace {

// "2024-03-01 10:15", "2024-03-01T10:15:30": seconds since 1970 on the logs' clock (no zone).
std::int64_t parse_start(const std::string& text) {
  std::tm tm{};
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  char sep = ' ';
  const int n = std::sscanf(text.c_str(), "%4d-%2d-%2d%c%2d:%2d:%2d", &year, &month, &day, &sep, &hour, &minute, &second);
  if (n < 6 || (sep != ' ' && sep != 'T') || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 ||
      minute > 59 || second > 60)
    throw Error(ErrorKind::InvalidInput, "--since wants a time like 2024-03-01 10:15 or 2024-03-01T10:15:30, not '" +
                                             text + "'");
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  return static_cast<std::int64_t>(timegm(&tm));
}

std::string time_or_line(const patterns::RankedPattern& r) {
  if (r.pattern.first_time) return patterns::format_log_time(*r.pattern.first_time);
  return "line " + std::to_string(r.pattern.first_line);
}

std::string log_name(const IncidentTriage& t, const std::string& id) {
  for (const auto& [log_id, name] : t.logs)
    if (log_id == id) return name;
  return id;
}

std::string shortened(const std::string& text, std::size_t max) {
  return text.size() > max ? text.substr(0, max) + "..." : text;
}

// One character per minute (at most 72, minutes folded together beyond that).
std::string sparkline(const std::vector<patterns::ErrorMinute>& minutes) {
  static const char* kBars[] = {" ", "\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588"};
  if (minutes.empty()) return {};
  const std::size_t width = std::min<std::size_t>(72, minutes.size());
  std::vector<std::uint64_t> cells(width, 0);
  for (std::size_t i = 0; i < minutes.size(); ++i) cells[i * width / minutes.size()] += minutes[i].errors + minutes[i].warnings;
  const std::uint64_t peak = *std::max_element(cells.begin(), cells.end());
  std::string out;
  for (const auto c : cells) out += kBars[peak ? (c * 8 + peak - 1) / peak : 0];
  return out;
}

// The lines of a pattern per level, worst first ("UNKNOWN" for lines that name none).
nlohmann::ordered_json level_counts_json(const patterns::PatternTemplate& p) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (std::size_t l = patterns::kLogLevelCount; l-- > 0;) {
    if (!p.level_counts[l]) continue;
    const auto name = patterns::log_level_name(static_cast<patterns::LogLevel>(l));
    j[name.empty() ? std::string("UNKNOWN") : std::string(name)] = p.level_counts[l];
  }
  return j;
}

nlohmann::ordered_json pattern_json(const IncidentTriage& t, const patterns::RankedPattern& r) {
  nlohmann::ordered_json j = {{"id", r.pattern.id},
                              {"template", r.pattern.text},
                              {"level", std::string(patterns::log_level_name(r.pattern.level))},
                              {"count", r.pattern.count},
                              {"problem_lines", r.pattern.problem_lines()},
                              {"level_counts", level_counts_json(r.pattern)},
                              {"first_log", log_name(t, r.first_log_id)},
                              {"first_log_id", r.first_log_id},
                              {"first_line", r.pattern.first_line},
                              {"first_time", nullptr},
                              {"last_time", nullptr},
                              {"burstiness", r.burstiness},
                              {"score", r.score},
                              {"new_since_start", r.new_since_start},
                              {"logs", r.log_ids}};
  if (r.pattern.first_time) j["first_time"] = patterns::format_log_time(*r.pattern.first_time);
  if (r.pattern.last_time) j["last_time"] = patterns::format_log_time(*r.pattern.last_time);
  return j;
}

constexpr std::size_t kSimilarInTriage = 3;

nlohmann::ordered_json similar_json(const SimilarIncidentMatch& m) {
  return {{"id", m.incident.id},
          {"title", m.incident.title},
          {"status", m.incident.status},
          {"created_at", m.incident.created_at},
          {"score", m.similarity.score},
          {"shared_patterns", m.shared_pattern_texts},
          {"root_cause", m.root_cause ? nlohmann::json(*m.root_cause) : nlohmann::json(nullptr)}};
}

void print_triage_json(const Incident& incident, const IncidentTriage& t,
                       const std::vector<SimilarIncidentMatch>& similar) {
  const auto& s = t.summary;
  nlohmann::ordered_json j;
  j["incident"] = {{"id", incident.id}, {"title", incident.title}};
  j["logs"] = nlohmann::json::array();
  for (const auto& [id, name] : t.logs) j["logs"].push_back({{"id", id}, {"name", name}});
  j["patterns"] = s.patterns;
  j["problem_lines"] = s.problem_lines;
  j["start_time"] = s.start_time ? nlohmann::json(patterns::format_log_time(*s.start_time)) : nlohmann::json(nullptr);
  j["start_source"] = std::string(patterns::start_source_text(s.start_source));
  j["first_error"] = s.first_error ? nlohmann::json(pattern_json(t, *s.first_error)) : nlohmann::json(nullptr);
  j["problems"] = nlohmann::json::array();
  for (const auto& r : s.problems) j["problems"].push_back(pattern_json(t, r));
  j["new_since_start"] = nlohmann::json::array();
  for (const auto& r : s.new_since_start) j["new_since_start"].push_back(pattern_json(t, r));
  j["per_minute"] = nlohmann::json::array();
  for (const auto& m : s.per_minute)
    j["per_minute"].push_back({{"minute", patterns::format_log_time(m.minute * 60)}, {"errors", m.errors}, {"warnings", m.warnings}});
  j["similar"] = nlohmann::json::array();
  for (const auto& m : similar) j["similar"].push_back(similar_json(m));
  j["notices"] = t.notices;
  std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void print_similar_block(const std::vector<SimilarIncidentMatch>& similar) {
  if (similar.empty()) {
    std::printf("\nNo similar earlier incident.\n");
    return;
  }
  std::printf("\nSimilar earlier incidents:\n");
  for (const auto& m : similar) {
    std::printf("  %.2f  %s  %s [%s, %s]\n", m.similarity.score, m.incident.id.c_str(), m.incident.title.c_str(),
                m.incident.status.c_str(), m.incident.created_at.c_str());
    std::printf("        root cause: %s\n", m.root_cause ? m.root_cause->c_str() : "not found yet");
    if (!m.shared_pattern_texts.empty())
      std::printf("        shares: %s\n", shortened(m.shared_pattern_texts.front(), 120).c_str());
  }
}

void print_triage_text(const Incident& incident, const IncidentTriage& t,
                       const std::vector<SimilarIncidentMatch>& similar) {
  const auto& s = t.summary;
  std::printf("%s\n%zu log(s), %lld patterns, %lld lines of warnings and errors\n", incident.title.c_str(), t.logs.size(),
              static_cast<long long>(s.patterns), static_cast<long long>(s.problem_lines));
  if (t.logs.empty()) {
    std::printf("\nNo logs in this incident: add one with 'tftsr log add %s FILE'.\n", incident.id.c_str());
    print_similar_block(similar);
    return;
  }
  if (s.start_time)
    std::printf("Start: %s (%s)\n", patterns::format_log_time(*s.start_time).c_str(),
                std::string(patterns::start_source_text(s.start_source)).c_str());
  if (s.first_error)
    std::printf("First error: %s, %s:%lld\n  %s\n", time_or_line(*s.first_error).c_str(),
                log_name(t, s.first_error->first_log_id).c_str(), static_cast<long long>(s.first_error->pattern.first_line),
                shortened(s.first_error->pattern.text, 160).c_str());
  else
    std::printf("No error lines.\n");
  if (s.problems.empty()) {
    std::printf("\nNo warning or error patterns.\n");
  } else {
    std::printf("\nWarning and error patterns, most telling first:\n");
    std::printf("  %-8s %9s  %-19s  %5s  %-3s  %s\n", "LEVEL", "COUNT", "FIRST SEEN", "BURST", "NEW", "TEMPLATE");
    // The count of its warning-and-worse lines: a template that also has INFO lines counts those only.
    for (const auto& r : s.problems)
      std::printf("  %-8s %9lld  %-19s  %5.1f  %-3s  %s\n", std::string(patterns::log_level_name(r.pattern.level)).c_str(),
                  static_cast<long long>(r.pattern.problem_lines()), time_or_line(r).c_str(), r.burstiness,
                  r.new_since_start ? "yes" : "", shortened(r.pattern.text, 120).c_str());
  }
  if (!s.new_since_start.empty()) {
    std::printf("\nPatterns that appear only from the start on:\n");
    for (const auto& r : s.new_since_start)
      std::printf("  %-8s %9lld  %-19s  %s\n", std::string(patterns::log_level_name(r.pattern.level)).c_str(),
                  static_cast<long long>(r.pattern.count), time_or_line(r).c_str(), shortened(r.pattern.text, 120).c_str());
  }
  if (!s.per_minute.empty()) {
    std::printf("\nWarnings and errors per minute, %s to %s:\n  %s\n",
                patterns::format_log_time(s.per_minute.front().minute * 60).c_str(),
                patterns::format_log_time(s.per_minute.back().minute * 60).c_str(), sparkline(s.per_minute).c_str());
  }
  print_similar_block(similar);
  for (const auto& n : t.notices) std::fprintf(stderr, "note: %s\n", n.c_str());
}

void print_similar(const std::vector<SimilarIncidentMatch>& matches, bool json) {
  if (json) {
    nlohmann::ordered_json out = nlohmann::json::array();
    for (const auto& m : matches) {
      nlohmann::ordered_json j = {{"id", m.incident.id},
                                  {"title", m.incident.title},
                                  {"status", m.incident.status},
                                  {"created_at", m.incident.created_at},
                                  {"score", m.similarity.score},
                                  {"pattern_score", m.similarity.pattern_score},
                                  {"text_score", m.similarity.text_score},
                                  {"shared_patterns", m.shared_pattern_texts},
                                  {"shared_words", m.similarity.shared_words},
                                  {"root_cause", m.root_cause ? nlohmann::json(*m.root_cause) : nlohmann::json(nullptr)}};
      j["answered_whys"] = nlohmann::json::array();
      for (const auto& w : m.answered_whys) j["answered_whys"].push_back({{"question", w.why_question}, {"answer", *w.answer}});
      out.push_back(j);
    }
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return;
  }
  if (matches.empty()) {
    std::printf("No similar earlier incident.\n");
    return;
  }
  for (const auto& m : matches) {
    std::printf("%.2f  %s  %s [%s, %s]\n", m.similarity.score, m.incident.id.c_str(), m.incident.title.c_str(),
                m.incident.status.c_str(), m.incident.created_at.c_str());
    for (const auto& p : m.shared_pattern_texts) std::printf("      shares: %s\n", shortened(p, 120).c_str());
    if (!m.similarity.shared_words.empty()) {
      std::string words;
      for (const auto& w : m.similarity.shared_words) words += (words.empty() ? "" : ", ") + w;
      std::printf("      words: %s\n", words.c_str());
    }
    if (m.root_cause) std::printf("      root cause: %s\n", m.root_cause->c_str());
    for (const auto& w : m.answered_whys)
      std::printf("      why %d: %s -> %s\n", w.step_order, w.why_question.c_str(), w.answer->c_str());
  }
}

}  // namespace

void register_triage_commands(CLI::App& root, CliContext& ctx) {
  {
    auto* cmd = root.add_subcommand("triage", "What is going wrong in an incident's logs, offline: ranked error patterns, "
                                              "the first error, what is new since the start, errors per minute, "
                                              "similar earlier incidents");
    auto id = std::make_shared<std::string>();
    auto since = std::make_shared<std::string>();
    cmd->add_option("INCIDENT", *id, "Incident id")->required();
    cmd->add_option("--since", *since, "When the incident began on the logs' clock (else detected from the error rate)");
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, id, since] {
      ctx.action = [&ctx, id, since] {
        patterns::TriageOptions options;
        if (!since->empty()) options.start_time = parse_start(*since);
        auto store = open_store(ctx.options);
        const auto incident = store->incidents().get(*id).incident;
        const auto triage = store->patterns().triage(*id, options, stderr_progress(isatty(2), true));
        const auto similar = store->patterns().similar(*id, kSimilarInTriage, stderr_progress(isatty(2), true));
        if (ctx.options.json) print_triage_json(incident, triage, similar);
        else print_triage_text(incident, triage, similar);
        return kOk;
      };
    });
  }
  {
    auto* cmd = root.add_subcommand("similar", "Earlier incidents that share error patterns and words with this one, "
                                               "with their root cause and answered whys");
    auto id = std::make_shared<std::string>();
    auto limit = std::make_shared<int>(5);
    cmd->add_option("INCIDENT", *id, "Incident id")->required();
    cmd->add_option("--limit", *limit, "How many to list (default 5)")->check(CLI::Range(1, 100));
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, id, limit] {
      ctx.action = [&ctx, id, limit] {
        auto store = open_store(ctx.options);
        print_similar(store->patterns().similar(*id, static_cast<std::size_t>(*limit), stderr_progress(isatty(2), true)),
                      ctx.options.json);
        return kOk;
      };
    });
  }
}

}  // namespace tftsr::cli
