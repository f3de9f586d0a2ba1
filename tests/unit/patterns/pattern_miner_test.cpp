#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "core/patterns/line_header.h"
#include "core/patterns/line_splitter.h"
#include "core/patterns/pattern_miner.h"
#include "core/patterns/template_id.h"

using namespace tftsr::patterns;

namespace {
PatternReport mine(const std::string& text, MinerOptions options = {}) {
  options.record_lines = true;
  options.default_year = 2026;
  PatternMiner miner(options);
  LineSplitter lines(options.max_line_bytes);
  auto add = [&](std::string_view line, bool cut) { miner.add_line(line, cut); };
  lines.feed(text, add);
  lines.finish(add);
  return miner.finish();
}

const PatternTemplate& by_text(const PatternReport& r, const std::string& text) {
  for (const auto& t : r.templates)
    if (t.text == text) return t;
  FAIL("no template " << text);
  throw 0;
}

std::vector<std::string> texts(const PatternReport& r) {
  std::vector<std::string> out;
  for (const auto& t : r.templates) out.push_back(t.text);
  return out;
}

const char* const kSyslog =
    "Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown\n"
    "Jun 14 15:16:02 combo sshd(pam_unix)[19937]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= "
    "rhost=218.188.2.4\n"
    "Jun 14 15:16:02 combo sshd(pam_unix)[19940]: check pass; user unknown\n"
    "Jun 14 15:17:30 combo sshd(pam_unix)[19941]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= "
    "rhost=host-9.example.net\n"
    "Jun 14 15:18:00 combo su(pam_unix)[2110]: session opened for user cyrus by (uid=0)\n"
    "Jun 14 15:18:01 combo su(pam_unix)[2110]: session closed for user cyrus\n"
    "Jun 14 15:19:00 combo su(pam_unix)[2200]: session opened for user news by (uid=0)\n";
}  // namespace

TEST_CASE("syslog lines: one template per event, with counts, lines, times and a per-minute histogram") {
  const auto r = mine(kSyslog);
  CHECK(r.line_count == 7);
  CHECK(r.templates.size() == 4);
  const auto& check = by_text(r, "check pass; user unknown");
  CHECK(check.count == 2);
  CHECK(check.first_line == 1);
  CHECK(check.last_line == 3);
  CHECK(check.first_time == civil_to_unix(2026, 6, 14, 15, 16, 1));
  CHECK(check.last_time == civil_to_unix(2026, 6, 14, 15, 16, 2));
  REQUIRE(check.per_minute.size() == 1);
  CHECK(check.per_minute[0].count == 2);
  const auto& auth = by_text(r, "authentication failure; logname= uid=<*> euid=<*> tty=NODEVssh ruser= rhost=<*>");
  CHECK(auth.count == 2);
  REQUIRE(auth.per_minute.size() == 2);
  CHECK(auth.per_minute[1].minute - auth.per_minute[0].minute == 1);
  CHECK(by_text(r, "session opened for user <*> by (uid=<*>)").count == 2);
  // Most frequent first; line n maps to its template.
  CHECK(r.templates[0].count == 2);
  REQUIRE(r.line_templates.size() == 7);
  CHECK(r.templates[r.line_templates[0]].text == "check pass; user unknown");
  CHECK(r.templates[r.line_templates[5]].text == "session closed for user cyrus");
}

