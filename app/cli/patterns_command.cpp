// tftsr patterns FILE [--json] | tftsr log patterns LOG_ID [--json]
// The log templates (patterns) of a plain file (nothing stored, no passphrase) or of a stored log.
//
// --json prints one object: {"templates": [{"id", "template", "count", "first_line", "last_line",
// "level"} ...], "lines": [template id of line 1, of line 2, ...]}; `log patterns` adds
// "first_time" and "last_time" to a template when its lines carry timestamps. `lines` has one
// entry per line (a final line without LF counts, an empty file has none); an empty or blank
// line gets the id of the "<empty line>" template, so every entry names a listed template.
// "level" is null when no line of the template declares one. Notes go to stderr.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>

#include "app/cli/cli_support.h"
#include "app/cli/progress_bar.h"
#include "core/patterns/pattern_service.h"
#include "core/patterns/pattern_summary.h"

namespace tftsr::cli {

namespace {
// Written as it goes: `lines` holds one id per line of the log (millions for a big one).
void print_report_json(const patterns::PatternReport& report, bool with_times) {
  std::string out = "{\"templates\": [";
  for (std::size_t i = 0; i < report.templates.size(); ++i) {
    const auto& t = report.templates[i];
    nlohmann::ordered_json j = {{"id", t.id},
                                {"template", t.text},
                                {"count", t.count},
                                {"first_line", t.first_line},
                                {"last_line", t.last_line},
                                {"level", nullptr}};
    if (t.level != patterns::LogLevel::Unknown) j["level"] = std::string(patterns::log_level_name(t.level));
    if (with_times && t.first_time) {
      j["first_time"] = patterns::format_log_time(*t.first_time);
      j["last_time"] = patterns::format_log_time(t.last_time.value_or(*t.first_time));
    }
    out += i ? ",\n  " : "\n  ";
    out += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  out += report.templates.empty() ? "],\n\"lines\": [" : "\n],\n\"lines\": [";
  for (std::size_t i = 0; i < report.line_templates.size(); ++i) {
    if (i) out += i % 8 ? ", " : ",\n  ";
    else out += "\n  ";
    out += '"';
    out += report.templates[report.line_templates[i]].id;
    out += '"';
    if (out.size() > (1 << 16)) {
      std::cout << out;
      out.clear();
    }
  }
  out += report.line_templates.empty() ? "]}\n" : "\n]}\n";
  std::cout << out;
}

void print_report_table(const patterns::PatternReport& report) {
  std::printf("%10s  %-8s  %-21s  %-16s  %s\n", "COUNT", "LEVEL", "LINES", "ID", "TEMPLATE");
  for (const auto& t : report.templates) {
    const std::string lines = std::to_string(t.first_line) + ".." + std::to_string(t.last_line);
    std::string text = t.text.size() > 200 ? t.text.substr(0, 200) + "..." : t.text;
    std::printf("%10lld  %-8s  %-21s  %-16s  %s\n", static_cast<long long>(t.count),
                std::string(patterns::log_level_name(t.level)).c_str(), lines.c_str(), t.id.c_str(), text.c_str());
  }
  std::printf("%lld lines, %zu patterns\n", static_cast<long long>(report.line_count), report.templates.size());
}

int print_report(const patterns::PatternReport& report, bool json, bool with_times) {
  for (const auto& n : report.notices) std::cerr << "note: " << n << "\n";
  if (json) print_report_json(report, with_times);
  else print_report_table(report);
  return kOk;
}
}  // namespace

void register_pattern_commands(CLI::App& root, CliContext& ctx) {
  {
    auto* cmd = root.add_subcommand("patterns", "Mine the log templates (patterns) of a file; nothing is stored");
    auto file = std::make_shared<std::string>();
    cmd->add_option("FILE", *file, "Log file (text, UTF-16, Latin-1 or .gz)")->required();
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, file] {
      ctx.action = [&ctx, file] {
        patterns::MinerOptions options;
        options.record_lines = ctx.options.json;
        auto report = PatternService::mine_file(*file, options, stderr_progress(isatty(2), true));
        return print_report(report, ctx.options.json, false);
      };
    });
  }
  auto* log = root.get_subcommand("log");
  {
    auto* cmd = log->add_subcommand("patterns", "Mine the log templates (patterns) of a stored log");
    auto id = std::make_shared<std::string>();
    cmd->add_option("LOG_ID", *id, "Log id")->required();
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, id] {
      ctx.action = [&ctx, id] {
        auto store = open_store(ctx.options);
        patterns::MinerOptions options;
        options.record_lines = ctx.options.json;
        auto report = store->patterns().mine_log(*id, options, stderr_progress(isatty(2), true));
        return print_report(report, ctx.options.json, true);
      };
    });
  }
}

}  // namespace tftsr::cli
