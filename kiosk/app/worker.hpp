#pragma once
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace kiosk::app {

// One background thread for blocking calls (the gateway over HTTPS), run in order so that a
// delivery never overtakes the SMS that follows it.
class Worker {
 public:
  Worker();
  ~Worker();
  void run(std::function<void()> job);
  bool busy();  // a job is queued or running

 private:
  void loop();
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  int running_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace kiosk::app
