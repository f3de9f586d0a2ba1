#pragma once
// What every command shares: the common options, opening the store with a passphrase from the
// environment / a key file / a terminal prompt, printing JSON or tables, and exit codes.
#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/cli/interrupt.h"
#include "core/triage.h"

namespace tftsr::cli {

enum ExitCode : int { kOk = 0, kFailure = 1, kUsage = 2, kWrongKey = 3, kInterrupted = 130 };

struct CommonOptions {
  std::string data_dir;  // empty: the default data dir
  std::string key_file;
  bool json = false;
};

// Shared state of one run: the options of the chosen command and the action it will run.
struct CliContext {
  CommonOptions options;
  std::function<int()> action;
};

// Adds --data-dir, --key-file and --json to a (sub)command.
void add_common_options(CLI::App& cmd, CliContext& ctx);

// Opens the store named by the options. Asks for the passphrase on the terminal when neither
// TFTSR_DB_KEY nor --key-file gives one (twice when the database does not exist yet).
std::unique_ptr<Triage> open_store(const CommonOptions& options);

void print_json(const nlohmann::json& value);
// A plain text table with a header row; columns padded to their widest cell (UTF-8 aware).
void print_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);
std::string or_dash(const std::optional<std::string>& s);

// Command groups; each adds its subcommands to the root.
void register_issue_commands(CLI::App& root, CliContext& ctx);
void register_why_commands(CLI::App& root, CliContext& ctx);
void register_audit_commands(CLI::App& root, CliContext& ctx);
void register_maintenance_commands(CLI::App& root, CliContext& ctx);
void register_log_commands(CLI::App& root, CliContext& ctx);
void register_pattern_commands(CLI::App& root, CliContext& ctx);
void register_triage_commands(CLI::App& root, CliContext& ctx);
void register_image_commands(CLI::App& root, CliContext& ctx);
void register_scan_commands(CLI::App& root, CliContext& ctx);
void register_ai_commands(CLI::App& root, CliContext& ctx);
void register_chat_commands(CLI::App& root, CliContext& ctx);
void register_ollama_commands(CLI::App& root, CliContext& ctx);
void register_doc_commands(CLI::App& root, CliContext& ctx);
void register_integration_commands(CLI::App& root, CliContext& ctx);
void register_publish_commands(CLI::App& root, CliContext& ctx);
void register_ticket_commands(CLI::App& root, CliContext& ctx);

// Entry point of the command line: parses, runs, maps errors to exit codes.
int run_cli(int argc, char** argv);
// True if argv names a CLI subcommand (or --help/--version), false when the GUI should start.
bool wants_cli(int argc, char** argv);

}  // namespace tftsr::cli
