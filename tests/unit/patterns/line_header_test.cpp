#include <doctest/doctest.h>

#include <string>

#include "core/patterns/line_header.h"

using namespace tftsr::patterns;

namespace {
struct Read {
  std::string message;
  std::optional<std::int64_t> time;
  LogLevel level;
};
Read read(const std::string& line) {
  const auto h = parse_line_header(line, 2026);
  return {line.substr(h.message_begin), h.time, h.level};
}
std::int64_t at(int y, int mo, int d, int h, int mi, int s) { return civil_to_unix(y, mo, d, h, mi, s); }
}  // namespace

TEST_CASE("civil_to_unix counts from 1970 across leap years") {
  CHECK(civil_to_unix(1970, 1, 1, 0, 0, 0) == 0);
  CHECK(civil_to_unix(2000, 3, 1, 0, 0, 0) == 951868800);
  CHECK(civil_to_unix(2024, 2, 29, 23, 59, 59) == 1709251199);
}

TEST_CASE("headers of common formats: the message, the time and the level") {
  SUBCASE("ISO-8601 with T, zone and level") {
    auto r = read("2024-03-05T10:20:30.123Z ERROR [main] c.e.Payment: card declined for order 42");
    CHECK(r.message == "card declined for order 42");
    CHECK(r.time == at(2024, 3, 5, 10, 20, 30));
    CHECK(r.level == LogLevel::Error);
  }
  SUBCASE("syslog with host and tag[pid]") {
    auto r = read("Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown");
    CHECK(r.message == "check pass; user unknown");
    CHECK(r.time == at(2026, 6, 14, 15, 16, 1));
    CHECK(r.level == LogLevel::Unknown);
  }
  SUBCASE("Apache error log: bracketed time and level") {
    auto r = read("[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error state 6");
    CHECK(r.message == "mod_jk child workerEnv in error state 6");
    CHECK(r.time == at(2005, 12, 4, 4, 47, 44));
    CHECK(r.level == LogLevel::Error);
  }
  SUBCASE("HDFS: yyMMdd HHmmss pid level component") {
    auto r = read("081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_3886 terminating");
    CHECK(r.message == "PacketResponder 1 for block blk_3886 terminating");
    CHECK(r.time == at(2008, 11, 9, 20, 36, 15));
    CHECK(r.level == LogLevel::Info);
  }
  SUBCASE("Java / log4j with thread in brackets") {
    auto r = read("2015-10-18 18:01:47,978 WARN [RMCommunicator Allocator] org.apache.hadoop.Foo: ERROR IN CONTACTING RM.");
    CHECK(r.message == "ERROR IN CONTACTING RM.");
    CHECK(r.time == at(2015, 10, 18, 18, 1, 47));
    CHECK(r.level == LogLevel::Warning);
  }
  SUBCASE("Windows CBS: level word after the time") {
    auto r = read("2016-09-28 04:30:31, Info                  CSI    00000001@2016/9/27:20:30:31.455 WcpInitialize called");
    CHECK(r.message.rfind("CSI", 0) == 0);
    CHECK(r.time == at(2016, 9, 28, 4, 30, 31));
    CHECK(r.level == LogLevel::Info);
  }
  SUBCASE("Android logcat: single-letter level after pid and tid") {
    auto r = read("03-17 16:13:38.811  1702  2395 E WindowManager: printFreezingDisplayLogs");
    CHECK(r.message == "printFreezingDisplayLogs");
    CHECK(r.time == at(2026, 3, 17, 16, 13, 38));
    CHECK(r.level == LogLevel::Error);
  }
  SUBCASE("Zookeeper: dash separators around level and bracket") {
    auto r = read("2015-07-29 17:41:44,747 - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774] - "
                  "Notification time out: 3200");
    CHECK(r.message == "Notification time out: 3200");
    CHECK(r.level == LogLevel::Info);
  }
  SUBCASE("BGL: epoch, node ids, level after two words") {
    auto r = read("- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL "
                  "FATAL instruction cache parity error corrected");
    CHECK(r.message == "instruction cache parity error corrected");
    CHECK(r.level == LogLevel::Critical);
    CHECK(r.time == 1117838570);  // the epoch field
  }
  SUBCASE("Proxifier: program name then dash") {
    auto r = read("[10.30 16:49:06] chrome.exe - proxy.example.com:5070 open through proxy proxy.example.com:5070 HTTPS");
    CHECK(r.message == "proxy.example.com:5070 open through proxy proxy.example.com:5070 HTTPS");
    CHECK(r.time == at(2026, 10, 30, 16, 49, 6));
  }
  SUBCASE("Spark yy/MM/dd") {
    auto r = read("17/06/09 20:10:40 INFO executor.CoarseGrainedExecutorBackend: Registered signal handlers");
    CHECK(r.message == "Registered signal handlers");
    CHECK(r.time == at(2017, 6, 9, 20, 10, 40));
  }
  SUBCASE("a line without a header is all message") {
    auto r = read("Connection reset by peer while reading response header");
    CHECK(r.message == "Connection reset by peer while reading response header");
    CHECK_FALSE(r.time);
    CHECK(r.level == LogLevel::Unknown);
  }
  SUBCASE("a colon further in the message is not a tag") {
    auto r = read("2024-01-01 00:00:00 INFO web [req-1] 10.0.0.1 \"GET /x HTTP/1.1\" status: 200 len: 10");
    CHECK(r.message == "10.0.0.1 \"GET /x HTTP/1.1\" status: 200 len: 10");
  }
}

TEST_CASE("a JSON object line: level and time come from its fields, the whole line is the message") {
  const auto r = read(R"({"ts":"2024-03-01T00:00:19.318Z","level":"error","msg":"request failed"})");
  CHECK(r.message.front() == '{');
  CHECK(r.level == LogLevel::Error);
  CHECK(r.time == at(2024, 3, 1, 0, 0, 19));
}

TEST_CASE("Windows event export: AM/PM and the Information level") {
  const auto r = read("6/8/2024 12:00:00 PM Information Service Control Manager 7036 The service entered the running state.");
  CHECK(r.message.rfind("Service Control Manager", 0) == 0);
  CHECK(r.level == LogLevel::Info);
  CHECK(r.time == at(2024, 6, 8, 12, 0, 0));
  CHECK(read("6/8/2024 01:30:00 PM Warning x y z").time == at(2024, 6, 8, 13, 30, 0));
  CHECK(read("6/8/2024 12:30:00 AM Warning x y z").time == at(2024, 6, 8, 0, 30, 0));
}
