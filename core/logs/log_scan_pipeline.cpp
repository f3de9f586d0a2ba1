#include "core/logs/log_scan_pipeline.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

#include "core/pii/detector.h"

namespace tftsr::logs {

namespace {

ScannedChunk scan_chunk(const pii::PiiDetector& detector, TextChunk chunk) {
  ScannedChunk out;
  auto found = detector.scan(chunk.text);  // owned lines and their context
  out.findings.reserve(found.size());
  for (auto& f : found) {
    // The chunks around this one own what starts in the look-behind or the look-ahead.
    if (f.start < chunk.owned_begin || f.start >= chunk.owned_end) continue;
    f.start += chunk.offset;
    f.end += chunk.offset;
    out.findings.push_back(std::move(f));
  }
  out.chunk = std::move(chunk);
  return out;
}

// A chunk from the moment it is cut until it is handed out.
struct Job {
  TextChunk chunk;
  ScannedChunk scanned;
  std::exception_ptr error;
  bool done = false;
};

// A few threads that live as long as one stream and scan its chunks as they come. One thread per
// chunk cost a thread start and fresh stack pages every few megabytes.
class ScanWorkers {
 public:
  ScanWorkers(const pii::PiiDetector& detector, unsigned count) : detector_(detector) {
    try {
      for (unsigned i = 0; i < count; ++i) threads_.emplace_back([this] { work(); });
    } catch (...) {  // no thread to start: the ones started must not be left joinable
      stop();
      throw;
    }
  }

  // Waits for the scans under way: nothing outlives the chunks or the detector they read.
  ~ScanWorkers() { stop(); }

  void submit(const std::shared_ptr<Job>& job) {
    {
      std::lock_guard lock(mutex_);
      waiting_.push_back(job);
    }
    work_ready_.notify_one();
  }

  void wait_for(const Job& job) {
    std::unique_lock lock(mutex_);
    job_done_.wait(lock, [&] { return job.done; });
  }

 private:
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
      waiting_.clear();
    }
    work_ready_.notify_all();
    for (auto& t : threads_) t.join();
    threads_.clear();
  }

  void work() {
    for (;;) {
      std::shared_ptr<Job> job;
      {
        std::unique_lock lock(mutex_);
        work_ready_.wait(lock, [&] { return stopping_ || !waiting_.empty(); });
        if (stopping_) return;
        job = std::move(waiting_.front());
        waiting_.pop_front();
      }
      try {
        job->scanned = scan_chunk(detector_, std::move(job->chunk));
      } catch (...) {
        job->error = std::current_exception();
      }
      {
        std::lock_guard lock(mutex_);
        job->done = true;
      }
      job_done_.notify_all();
    }
  }

  const pii::PiiDetector& detector_;
  std::mutex mutex_;
  std::condition_variable work_ready_, job_done_;
  std::deque<std::shared_ptr<Job>> waiting_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;  // last: joined before the rest goes
};

}  // namespace

void scan_text_stream(const pii::PiiDetector& detector, const TextReader& read, const ChunkConsumer& consume,
                      const ScanPipelineOptions& options) {
  const unsigned threads = std::max(1u, options.threads);
  LineChunker chunker(options.chunk_size, options.lookbehind, options.lookahead);
  std::deque<std::shared_ptr<Job>> in_order;
  // Declared after what the jobs point into, so on an exception the scans stop first.
  ScanWorkers workers(detector, threads);
  std::uint64_t handed_end = 0;  // end of the last finding handed out

  auto hand_out_oldest = [&] {
    const auto job = std::move(in_order.front());
    in_order.pop_front();
    workers.wait_for(*job);
    if (job->error) std::rethrow_exception(job->error);
    ScannedChunk& scanned = job->scanned;
    // A finding of the chunk before may run into this one (a PEM block): what it covers is done.
    auto& f = scanned.findings;
    f.erase(std::remove_if(f.begin(), f.end(), [&](const pii::Finding& x) { return x.start < handed_end; }), f.end());
    if (!f.empty()) handed_end = std::max<std::uint64_t>(handed_end, f.back().end);
    consume(scanned);
    chunker.recycle(std::move(scanned.chunk.text));
  };
  // One chunk more than threads: a worker that finishes finds the next chunk waiting while this
  // thread hands out the finished one and reads on.
  auto submit = [&](TextChunk chunk) {
    while (in_order.size() > threads) hand_out_oldest();
    auto job = std::make_shared<Job>();
    job->chunk = std::move(chunk);
    in_order.push_back(job);
    workers.submit(job);
  };

  for (bool more = true; more;) {
    more = read(chunker.input());
    while (auto chunk = chunker.next()) submit(std::move(*chunk));
  }
  while (auto chunk = chunker.finish()) submit(std::move(*chunk));
  while (!in_order.empty()) hand_out_oldest();
}

}  // namespace tftsr::logs
