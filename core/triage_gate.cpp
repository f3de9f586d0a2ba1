// Triage: what the outbound gate reads from the store (see core/net/gate_sources.h).
#include "core/images/image_library.h"
#include "core/net/outbound_gate.h"
#include "core/pii/detector_cache.h"
#include "core/pii/pii_type.h"
#include "core/service_context.h"
#include "core/triage.h"

namespace tftsr {

namespace {
// The gate reads on the writer, waiting for a change being stored (an acknowledgement, a
// redaction, the detection settings): a decision about what leaves the machine must not be taken
// on the state before it.
template <class Read>
auto on_writer(std::recursive_mutex& mutex, Read read) {
  ServiceLock lock(mutex);
  return read();
}
}  // namespace

net::GateSources Triage::gate_sources() {
  net::GateSources s;
  s.database = db_.get();
  s.mutex = &mutex_;
  s.detector = [this] {
    return detectors_->without(on_writer(mutex_, [&] { return settings_->disabled_pii_types(); }));
  };
  s.image = [this](const std::string& id) {
    ImageAttachment i = on_writer(mutex_, [&] { return images_->get(id); });
    return net::ImageForSending{i.pii_warning_acknowledged, i.file_name};
  };
  s.image_png = [this](const std::string& id) {
    ServiceLock lock(mutex_);
    return ImageLibrary(*db_).png_for_sending(id);
  };
  s.log_excerpt = [this](const std::string& id, std::int64_t offset, std::string_view excerpt) {
    LogFile l = on_writer(mutex_, [&] { return logs_->get(id); });
    if (!l.redacted_blob) return net::LogExcerptState::LogNotRedacted;
    bool found = false;
    if (offset >= 0) {
      found = logs_->text_range(id, true, offset, static_cast<std::int64_t>(excerpt.size())) == excerpt;
    } else {
      // Without an offset the whole redacted text is searched: callers that send pieces of a
      // large log give their offsets.
      found = logs_->text(id, true).find(excerpt) != std::string::npos;
    }
    return found ? net::LogExcerptState::RedactedText : net::LogExcerptState::NotRedactedText;
  };
  s.unreviewed_log = [this](const std::string& id, std::int64_t offset, std::string_view excerpt) {
    LogFile l = on_writer(mutex_, [&] { return logs_->get(id); });
    if (l.redacted_blob || offset < 0) return false;
    return logs_->text_range(id, false, offset, static_cast<std::int64_t>(excerpt.size())) == excerpt;
  };
  s.log_name = [this](const std::string& id) { return on_writer(mutex_, [&] { return logs_->get(id).file_name; }); };
  return s;
}

}  // namespace tftsr
