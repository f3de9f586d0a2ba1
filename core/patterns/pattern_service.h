#pragma once
// Mining the patterns of a log: of a plain file (read as a stream, nothing stored) or of a log
// stored in an incident (its sealed text read piece by piece through the content store). Nothing
// is persisted: mining is a single pass (about 100 MB/s), so callers mine when they need it and
// keep the report as long as they show it. Both take a progress callback that can cancel.
#include <filesystem>
#include <string>

#include "core/patterns/pattern_miner.h"
#include "core/patterns/pattern_report.h"
#include "core/progress.h"

namespace tftsr {

struct ServiceContext;

class PatternService {
 public:
  explicit PatternService(ServiceContext& ctx) : ctx_(ctx) {}

  // Error(Io) if the file cannot be read, Error(InvalidInput) for a binary file; an empty file
  // gives an empty report. Needs no store (static: the CLI mines files without a passphrase).
  static patterns::PatternReport mine_file(const std::filesystem::path& path, const patterns::MinerOptions& options = {},
                                    const Progress& progress = {});
  // The original text, or the redacted one (Error(InvalidInput) when there is none yet).
  // Error(NotFound) for an unknown log id.
  patterns::PatternReport mine_log(const std::string& log_id, const patterns::MinerOptions& options = {},
                                   const Progress& progress = {}, bool redacted = false);

 private:
  ServiceContext& ctx_;
};

}  // namespace tftsr
