#include "app/gui/log_import.h"

#include "app/gui/job_progress.h"

namespace tftsr::gui {

void import_logs(AppState& state, const std::string& incident_id, const std::vector<std::filesystem::path>& files) {
  Triage* triage = state.triage.get();
  for (const auto& file : files) {
    const std::string name = file.filename().string();
    state.pool.submit(
        "Importing " + name,
        [triage, incident_id, file, name, &state](JobContext& ctx) -> WorkerPool::Apply {
          LogFile log = triage->logs().add(incident_id, file, progress_of(ctx));
          return [&state, log, name] {
            state.notify(NoticeLevel::Success, "Log imported",
                         name + ": " + std::to_string(log.line_count) + " lines, " + log.encoding);
            state.changed();
          };
        },
        [&state, name](const JobFailure& f) {
          if (f.kind == ErrorKind::Cancelled)
            state.notify(NoticeLevel::Info, "Import cancelled", name);
          else
            state.notify(NoticeLevel::Error, "Could not import " + name, f.message);
        });
  }
}

}  // namespace tftsr::gui