TEST_CASE("many formats: HDFS, Java, Apache, Windows CBS, Android, Zookeeper, OpenStack") {
  const std::string log =
      "081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating\n"
      "081109 203807 222 INFO dfs.DataNode$PacketResponder: PacketResponder 0 for block blk_-6952295868487656571 "
      "terminating\n"
      "2015-10-18 18:01:47,978 INFO [main] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: Created MRAppMaster for "
      "application appattempt_1445144423722_0020_000001\n"
      "2015-10-18 18:01:48,963 INFO [main] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: Created MRAppMaster for "
      "application appattempt_1445144423722_0021_000001\n"
      "[Sun Dec 04 04:51:18 2005] [error] mod_jk child workerEnv in error state 6\n"
      "[Sun Dec 04 04:51:19 2005] [error] mod_jk child workerEnv in error state 7\n"
      "2016-09-28 04:30:31, Info                  CBS    Loaded Servicing Stack v6.1.7601.23505 with Core: "
      "C:\\Windows\\winsxs\\cbscore.dll\n"
      "2016-09-28 04:30:32, Info                  CBS    Loaded Servicing Stack v6.1.7601.23506 with Core: "
      "C:\\Windows\\winsxs\\cbscore2.dll\n"
      "03-17 16:13:38.811  1702  2395 D WindowManager: printFreezingDisplayLogs opening app wtoken = AppWindowToken{9f4ef63 "
      "token=Token{a64f992 ActivityRecord{de9231d u0 com.tencent.qt.qtl/.activity.info.NewsDetailXinwenActivity t761}}}, "
      "allDrawn= false\n"
      "03-17 16:13:39.811  1702  2395 D WindowManager: printFreezingDisplayLogs opening app wtoken = AppWindowToken{9f4ef64 "
      "token=Token{a64f993 ActivityRecord{de9231e u0 com.tencent.qt.qtl/.activity.info.NewsDetailXinwenActivity t762}}}, "
      "allDrawn= false\n"
      "2015-07-29 17:41:44,747 - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774] - Notification "
      "time out: 3200\n"
      "2015-07-29 19:04:12,394 - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774] - Notification "
      "time out: 6400\n";
  const auto r = mine(log);
  CHECK(r.line_count == 12);
  CHECK(texts(r) == std::vector<std::string>{
                        "PacketResponder <*> for block <*> terminating",
                        "Created MRAppMaster for application <*>",
                        "mod_jk child workerEnv in error state <*>",
                        "CBS Loaded Servicing Stack <*> with Core: <*>",
                        "printFreezingDisplayLogs opening app wtoken = <*> token=<*> <*> "
                        "com.tencent.qt.qtl/.activity.info.NewsDetailXinwenActivity <*>}}}, allDrawn= false",
                        "Notification time out: <*>",
                    });
  CHECK(by_text(r, "mod_jk child workerEnv in error state <*>").level == LogLevel::Error);
  CHECK(by_text(r, "Notification time out: <*>").level == LogLevel::Info);
}

TEST_CASE("the same template in two logs, or two runs, has the same id") {
  const auto a = mine(kSyslog);
  const auto b = mine(std::string("Jan  2 01:00:00 other sshd(pam_unix)[1]: check pass; user unknown\n") + kSyslog);
  const auto& ta = by_text(a, "check pass; user unknown");
  const auto& tb = by_text(b, "check pass; user unknown");
  CHECK(ta.id == tb.id);
  CHECK(ta.id == template_id("check pass; user unknown"));
  CHECK(ta.id.size() == 16);
  CHECK(template_id("check pass; user unknown") != template_id("check pass; user known"));
  CHECK(mine(kSyslog).templates.front().id == a.templates.front().id);
}

TEST_CASE("the template cap: further distinct lines go under one overflow template, with a notice") {
  std::string log;
  for (int i = 0; i < 50; ++i) log += "event kind" + std::string(1, static_cast<char>('a' + i % 26)) +
                                     std::string(1, static_cast<char>('a' + i / 26)) + " happened here now\n";
  MinerOptions options;
  options.max_templates = 10;
  options.similarity = 0.9;
  const auto r = mine(log, options);
  CHECK(r.capped);
  CHECK(r.templates.size() == 11);
  const auto& overflow = by_text(r, kOverflowTemplate);
  CHECK(overflow.count == 40);
  CHECK(overflow.first_line == 11);
  REQUIRE_FALSE(r.notices.empty());
  CHECK(r.notices[0].find("too many distinct patterns") != std::string::npos);
  CHECK(r.line_templates.size() == 50);
}

