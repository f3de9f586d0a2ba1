#include "core/jobs/worker_pool.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <optional>
#include <algorithm>
#include <stdexcept>
#include <thread>

using namespace std::chrono_literals;
using tftsr::ErrorKind;
using tftsr::JobContext;
using tftsr::JobFailure;
using tftsr::WorkerPool;

namespace {

// Drains until pred() holds or two seconds pass; returns pred().
template <class Pred>
bool drain_until(WorkerPool& pool, Pred pred) {
  auto deadline = std::chrono::steady_clock::now() + 2s;
  while (!pred() && std::chrono::steady_clock::now() < deadline) {
    pool.drain();
    std::this_thread::sleep_for(1ms);
  }
  pool.drain();
  return pred();
}

}  // namespace

TEST_CASE("a job's apply step runs on the draining thread, not on a worker") {
  WorkerPool pool(2);
  std::thread::id worker_thread, apply_thread;
  int value = 0;
  pool.submit("compute", [&](JobContext&) -> WorkerPool::Apply {
    worker_thread = std::this_thread::get_id();
    return [&] {
      apply_thread = std::this_thread::get_id();
      value = 42;
    };
  });
  CHECK(value == 0);  // nothing applied before drain()
  REQUIRE(drain_until(pool, [&] { return value == 42; }));
  CHECK(apply_thread == std::this_thread::get_id());
  CHECK(worker_thread != std::this_thread::get_id());
  CHECK_FALSE(pool.busy());
}

TEST_CASE("progress reported by a running job is visible in jobs()") {
  WorkerPool pool(1);
  std::promise<void> reported, release;
  auto release_future = release.get_future();
  pool.submit("import", [&](JobContext& ctx) -> WorkerPool::Apply {
    ctx.report(0.25, "a quarter");
    reported.set_value();
    release_future.wait();
    return {};
  });
  reported.get_future().wait();
  auto jobs = pool.jobs();
  REQUIRE(jobs.size() == 1);
  CHECK(jobs[0].name == "import");
  CHECK(jobs[0].running);
  CHECK(jobs[0].progress == doctest::Approx(0.25));
  CHECK(jobs[0].note == "a quarter");
  release.set_value();
  CHECK(drain_until(pool, [&] { return pool.jobs().empty() && !pool.busy(); }));
}

TEST_CASE("progress is clamped to 1 and a negative value means unknown") {
  WorkerPool pool(1);
  std::promise<void> reported, release;
  auto release_future = release.get_future();
  pool.submit("clamp", [&](JobContext& ctx) -> WorkerPool::Apply {
    ctx.report(7.0);
    reported.set_value();
    release_future.wait();
    return {};
  });
  reported.get_future().wait();
  CHECK(pool.jobs().at(0).progress == doctest::Approx(1.0));
  release.set_value();
  drain_until(pool, [&] { return !pool.busy(); });
}

TEST_CASE("cancelling a running job makes cancelled() true and reports a Cancelled failure") {
  WorkerPool pool(1);
  std::promise<void> started;
  bool applied = false;
  std::optional<JobFailure> failure;
  auto id = pool.submit(
      "long", [&](JobContext& ctx) -> WorkerPool::Apply {
        started.set_value();
        while (!ctx.cancelled()) std::this_thread::sleep_for(1ms);
        ctx.throw_if_cancelled();
        return [&] { applied = true; };
      },
      [&](const JobFailure& f) { failure = f; });
  started.get_future().wait();
  CHECK(pool.jobs().at(0).running);
  pool.cancel(id);
  REQUIRE(drain_until(pool, [&] { return failure.has_value(); }));
  CHECK(failure->kind == ErrorKind::Cancelled);
  CHECK(failure->id == id);
  CHECK_FALSE(applied);
}

TEST_CASE("a job that ignores cancellation still has its result dropped") {
  WorkerPool pool(1);
  std::promise<void> started, release;
  auto release_future = release.get_future();
  bool applied = false;
  std::optional<JobFailure> failure;
  auto id = pool.submit(
      "stubborn", [&](JobContext&) -> WorkerPool::Apply {
        started.set_value();
        release_future.wait();
        return [&] { applied = true; };
      },
      [&](const JobFailure& f) { failure = f; });
  started.get_future().wait();
  pool.cancel(id);
  CHECK(pool.jobs().at(0).cancel_requested);
  release.set_value();
  REQUIRE(drain_until(pool, [&] { return failure.has_value(); }));
  CHECK(failure->kind == ErrorKind::Cancelled);
  CHECK_FALSE(applied);
}

