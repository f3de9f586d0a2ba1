// tftsr log add|list|scan|findings|keep|redact|cat
#include <unistd.h>

#include <iostream>
#include <map>
#include <memory>

#include "app/cli/cli_support.h"
#include "app/cli/progress_bar.h"
#include "core/store/records_json.h"

namespace tftsr::cli {

namespace {
void print_logs(const std::vector<LogFile>& logs, bool json) {
  if (json) return print_json(logs);
  std::vector<std::vector<std::string>> rows;
  for (const auto& l : logs)
    rows.push_back({l.id, l.file_name, std::to_string(l.file_size.value_or(0)), std::to_string(l.line_count),
                    l.encoding, l.scanned_at ? "yes" : "no", l.redacted ? "yes" : "no"});
  print_table({"LOG ID", "FILE", "BYTES", "LINES", "ENCODING", "SCANNED", "REDACTED"}, rows);
}

void print_findings_summary(const ScanSummary& summary) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& [type, n] : summary.by_type)
    rows.push_back({type, std::to_string(n.redact), std::to_string(n.keep)});
  print_table({"TYPE", "REDACT", "KEEP"}, rows);
  std::cout << summary.total << " findings\n";
}

// The findings as one JSON array, written one at a time: a big log has millions of them.
void print_findings_json(Triage& store, const std::string& log_id) {
  std::string out = "[";
  bool first = true;
  store.logs().for_each_finding(log_id, [&](const PiiSpan& s) {
    out += first ? "\n" : ",\n";
    first = false;
    out += nlohmann::json(s).dump();
    if (out.size() > (1 << 16)) {
      std::cout << out;
      out.clear();
    }
  });
  out += first ? "]\n" : "\n]\n";
  std::cout << out;
}

}  // namespace

void register_log_commands(CLI::App& root, CliContext& ctx) {
  auto* log = root.add_subcommand("log", "Import logs into an incident, find PII and secrets, redact");
  log->require_subcommand(1);
  {
    auto* cmd = log->add_subcommand("add", "Import a log file (text, UTF-16, Latin-1 or .gz) into an incident");
    auto issue = std::make_shared<std::string>();
    auto file = std::make_shared<std::string>();
    cmd->add_option("ISSUE", *issue, "Incident id")->required();
    cmd->add_option("FILE", *file, "Log file")->required();
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, issue, file] {
      ctx.action = [&ctx, issue, file] {
        auto store = open_store(ctx.options);
        LogFile l = store->logs().add(*issue, *file, stderr_progress(!ctx.options.json && isatty(2)));
        if (l.notes) std::cerr << "note: " << *l.notes << "\n";
        if (ctx.options.json) print_json(l);
        else print_logs({l}, false);
        return kOk;
      };
    });
  }
  {
    auto* cmd = log->add_subcommand("list", "List the logs of an incident");
    auto issue = std::make_shared<std::string>();
    cmd->add_option("ISSUE", *issue, "Incident id")->required();
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, issue] {
      ctx.action = [&ctx, issue] {
        print_logs(open_store(ctx.options)->logs().list(*issue), ctx.options.json);
        return kOk;
      };
    });
  }
  {
    auto* cmd = log->add_subcommand("scan", "Find PII and secrets in a stored log (replaces earlier findings)");
    auto id = std::make_shared<std::string>();
    cmd->add_option("LOG_ID", *id, "Log id")->required();
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, id] {
      ctx.action = [&ctx, id] {
        auto store = open_store(ctx.options);
        ScanSummary summary = store->logs().scan(*id, stderr_progress(!ctx.options.json && isatty(2)));
        if (ctx.options.json) print_findings_json(*store, *id);
        else print_findings_summary(summary);
        return kOk;
      };
    });
  }
  {
    auto* cmd = log->add_subcommand("findings", "List the findings of the latest scan with their decisions");
    auto id = std::make_shared<std::string>();
    cmd->add_option("LOG_ID", *id, "Log id")->required();
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, id] {
      ctx.action = [&ctx, id] {
        auto store = open_store(ctx.options);
        if (ctx.options.json) {
          print_findings_json(*store, *id);
          return kOk;
        }
        auto spans = store->logs().findings(*id);
        std::vector<std::vector<std::string>> rows;
        for (const auto& s : spans)
          rows.push_back({s.id, s.pii_type, std::to_string(s.start_offset) + "-" + std::to_string(s.end_offset),
                          s.action, s.original_value.empty() ? "(forgotten)" : s.original_value});
        print_table({"FINDING ID", "TYPE", "BYTES", "DECISION", "VALUE"}, rows);
        return kOk;
      };
    });
  }
  {
    auto* cmd = log->add_subcommand("redact", "Apply the decisions: store the redacted text (audited)");
    auto id = std::make_shared<std::string>();
    auto keep = std::make_shared<std::vector<std::string>>();
    cmd->add_option("LOG_ID", *id, "Log id")->required();
    cmd->add_option("--keep", *keep, "Keep every finding of this type (repeatable), e.g. --keep Ipv4");
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, id, keep] {
      ctx.action = [&ctx, id, keep] {
        auto store = open_store(ctx.options);
        const bool bar = !ctx.options.json && isatty(2);
        if (!store->logs().get(*id).scanned_at) store->logs().scan(*id, stderr_progress(bar));
        for (const auto& type : *keep) store->logs().set_finding_action(*id, "keep", std::nullopt, type);
        RedactionSummary s = store->logs().apply_redactions(*id, stderr_progress(bar));
        if (ctx.options.json) {
          print_json({{"log_file_id", *id}, {"sha256", s.sha256}, {"size", s.size}, {"redacted", s.redacted},
                      {"kept", s.kept}});
          return kOk;
        }
        std::vector<std::vector<std::string>> rows;
        std::map<std::string, std::pair<std::int64_t, std::int64_t>> all;
        for (const auto& [t, n] : s.redacted) all[t].first = n;
        for (const auto& [t, n] : s.kept) all[t].second = n;
        for (const auto& [t, n] : all) rows.push_back({t, std::to_string(n.first), std::to_string(n.second)});
        print_table({"TYPE", "REDACTED", "KEPT"}, rows);
        std::cout << "redacted text: " << s.size << " bytes, sha256 " << s.sha256 << "\n";
        return kOk;
      };
    });
  }
  {
    auto* cmd = log->add_subcommand("cat", "Print the stored text of a log (original, or --redacted)");
    auto id = std::make_shared<std::string>();
    auto redacted = std::make_shared<bool>(false);
    cmd->add_option("LOG_ID", *id, "Log id")->required();
    cmd->add_flag("--redacted", *redacted, "Print the redacted version");
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, id, redacted] {
      ctx.action = [&ctx, id, redacted] {
        std::string text = open_store(ctx.options)->logs().text(*id, *redacted);
        std::cout.write(text.data(), static_cast<std::streamsize>(text.size()));
        return kOk;
      };
    });
  }
}

}  // namespace tftsr::cli
