#include "core/jobs/worker_pool.h"

#include <algorithm>
#include <atomic>
#include <exception>

namespace tftsr {

struct JobContext::Shared {
  std::atomic<bool> cancel{false};
  mutable std::mutex mutex;
  double progress = -1.0;
  std::string note;
  std::function<void()> on_progress;
};

void JobContext::report(double fraction, std::string note) {
  {
    std::lock_guard lock(shared_->mutex);
    shared_->progress = fraction < 0.0 ? -1.0 : std::min(fraction, 1.0);
    shared_->note = std::move(note);
  }
  if (shared_->on_progress) shared_->on_progress();
}

bool JobContext::cancelled() const { return shared_->cancel.load(); }

void JobContext::throw_if_cancelled() const {
  if (cancelled()) throw Error(ErrorKind::Cancelled, "The job was cancelled.");
}

struct WorkerPool::Entry {
  JobId id = 0;
  std::string name;
  Job job;
  FailureHandler on_failure;
  std::shared_ptr<JobContext::Shared> shared = std::make_shared<JobContext::Shared>();
};

WorkerPool::WorkerPool(unsigned thread_count, std::function<void()> wake) : wake_(std::move(wake)) {
  if (thread_count == 0) thread_count = 1;
  threads_.reserve(thread_count);
  for (unsigned i = 0; i < thread_count; ++i) threads_.emplace_back([this] { worker_loop(); });
}

WorkerPool::~WorkerPool() { shutdown(); }

JobId WorkerPool::submit(std::string name, Job job, FailureHandler on_failure) {
  auto entry = std::make_shared<Entry>();
  entry->name = std::move(name);
  entry->job = std::move(job);
  entry->on_failure = std::move(on_failure);
  entry->shared->on_progress = wake_;
  {
    std::lock_guard lock(mutex_);
    if (stopping_) throw Error(ErrorKind::InvalidInput, "The worker pool is shutting down; the job was not started.");
    entry->id = next_id_++;
    queue_.push_back(entry);
  }
  work_ready_.notify_one();
  return entry->id;
}

void WorkerPool::set_default_failure_handler(FailureHandler handler) {
  std::lock_guard lock(mutex_);
  default_failure_ = std::move(handler);
}

void WorkerPool::deliver(std::function<void()> step) {
  {
    std::lock_guard lock(mutex_);
    ready_.push_back(std::move(step));
  }
  if (wake_) wake_();
}

// Builds the UI-thread step that reports a failure; the handler is chosen at delivery time so a
// default handler set later still applies.
static std::function<void()> failure_step(WorkerPool::FailureHandler own, const WorkerPool::FailureHandler* fallback,
                                          std::mutex* mutex, JobFailure failure) {
  return [own = std::move(own), fallback, mutex, failure = std::move(failure)] {
    if (own) {
      own(failure);
      return;
    }
    WorkerPool::FailureHandler handler;
    {
      std::lock_guard lock(*mutex);
      handler = *fallback;
    }
    if (handler) handler(failure);
  };
}

void WorkerPool::cancel(JobId id) {
  std::shared_ptr<Entry> dropped;
  {
    std::lock_guard lock(mutex_);
    auto queued = std::find_if(queue_.begin(), queue_.end(), [&](const auto& e) { return e->id == id; });
    if (queued != queue_.end()) {
      dropped = *queued;
      queue_.erase(queued);
    } else {
      for (auto& e : running_)
        if (e->id == id) e->shared->cancel = true;
    }
  }
  if (dropped)
    deliver(failure_step(dropped->on_failure, &default_failure_, &mutex_,
                         {dropped->id, dropped->name, ErrorKind::Cancelled, "Cancelled before it started."}));
}

void WorkerPool::cancel_all() {
  std::vector<JobId> ids;
  {
    std::lock_guard lock(mutex_);
    for (auto& e : queue_) ids.push_back(e->id);
    for (auto& e : running_) ids.push_back(e->id);
  }
  for (JobId id : ids) cancel(id);
}

void WorkerPool::worker_loop() {
  for (;;) {
    std::shared_ptr<Entry> entry;
    {
      std::unique_lock lock(mutex_);
      work_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;  // shutdown() already moved the queue away
      entry = queue_.front();
      queue_.pop_front();
      running_.push_back(entry);
    }
    if (wake_) wake_();  // the job list changed: a status bar wants to show it

    std::function<void()> step;
    JobContext context(entry->shared);
    try {
      Apply apply = entry->job(context);
      if (context.cancelled()) throw Error(ErrorKind::Cancelled, "The job was cancelled.");
      step = apply ? std::move(apply) : [] {};
    } catch (const Error& e) {
      step = failure_step(entry->on_failure, &default_failure_, &mutex_, {entry->id, entry->name, e.kind(), e.what()});
    } catch (const std::exception& e) {
      step = failure_step(entry->on_failure, &default_failure_, &mutex_,
                          {entry->id, entry->name, ErrorKind::Internal, e.what()});
    } catch (...) {
      step = failure_step(entry->on_failure, &default_failure_, &mutex_,
                          {entry->id, entry->name, ErrorKind::Internal, "The job failed with an unknown error."});
    }
    {
      std::lock_guard lock(mutex_);
      running_.erase(std::find(running_.begin(), running_.end(), entry));
      ready_.push_back(std::move(step));
    }
    if (wake_) wake_();
  }
}

std::size_t WorkerPool::drain() {
  std::vector<std::function<void()>> steps;
  {
    std::lock_guard lock(mutex_);
    steps.swap(ready_);
  }
  for (auto& step : steps) step();
  return steps.size();
}

std::vector<JobStatus> WorkerPool::jobs() const {
  std::vector<JobStatus> out;
  std::lock_guard lock(mutex_);
  auto describe = [&](const Entry& e, bool running) {
    JobStatus s;
    s.id = e.id;
    s.name = e.name;
    s.running = running;
    s.cancel_requested = e.shared->cancel.load();
    std::lock_guard progress_lock(e.shared->mutex);
    s.progress = e.shared->progress;
    s.note = e.shared->note;
    out.push_back(std::move(s));
  };
  for (auto& e : running_) describe(*e, true);
  for (auto& e : queue_) describe(*e, false);
  std::sort(out.begin(), out.end(), [](const JobStatus& a, const JobStatus& b) { return a.id < b.id; });
  return out;
}

bool WorkerPool::busy() const {
  std::lock_guard lock(mutex_);
  return !queue_.empty() || !running_.empty() || !ready_.empty();
}

void WorkerPool::shutdown() {
  std::deque<std::shared_ptr<Entry>> dropped;
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
    dropped.swap(queue_);
    for (auto& e : running_) e->shared->cancel = true;
  }
  work_ready_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
  std::lock_guard lock(mutex_);
  for (auto& e : dropped)
    ready_.push_back(failure_step(e->on_failure, &default_failure_, &mutex_,
                                  {e->id, e->name, ErrorKind::Cancelled, "Cancelled: the program is closing."}));
}

}  // namespace tftsr
