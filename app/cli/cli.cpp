#include <cstring>
#include <filesystem>
#include <iostream>

#include "app/cli/cli_support.h"
#include "core/error.h"

namespace tftsr::cli {

namespace {
void build(CLI::App& app, CliContext& ctx) {
  app.require_subcommand(1);
  app.set_version_flag("--version", "tftsr 0.1.0");
  register_issue_commands(app, ctx);
  register_why_commands(app, ctx);
  register_audit_commands(app, ctx);
  register_maintenance_commands(app, ctx);
  register_log_commands(app, ctx);
  register_pattern_commands(app, ctx);  // after the log group: it adds `log patterns`
  register_triage_commands(app, ctx);
  register_image_commands(app, ctx);
  register_scan_commands(app, ctx);
  register_ai_commands(app, ctx);
  register_chat_commands(app, ctx);
  register_ollama_commands(app, ctx);
  register_doc_commands(app, ctx);
  register_integration_commands(app, ctx);
  register_publish_commands(app, ctx);
  register_ticket_commands(app, ctx);
}

int exit_code_for(const Error& e) {
  switch (e.kind()) {
    case ErrorKind::WrongKey:
    case ErrorKind::Storage: return kWrongKey;
    case ErrorKind::InvalidInput: return kUsage;
    case ErrorKind::Cancelled: return kInterrupted;
    default: return kFailure;
  }
}
}  // namespace

bool wants_cli(int argc, char** argv) {
  if (argc < 2) return false;
  CLI::App probe;
  CliContext ctx;
  build(probe, ctx);
  const char* first = argv[1];
  if (!std::strcmp(first, "--help") || !std::strcmp(first, "-h") || !std::strcmp(first, "--version")) return true;
  for (const auto* sub : probe.get_subcommands({}))
    if (sub->check_name(first)) return true;
  std::error_code ec;
  if (std::filesystem::is_regular_file(first, ec)) return false;  // `tftsr FILE…`: the desktop program opens it
  return first[0] != '-';  // an unknown word: let the CLI say it is unknown
}

int run_cli(int argc, char** argv) {
  CLI::App app{"TFTSR — Troubleshooting and RCA Assistant.\n"
               "Without a command, `tftsr [--data-dir DIR] [--screenshot OUT.png] [--frames N] [FILE...]` starts the\n"
               "desktop program, offering the FILEs (logs, screenshots) for import; TFTSR_DB_KEY skips its unlock screen.",
               "tftsr"};
  CliContext ctx;
  build(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kOk : kUsage;
  }
  if (!ctx.action) return kUsage;
  try {
    return ctx.action();
  } catch (const Error& e) {
    std::cerr << "tftsr: " << e.what() << "\n";
    return exit_code_for(e);
  } catch (const std::exception& e) {
    std::cerr << "tftsr: " << e.what() << "\n";
    return kFailure;
  }
}

}  // namespace tftsr::cli
