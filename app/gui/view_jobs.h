#pragma once
// The background jobs of one view. A view starts its work through this member; when the view
// goes (its tab closed, the store closing) the jobs still queued or running are cancelled and the
// results that arrive afterwards are dropped, so no result ever reaches a view that is gone.
// Everything runs on the UI thread except the work itself.
#include <algorithm>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/jobs/worker_pool.h"

namespace tftsr::gui {

class ViewJobs {
 public:
  ViewJobs() = default;
  ~ViewJobs() { cancel(); }
  ViewJobs(const ViewJobs&) = delete;
  ViewJobs& operator=(const ViewJobs&) = delete;

  // Runs work(ctx) on a worker. Back on the UI thread, and only while this owner exists, done(result)
  // runs (done() when work returns nothing), or failed(failure) when the work threw or was cancelled.
  // Without `failed` a failure goes to the pool's default handler (a toast; cancellations are quiet).
  template <class Work, class Done>
  JobId run(WorkerPool& pool, std::string name, Work work, Done done, WorkerPool::FailureHandler failed = {}) {
    using Result = std::invoke_result_t<Work&, JobContext&>;
    auto id = std::make_shared<JobId>(0);  // known once submitted, before any step can run
    auto ended = guard([this, id] { std::erase(ids_, *id); });
    auto on_done = guard(std::move(done));
    WorkerPool::Job job = [work = std::move(work), on_done, ended](JobContext& ctx) mutable -> WorkerPool::Apply {
      if constexpr (std::is_void_v<Result>) {
        work(ctx);
        return [on_done, ended]() mutable {
          ended();
          on_done();
        };
      } else {
        // An apply step must be copyable: the result travels in a shared holder.
        auto result = std::make_shared<Result>(work(ctx));
        return [on_done, ended, result]() mutable {
          ended();
          on_done(std::move(*result));
        };
      }
    };
    WorkerPool::FailureHandler on_failure;
    if (failed)
      on_failure = [ended, failed = guard(std::move(failed))](const JobFailure& f) mutable {
        ended();
        failed(f);
      };
    *id = pool.submit(std::move(name), std::move(job), std::move(on_failure));
    return track(pool, *id);
  }

  // f wrapped so that it runs only while this owner exists: for a job whose outcome matters to the
  // whole program (a toast, a refresh) and also, when the view is still there, to the view.
  template <class F>
  auto guard(F f) const {
    return [alive = std::weak_ptr<const int>(alive_), f = std::move(f)](auto&&... args) mutable {
      if (!alive.expired()) f(std::forward<decltype(args)>(args)...);
    };
  }

  // Counts a job submitted by hand among this owner's jobs, to be cancelled with them.
  JobId track(WorkerPool& pool, JobId id) {
    pool_ = &pool;
    ids_.push_back(id);
    return id;
  }

  // Cancels this owner's jobs: queued ones never run, running ones see cancelled(). Ids of jobs
  // that already ended are ignored by the pool.
  void cancel() {
    if (pool_)
      for (JobId id : ids_) pool_->cancel(id);
    ids_.clear();
  }

 private:
  std::shared_ptr<const int> alive_ = std::make_shared<const int>(0);
  WorkerPool* pool_ = nullptr;
  std::vector<JobId> ids_;
};

}  // namespace tftsr::gui
