// tftsr audit [--action A] [--entity-type T] [--entity-id ID] [--since TS] [--limit N] [--verify]
#include <iostream>

#include "app/cli/cli_support.h"
#include "core/store/records_json.h"

namespace tftsr::cli {

void register_audit_commands(CLI::App& root, CliContext& ctx) {
  auto* cmd = root.add_subcommand("audit", "Show the audit log of outbound and destructive actions, or verify it");
  auto f = std::make_shared<AuditFilter>();
  auto verify = std::make_shared<bool>(false);
  cmd->add_option("--action", f->action, "Only this action (e.g. issue_delete, export)");
  cmd->add_option("--entity-type", f->entity_type, "Only entries about this kind of thing (issue, document...)");
  cmd->add_option("--entity-id", f->entity_id, "Only entries about this id");
  cmd->add_option("--since", f->since, "Only entries at or after this UTC time (YYYY-MM-DD[ HH:MM:SS])");
  cmd->add_option("--limit", f->limit, "At most this many, newest first (default 100, 0 for all)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--verify", *verify, "Walk the hash chain; exit 1 and name the first broken entry if it is not intact");
  add_common_options(*cmd, ctx);
  cmd->callback([&ctx, f, verify] {
    ctx.action = [&ctx, f, verify] {
      auto store = open_store(ctx.options);
      if (*verify) {
        AuditVerification v = store->audit().verify();
        if (ctx.options.json) {
          print_json({{"ok", v.ok},
                      {"entries", v.entries},
                      {"first_broken_id", v.first_broken_id ? nlohmann::json(*v.first_broken_id) : nlohmann::json()},
                      {"message", v.message}});
        } else {
          (v.ok ? std::cout : std::cerr) << v.message << "\n";
        }
        return v.ok ? kOk : kFailure;
      }
      auto entries = store->audit().entries(*f);
      if (ctx.options.json) {
        print_json(entries);
        return kOk;
      }
      std::vector<std::vector<std::string>> rows;
      for (const auto& e : entries)
        rows.push_back({std::to_string(e.seq), e.timestamp, e.action, e.entity_type, e.entity_id, or_dash(e.details)});
      print_table({"#", "WHEN (UTC)", "ACTION", "ENTITY", "ID", "DETAILS"}, rows);
      return kOk;
    };
  });
}

}  // namespace tftsr::cli
