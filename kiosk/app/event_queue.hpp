#pragma once
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>

#include "core/events.hpp"

namespace kiosk::app {

// Devices and the gateway worker post events here from any thread; the UI thread takes them.
// `wake` lets a sleeping UI loop know (an SDL user event when a window is open).
class EventQueue {
 public:
  void set_wake(std::function<void()> wake) {
    std::lock_guard lock(mutex_);
    wake_ = std::move(wake);
  }
  void post(Event e) {
    std::function<void()> wake;
    {
      std::lock_guard lock(mutex_);
      events_.push_back(std::move(e));
      wake = wake_;
    }
    ready_.notify_all();
    if (wake) wake();
  }
  // Wakes the UI thread without an event (a technician's request is waiting).
  void nudge() {
    std::function<void()> wake;
    {
      std::lock_guard lock(mutex_);
      wake = wake_;
    }
    ready_.notify_all();
    if (wake) wake();
  }
  std::optional<Event> take() {
    std::lock_guard lock(mutex_);
    if (events_.empty()) return std::nullopt;
    Event e = std::move(events_.front());
    events_.pop_front();
    return e;
  }
  // Sleeps until an event is queued or the time is up; true if there is one.
  bool wait_for(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return ready_.wait_for(lock, timeout, [&] { return !events_.empty(); });
  }
  bool empty() {
    std::lock_guard lock(mutex_);
    return events_.empty();
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Event> events_;
  std::function<void()> wake_;
};

}  // namespace kiosk::app