TEST_CASE("cancelling a queued job means it never runs") {
  WorkerPool pool(1);
  std::promise<void> started, release;
  auto release_future = release.get_future();
  pool.submit("blocker", [&](JobContext&) -> WorkerPool::Apply {
    started.set_value();
    release_future.wait();
    return {};
  });
  started.get_future().wait();
  std::atomic<bool> ran{false};
  std::optional<JobFailure> failure;
  auto queued = pool.submit(
      "queued", [&](JobContext&) -> WorkerPool::Apply {
        ran = true;
        return {};
      },
      [&](const JobFailure& f) { failure = f; });
  auto jobs = pool.jobs();
  REQUIRE(jobs.size() == 2);
  CHECK_FALSE(jobs[1].running);
  pool.cancel(queued);
  release.set_value();
  REQUIRE(drain_until(pool, [&] { return failure.has_value() && !pool.busy(); }));
  CHECK(failure->kind == ErrorKind::Cancelled);
  CHECK_FALSE(ran.load());
}

TEST_CASE("exceptions thrown by a job are delivered with their kind and message") {
  WorkerPool pool(2);
  std::vector<JobFailure> failures;
  pool.set_default_failure_handler([&](const JobFailure& f) { failures.push_back(f); });
  pool.submit("wrong key", [](JobContext&) -> WorkerPool::Apply {
    throw tftsr::Error(ErrorKind::WrongKey, "The passphrase is wrong.");
  });
  pool.submit("std failure", [](JobContext&) -> WorkerPool::Apply { throw std::runtime_error("disk on fire"); });
  REQUIRE(drain_until(pool, [&] { return failures.size() == 2; }));
  std::sort(failures.begin(), failures.end(), [](auto& a, auto& b) { return a.id < b.id; });
  CHECK(failures[0].job_name == "wrong key");
  CHECK(failures[0].kind == ErrorKind::WrongKey);
  CHECK(failures[0].message == "The passphrase is wrong.");
  CHECK(failures[1].kind == ErrorKind::Internal);
  CHECK(failures[1].message == "disk on fire");
}

TEST_CASE("a job's own failure handler takes precedence over the default one") {
  WorkerPool pool(1);
  int own = 0, fallback = 0;
  pool.set_default_failure_handler([&](const JobFailure&) { ++fallback; });
  pool.submit(
      "fails", [](JobContext&) -> WorkerPool::Apply { throw std::runtime_error("x"); },
      [&](const JobFailure&) { ++own; });
  REQUIRE(drain_until(pool, [&] { return own == 1; }));
  CHECK(fallback == 0);
}

TEST_CASE("the wake callback fires when a result is ready") {
  std::atomic<int> wakes{0};
  WorkerPool pool(1, [&] { ++wakes; });
  pool.submit("quick", [](JobContext&) -> WorkerPool::Apply { return [] {}; });
  auto deadline = std::chrono::steady_clock::now() + 2s;
  while (!pool.busy() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
  while (wakes.load() < 2 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
  CHECK(wakes.load() >= 2);  // once when it started, once when its result was queued
  CHECK(pool.drain() == 1);
}

TEST_CASE("shutdown cancels running and queued jobs, joins, and refuses new work") {
  WorkerPool pool(1);
  std::promise<void> started;
  std::atomic<bool> saw_cancel{false}, queued_ran{false};
  std::vector<JobFailure> failures;
  pool.set_default_failure_handler([&](const JobFailure& f) { failures.push_back(f); });
  pool.submit("running", [&](JobContext& ctx) -> WorkerPool::Apply {
    started.set_value();
    while (!ctx.cancelled()) std::this_thread::sleep_for(1ms);
    saw_cancel = true;
    return {};
  });
  pool.submit("queued", [&](JobContext&) -> WorkerPool::Apply {
    queued_ran = true;
    return {};
  });
  started.get_future().wait();
  pool.shutdown();
  CHECK(saw_cancel.load());
  CHECK_FALSE(queued_ran.load());
  CHECK(pool.jobs().empty());
  CHECK(pool.drain() == 2);
  REQUIRE(failures.size() == 2);
  for (auto& f : failures) CHECK(f.kind == ErrorKind::Cancelled);
  CHECK_THROWS_AS(pool.submit("late", [](JobContext&) -> WorkerPool::Apply { return {}; }), tftsr::Error);
  pool.shutdown();  // idempotent
}

TEST_CASE("many jobs across threads all deliver exactly once") {
  WorkerPool pool(4);
  int applied = 0;
  for (int i = 0; i < 200; ++i)
    pool.submit("n", [&](JobContext&) -> WorkerPool::Apply { return [&] { ++applied; }; });
  REQUIRE(drain_until(pool, [&] { return applied == 200; }));
  CHECK(pool.drain() == 0);
  CHECK(pool.thread_count() == 4);
}
