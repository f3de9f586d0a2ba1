#pragma once
// Writes buffers to a file on a thread of its own, so the caller can prepare the next buffer
// (decode, encrypt) while the disk takes the last one. At most a few buffers wait at a time; a
// write error is reported by the next call.
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/error.h"

namespace tftsr {

class BackgroundFileWriter {
 public:
  // Creates (truncates) the file with mode 0600.
  explicit BackgroundFileWriter(std::filesystem::path path);
  ~BackgroundFileWriter();  // stops without syncing: for abandoned files
  BackgroundFileWriter(const BackgroundFileWriter&) = delete;
  BackgroundFileWriter& operator=(const BackgroundFileWriter&) = delete;

  void write(std::string buffer);
  // Waits for every buffer, syncs the file to disk and closes it.
  void finish();

 private:
  void run();
  void rethrow_failure();

  std::filesystem::path path_;
  int fd_ = -1;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> queue_;
  bool busy_ = false;
  bool stopping_ = false;
  std::optional<Error> failure_;
  std::thread thread_;
};

}  // namespace tftsr
