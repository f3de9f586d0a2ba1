#pragma once
// What the outbound gate needs from the rest of the core, as plain functions that Triage fills
// in. The gate depends on these, not on the services, so either side can change on its own.
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace tftsr {
class Database;
namespace pii {
class PiiDetector;
}
}  // namespace tftsr

namespace tftsr::net {

// Where a log excerpt stands before it may leave.
enum class LogExcerptState {
  RedactedText,      // the log was reviewed and redacted, and the excerpt is part of its redacted text
  LogNotRedacted,    // the log's findings were never applied: only its redacted text may be sent
  NotRedactedText,   // the log has a redacted text, but the excerpt is not part of it
};

struct ImageForSending {
  bool acknowledged = false;  // the user checked the image and confirmed the privacy warning
  std::string file_name;      // for messages
};

struct GateSources {
  // The store the audit entry goes to, and the lock that serialises its use.
  Database* database = nullptr;
  std::recursive_mutex* mutex = nullptr;
  // The detector with the PII types enabled in the settings (call with no lock held).
  std::function<std::shared_ptr<const pii::PiiDetector>()> detector;
  // The image's state; Error(NotFound) for an unknown id.
  std::function<ImageForSending(const std::string& image_id)> image;
  // The burned-in PNG (annotations and redaction boxes drawn in), never the original.
  std::function<std::string(const std::string& image_id)> image_png;
  // Where `excerpt` stands against the log's redacted text: at `offset` when it is not -1,
  // anywhere otherwise. Error(NotFound) for an unknown id.
  std::function<LogExcerptState(const std::string& log_id, std::int64_t offset, std::string_view excerpt)>
      log_excerpt;
  // True when the log was never redacted and `excerpt` is its original text at `offset`.
  std::function<bool(const std::string& log_id, std::int64_t offset, std::string_view excerpt)> unreviewed_log;
  // A log's name, for messages.
  std::function<std::string(const std::string& log_id)> log_name;
};

}  // namespace tftsr::net
