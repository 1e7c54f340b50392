#pragma once
// One thread that carries out jobs in the order they were posted: the printer driver, the card
// terminal driver, the app's blocking calls and speech synthesis each own one. Whatever a job
// needs lives in its owner; declare the JobThread as the owner's last member so that it starts
// after, and stops before, everything its jobs use.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace kiosk {

template <typename Job>
class JobThread {
 public:
  struct Work {
    std::function<void(Job&)> run;              // on the thread, without the lock
    std::function<void()> idle;                 // queue empty: every idle_every (never if empty)
    std::chrono::milliseconds idle_every{0};
    std::function<void(const Job&)> started;    // under the lock, as the job is taken
    std::function<void()> finished;             // under the lock, once run() returned
    bool finish_queue_on_stop = false;          // run what is queued before stopping, or drop it
  };

  explicit JobThread(Work work) : work_(std::move(work)), thread_([this] { loop(); }) {}
  ~JobThread() { stop(); }
  JobThread(const JobThread&) = delete;
  JobThread& operator=(const JobThread&) = delete;

  // Waits for the job under way (and the queue, if so configured); idempotent.
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

  void post(Job job) {
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(std::move(job));
    }
    wake_.notify_all();
  }

  // Only this job is still wanted: what was queued and not started is dropped.
  void replace_queue(Job job) {
    {
      std::lock_guard lock(mutex_);
      queue_.clear();
      queue_.push_back(std::move(job));
    }
    wake_.notify_all();
  }

  // Runs f(queue) under the lock: to take back or inspect queued jobs, and to reach what the
  // started/finished hooks keep. f must not call back into this JobThread.
  template <typename F>
  decltype(auto) locked(F f) {
    std::lock_guard lock(mutex_);
    return f(queue_);
  }

  bool busy() const {
    std::lock_guard lock(mutex_);
    return running_ || !queue_.empty();
  }

 private:
  void loop() {
    std::unique_lock lock(mutex_);
    const auto ready = [&] { return stopping_ || !queue_.empty(); };
    for (;;) {
      if (stopping_ && (!work_.finish_queue_on_stop || queue_.empty())) return;
      if (queue_.empty()) {
        if (work_.idle && work_.idle_every.count() > 0) {
          lock.unlock();
          work_.idle();
          lock.lock();
          wake_.wait_for(lock, work_.idle_every, ready);
        } else {
          wake_.wait(lock, ready);
        }
        continue;
      }
      Job job = std::move(queue_.front());
      queue_.pop_front();
      running_ = true;
      if (work_.started) work_.started(job);
      lock.unlock();
      work_.run(job);
      lock.lock();
      running_ = false;
      if (work_.finished) work_.finished();
    }
  }

  Work work_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  bool running_ = false;
  bool stopping_ = false;
  std::thread thread_;  // last: starts once everything above is ready
};

}  // namespace kiosk
