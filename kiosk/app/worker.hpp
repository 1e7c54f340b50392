#pragma once
#include <functional>

#include "thread/job_thread.hpp"

namespace kiosk::app {

// One background thread for blocking calls (the gateway over HTTPS), run in order so that a
// delivery never overtakes the SMS that follows it. What is queued when the app stops still runs.
class Worker {
 public:
  Worker() : jobs_({.run = [](std::function<void()>& job) { job(); }, .finish_queue_on_stop = true}) {}
  void run(std::function<void()> job) { jobs_.post(std::move(job)); }
  bool busy() const { return jobs_.busy(); }

 private:
  JobThread<std::function<void()>> jobs_;
};

}  // namespace kiosk::app