TEST_CASE("a 10 MB single line is mined on its start, without holding it whole") {
  std::string line = "payload begins";
  line.reserve(10 << 20);
  while (line.size() < (10u << 20)) line += " chunk 1234 of data";
  const auto r = mine(line + "\nshort line here\n");
  CHECK(r.line_count == 2);
  CHECK(r.cut_lines == 1);
  CHECK(r.templates.size() == 2);
  REQUIRE(r.templates[0].text.size() < 8192);
  CHECK(r.templates[0].text.rfind("payload begins chunk <*> of data", 0) == 0);
  CHECK(r.notices.size() == 1);

  // Fed in small pieces the splitter keeps at most the limit of the line.
  LineSplitter splitter(100);
  std::vector<std::pair<std::size_t, bool>> seen;
  for (std::size_t i = 0; i < line.size(); i += 4096)
    splitter.feed(std::string_view(line).substr(i, 4096), [&](std::string_view l, bool cut) { seen.emplace_back(l.size(), cut); });
  splitter.feed("\nnext", [&](std::string_view l, bool cut) { seen.emplace_back(l.size(), cut); });
  splitter.finish([&](std::string_view l, bool cut) { seen.emplace_back(l.size(), cut); });
  CHECK(seen == std::vector<std::pair<std::size_t, bool>>{{100, true}, {4, false}});
}

TEST_CASE("binary-looking lines, empty lines and CRLF") {
  const std::string log = std::string("start ok\r\n\r\n\x01\x02\x03\x04garbage\x05\x06\n") + std::string("a\0b", 3) +
                          "\n   \nstart ok";
  const auto r = mine(log);
  CHECK(r.line_count == 6);
  CHECK(r.binary_lines == 2);
  CHECK(r.empty_lines == 2);
  CHECK(by_text(r, "start ok").count == 2);
  CHECK(by_text(r, kEmptyLineTemplate).first_line == 2);
  CHECK(by_text(r, kBinaryLineTemplate).count == 2);
  REQUIRE(r.line_templates.size() == 6);
  CHECK(r.templates[r.line_templates[4]].text == kEmptyLineTemplate);
}

TEST_CASE("an empty text has no lines and no templates and a lone LF is one empty line") {
  auto r = mine("");
  CHECK(r.line_count == 0);
  CHECK(r.templates.empty());
  CHECK(r.line_templates.empty());
  r = mine("\n");
  CHECK(r.line_count == 1);
  CHECK(r.templates.size() == 1);
}

TEST_CASE("a template takes the most severe level of its lines") {
  const auto r = mine(
      "2024-01-01 00:00:01 INFO disk usage at 50 percent\n"
      "2024-01-01 00:00:02 ERROR disk usage at 99 percent\n"
      "2024-01-01 00:00:03 INFO disk usage at 60 percent\n");
  REQUIRE(r.templates.size() == 1);
  CHECK(r.templates[0].text == "disk usage at <*> percent");
  CHECK(r.templates[0].level == LogLevel::Error);
  CHECK(r.templates[0].level_counts[static_cast<std::size_t>(LogLevel::Info)] == 2);
  CHECK(r.templates[0].level_counts[static_cast<std::size_t>(LogLevel::Error)] == 1);
  CHECK(r.templates[0].first_time == civil_to_unix(2024, 1, 1, 0, 0, 1));
}

