#pragma once
// Runs the real `tftsr` binary against a temporary data dir with a passphrase in TFTSR_DB_KEY.
// TFTSR_BINARY is defined by the test's CMakeLists.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace tftsr::test {

struct Cli {
  TempDir dir;
  std::string key = "correct horse battery staple";

  ProcessResult run(std::vector<std::string> args, const std::string& stdin_text = {}) const {
    return run_with_key(key, std::move(args), stdin_text);
  }
  ProcessResult run_with_key(const std::string& k, std::vector<std::string> args,
                             const std::string& stdin_text = {}) const {
    args.insert(args.begin(), TFTSR_BINARY);
    args.push_back("--data-dir");
    args.push_back(data_dir().string());
    return run_process(args, {{"TFTSR_DB_KEY", k}}, stdin_text);
  }
  nlohmann::json run_json(std::vector<std::string> args) const {
    args.push_back("--json");
    auto r = run(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out);
  }
  std::filesystem::path data_dir() const { return dir / "data"; }
  std::filesystem::path db() const { return data_dir() / "tftsr.db"; }
};

}  // namespace tftsr::test
