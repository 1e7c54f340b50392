#pragma once
// The gateway's connection workers: a fixed number of threads and a short queue. When both are
// full, the accepting thread waits, so further connections stay in the kernel's backlog instead
// of costing threads or memory here.
#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

namespace kiosk::gateway {

class ConnectionPool : public httplib::TaskQueue {
 public:
  ConnectionPool(std::size_t workers, std::size_t queue_limit, int shutdown_grace_ms);
  ~ConnectionPool() override;

  void enqueue(std::function<void()> fn) override;
  // Lets the workers finish what they hold for at most the grace period. Workers still busy
  // after it are left running (and the pool is leaked with them), so that a stuck connection
  // cannot hold up the process's exit.
  void shutdown() override;

  std::size_t active() const;

 private:
  struct Shared {
    std::mutex mutex;
    std::condition_variable work, room, idle;
    std::deque<std::function<void()>> queue;
    std::size_t running = 0;
    std::size_t alive = 0;
    bool stopping = false;
  };
  static void work(std::shared_ptr<Shared> shared);
  std::shared_ptr<Shared> shared_;
  std::size_t queue_limit_;
  int grace_ms_;
};

}  // namespace kiosk::gateway