TEST_CASE("a template that mixes levels keeps its lines per level, its first problem and error lines, and its "
          "warning and error lines per minute") {
  std::string log;
  for (int i = 0; i < 300; ++i) {
    // Minute 0 to 4: INFO; line 151 (minute 2) a WARN, line 241 (minute 4) an ERROR.
    const char* level = i == 150 ? "WARN" : i == 240 ? "ERROR" : "INFO";
    char line[128];
    std::snprintf(line, sizeof line, "2024-01-01 00:%02d:%02d %s request done in %d ms\n", i / 60, i % 60, level, i);
    log += line;
  }
  const auto r = mine(log);
  REQUIRE(r.templates.size() == 1);
  const auto& t = r.templates[0];
  CHECK(t.text == "request done in <*>");
  CHECK(t.level == LogLevel::Error);
  CHECK(t.count == 300);
  CHECK(t.lines_at(LogLevel::Info) == 298);
  CHECK(t.problem_lines() == 2);
  CHECK(t.error_lines() == 1);
  CHECK(t.first_line == 1);
  CHECK(t.first_problem_line == 151);
  CHECK(t.first_problem_time == civil_to_unix(2024, 1, 1, 0, 2, 30));
  CHECK(t.first_error_line == 241);
  CHECK(t.first_error_time == civil_to_unix(2024, 1, 1, 0, 4, 0));
  CHECK(t.per_minute.size() == 5);
  REQUIRE(t.problem_minutes.size() == 2);
  CHECK(t.problem_minutes[0].minute == civil_to_unix(2024, 1, 1, 0, 2, 0) / 60);
  CHECK(t.problem_minutes[0].warnings == 1);
  CHECK(t.problem_minutes[0].errors == 0);
  CHECK(t.problem_minutes[1].errors == 1);

  // A template of INFO lines only has none of them.
  const auto quiet = mine("2024-01-01 00:00:01 INFO started\n2024-01-01 00:00:02 INFO started\n");
  CHECK_FALSE(quiet.templates[0].first_problem_line.has_value());
  CHECK_FALSE(quiet.templates[0].first_error_time.has_value());
  CHECK(quiet.templates[0].problem_minutes.empty());
}

namespace {
// A deterministic stream of pseudo-random numbers (xorshift), so the tests see the same text each run.
struct Noise {
  std::uint64_t state = 0x9E3779B97F4A7C15ull;
  std::uint64_t next() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  }
};
}  // namespace

TEST_CASE("100,000 distinct lines of random words: each line is compared with a bounded number of templates") {
  Noise noise;
  PatternMiner miner;
  constexpr int kLines = 100000;
  std::string line;
  for (int i = 0; i < kLines; ++i) {
    line.clear();
    const int words = 4 + static_cast<int>(noise.next() % 8);
    for (int w = 0; w < words; ++w) {
      if (w) line += ' ';
      const int letters = 3 + static_cast<int>(noise.next() % 7);
      for (int k = 0; k < letters; ++k) line += static_cast<char>('a' + noise.next() % 26);
    }
    miner.add_line(line);
  }
  // Without a bound, each line was compared with every template of the crowded leaves: billions.
  CHECK(miner.comparisons() <= 100ull * kLines);
  const auto r = miner.finish();
  CHECK(r.line_count == kLines);
  CHECK(r.capped);  // more distinct lines than the 20,000-template cap
  CHECK(r.templates.size() <= 20001);
  std::int64_t lines = 0;
  for (const auto& t : r.templates) lines += t.count;
  CHECK(lines == kLines);
}

TEST_CASE("binary-looking lines: random bytes without NUL, C1 controls and U+FFFD, while Latin-1 text stays text") {
  Noise noise;
  std::string random;
  while (random.size() < 200 * 1024) {
    const auto c = static_cast<char>(noise.next() & 0xFF);
    if (c != '\0') random += c;
  }
  const auto r = mine(random);
  REQUIRE(r.line_count > 500);
  CHECK(r.binary_lines * 100 >= r.line_count * 95);  // short runs between two LFs may pass for text
  CHECK(r.templates.size() < 40);

  // What a lossy decoder leaves of binary data: U+FFFD, and C1 controls encoded as UTF-8.
  std::string replaced, c1;
  for (int i = 0; i < 20; ++i) replaced += "\xEF\xBF\xBD" "ab";
  for (int i = 0; i < 20; ++i) c1 += "\xC2\x85" "xyz";
  const auto decoded = mine(replaced + "\n" + c1 + "\n");
  CHECK(decoded.binary_lines == 2);

  // Latin-1 and Windows-1252 text (accents, the euro sign, curly quotes) and UTF-8 text are text.
  const auto text = mine("Gr\xF6\xDF" "e \xFC" "berschritten: \x93" "bericht.txt\x94 kostet 5 \x80\n"
                         "\xE9l\xE8ve \xE0 c\xF4t\xE9 de la for\xEAt\n"
                         "Gr\xC3\xB6\xC3\x9F" "e \xC3\xBC" "berschritten \xE2\x80\x9C" "ok\xE2\x80\x9D\n");
  CHECK(text.binary_lines == 0);
}
