#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "app/gui/view_jobs.h"

using namespace tftsr;
using namespace tftsr::gui;
using namespace std::chrono_literals;

namespace {
void wait_until_idle(WorkerPool& pool) {
  while (!pool.jobs().empty()) std::this_thread::sleep_for(1ms);
}
}  // namespace

TEST_CASE("a view's job hands its result to the view on the UI thread") {
  WorkerPool pool(1);
  ViewJobs jobs;
  int got = 0;
  jobs.run(pool, "Counting", [](JobContext&) { return 7; }, [&](int value) { got = value; });
  wait_until_idle(pool);
  CHECK(got == 0);  // nothing reaches the view before drain()
  pool.drain();
  CHECK(got == 7);
}

TEST_CASE("a result that arrives after its view is gone is dropped") {
  WorkerPool pool(1);
  int got = 0;
  {
    ViewJobs jobs;
    jobs.run(pool, "Counting", [](JobContext&) { return 7; }, [&](int value) { got = value; });
    wait_until_idle(pool);  // finished, not yet delivered
  }
  pool.drain();
  CHECK(got == 0);
}

TEST_CASE("destroying the view cancels its running job and its failure stays quiet") {
  WorkerPool pool(1);
  std::atomic<bool> started{false}, saw_cancel{false};
  bool done = false, failed = false, default_handler = false;
  pool.set_default_failure_handler([&](const JobFailure&) { default_handler = true; });
  {
    ViewJobs jobs;
    jobs.run(
        pool, "Waiting",
        [&](JobContext& ctx) {
          started = true;
          while (!ctx.cancelled()) std::this_thread::sleep_for(1ms);
          saw_cancel = true;
        },
        [&] { done = true; }, [&](const JobFailure&) { failed = true; });
    while (!started) std::this_thread::sleep_for(1ms);
  }
  wait_until_idle(pool);
  pool.drain();
  CHECK(saw_cancel);
  CHECK_FALSE(done);
  CHECK_FALSE(failed);
  CHECK_FALSE(default_handler);
}

TEST_CASE("a guarded callback runs only while its owner exists") {
  int calls = 0;
  auto owner = std::make_unique<ViewJobs>();
  auto callback = owner->guard([&](int n) { calls += n; });
  callback(2);
  CHECK(calls == 2);
  owner.reset();
  callback(3);
  CHECK(calls == 2);
}
