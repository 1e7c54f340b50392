#pragma once
// Collects the events a driver posts from its own thread, for tests.
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "hal/event_sink.hpp"

namespace kiosk::test {

struct EventRecorder {
  std::mutex m;
  std::vector<Event> all;
  hal::EventSink sink() {
    return [this](Event e) {
      std::lock_guard lock(m);
      all.push_back(std::move(e));
    };
  }
  template <typename T>
  std::vector<T> of() {
    std::lock_guard lock(m);
    std::vector<T> out;
    for (const Event& e : all)
      if (const T* t = std::get_if<T>(&e)) out.push_back(*t);
    return out;
  }
};

// Polls a condition for up to `ms` milliseconds.
template <typename F>
bool eventually(F condition, int ms = 8000) {
  for (int i = 0; i < ms / 5; ++i) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}

}  // namespace kiosk::test
