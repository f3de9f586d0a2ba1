#include "core/patterns/pattern_service.h"

#include "core/error.h"
#include "core/logs/file_text_reader.h"
#include "core/logs/log_repository.h"
#include "core/logs/stored_text_reader.h"
#include "core/patterns/line_splitter.h"
#include "core/service_context.h"

namespace tftsr {

namespace {
// Feeds what `read(piece)` gives to a miner, line by line; `fraction()` for the progress.
template <typename Read, typename Fraction>
patterns::PatternReport mine_stream(const patterns::MinerOptions& options, const Progress& progress, Read&& read,
                                    Fraction&& fraction) {
  patterns::PatternMiner miner(options);
  patterns::LineSplitter lines(options.max_line_bytes);
  auto add = [&](std::string_view line, bool cut) { miner.add_line(line, cut); };
  std::string piece;
  progress.update(0.0, "mining patterns");
  for (bool more = true; more;) {
    progress.throw_if_cancelled();
    piece.clear();
    more = read(piece);
    lines.feed(piece, add);
    progress.update(0.99 * fraction(), "mining patterns");
  }
  lines.finish(add);
  auto report = miner.finish();
  progress.update(1.0, "mined");
  return report;
}
}  // namespace

patterns::PatternReport PatternService::mine_file(const std::filesystem::path& path,
                                                  const patterns::MinerOptions& options, const Progress& progress) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec) && std::filesystem::file_size(path, ec) == 0 && !ec)
    return patterns::PatternMiner(options).finish();
  logs::FileTextReader reader(path);
  return mine_stream(
      options, progress, [&](std::string& out) { return reader.read(out); }, [&] { return reader.fraction(); });
}

patterns::PatternReport PatternService::mine_log(const std::string& log_id, const patterns::MinerOptions& options,
                                                 const Progress& progress, bool redacted) {
  LogFile log;
  {
    ServiceLock lock(ctx_.mutex);
    auto found = LogRepository(ctx_.db).find(log_id);
    if (!found) throw Error(ErrorKind::NotFound, "no log with id " + log_id);
    log = *found;
  }
  if (redacted && !log.redacted_blob)
    throw Error(ErrorKind::InvalidInput, "log " + log.file_name + " has no redacted version yet: apply redactions first");
  // The sealed text is read without the lock: the content store is thread-safe on its own.
  logs::StoredTextReader reader(ctx_.content, log, redacted);
  return mine_stream(
      options, progress, [&](std::string& out) { return reader.read(out); }, [&] { return reader.fraction(); });
}

}  // namespace tftsr
