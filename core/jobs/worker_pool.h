#pragma once
// A fixed set of threads for work that must not block the UI thread (key derivation, re-keying,
// imports, network calls). A job runs on a worker, reports progress and checks for cancellation
// through its JobContext, and returns an "apply" step that the owner runs on its own thread by
// calling drain(): results never touch UI state from a worker. The wake callback lets a sleeping
// event loop (glfwWaitEvents) know that something is ready to drain.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/error.h"

namespace tftsr {

using JobId = std::uint64_t;

// Shared between a job and the pool: the job writes progress and reads the cancel flag.
class JobContext {
 public:
  // fraction in [0, 1]; a negative value means "progress unknown" (a spinner).
  void report(double fraction, std::string note = {});
  bool cancelled() const;
  // Throws Error(Cancelled) when the job was asked to stop: call it between units of work.
  void throw_if_cancelled() const;

 private:
  friend class WorkerPool;
  struct Shared;
  explicit JobContext(std::shared_ptr<Shared> shared) : shared_(std::move(shared)) {}
  std::shared_ptr<Shared> shared_;
};

struct JobStatus {
  JobId id = 0;
  std::string name;
  double progress = -1.0;  // < 0: unknown
  std::string note;
  bool running = false;  // false: still queued
  bool cancel_requested = false;
};

struct JobFailure {
  JobId id = 0;
  std::string job_name;
  ErrorKind kind = ErrorKind::Internal;
  std::string message;
};

class WorkerPool {
 public:
  using Apply = std::function<void()>;
  using Job = std::function<Apply(JobContext&)>;
  using FailureHandler = std::function<void(const JobFailure&)>;

  // wake is called from worker threads whenever drain() has something new to deliver.
  explicit WorkerPool(unsigned thread_count, std::function<void()> wake = {});
  ~WorkerPool();  // same as shutdown()
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues a job. When it throws (or is cancelled) on_failure runs at drain(); without one the
  // failure goes to the pool's default handler. Throws Error(InvalidInput) after shutdown().
  JobId submit(std::string name, Job job, FailureHandler on_failure = {});
  void set_default_failure_handler(FailureHandler handler);

  // A queued job is dropped; a running one sees cancelled() == true. Unknown ids are ignored.
  void cancel(JobId id);
  void cancel_all();

  // Runs the apply steps and failure handlers that are ready, on the calling thread.
  // Returns how many were delivered.
  std::size_t drain();

  std::vector<JobStatus> jobs() const;  // queued and running, in submission order
  bool busy() const;                    // something queued, running, or waiting to be drained
  unsigned thread_count() const { return static_cast<unsigned>(threads_.size()); }

  // Stops taking jobs, cancels the queued ones, asks running ones to stop and waits for them.
  // Results already produced stay available to drain(). Idempotent.
  void shutdown();

 private:
  struct Entry;
  void worker_loop();
  void deliver(std::function<void()> step);

  mutable std::mutex mutex_;
  std::condition_variable work_ready_;
  std::deque<std::shared_ptr<Entry>> queue_;
  std::vector<std::shared_ptr<Entry>> running_;
  std::vector<std::function<void()>> ready_;  // apply steps and failure handlers
  FailureHandler default_failure_;
  std::function<void()> wake_;
  JobId next_id_ = 1;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace tftsr
