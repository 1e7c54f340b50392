#include "connection_pool.hpp"

#include <chrono>
#include <thread>

namespace kiosk::gateway {

ConnectionPool::ConnectionPool(std::size_t workers, std::size_t queue_limit, int shutdown_grace_ms)
    : shared_(std::make_shared<Shared>()), queue_limit_(queue_limit), grace_ms_(shutdown_grace_ms) {
  shared_->alive = workers;
  // Detached: each worker owns a share of the state, so one that outlives shutdown() is safe.
  for (std::size_t i = 0; i < workers; ++i) std::thread(work, shared_).detach();
}

ConnectionPool::~ConnectionPool() { shutdown(); }

void ConnectionPool::work(std::shared_ptr<Shared> s) {
  for (;;) {
    std::function<void()> fn;
    {
      std::unique_lock lock(s->mutex);
      s->work.wait(lock, [&] { return s->stopping || !s->queue.empty(); });
      if (s->queue.empty()) break;  // stopping, and nothing left to finish
      fn = std::move(s->queue.front());
      s->queue.pop_front();
      ++s->running;
      s->room.notify_one();
    }
    fn();
    std::lock_guard lock(s->mutex);
    --s->running;
  }
  std::lock_guard lock(s->mutex);
  if (--s->alive == 0) s->idle.notify_all();
}

void ConnectionPool::enqueue(std::function<void()> fn) {
  std::unique_lock lock(shared_->mutex);
  shared_->room.wait(lock, [&] { return shared_->stopping || shared_->queue.size() < queue_limit_; });
  // After shutdown the connection is still handed to a worker: the function closes its socket.
  shared_->queue.push_back(std::move(fn));
  shared_->work.notify_one();
}

void ConnectionPool::shutdown() {
  std::unique_lock lock(shared_->mutex);
  if (shared_->stopping) return;  // httplib shuts the pool down, then destroys it
  shared_->stopping = true;
  shared_->work.notify_all();
  shared_->room.notify_all();
  shared_->idle.wait_for(lock, std::chrono::milliseconds(grace_ms_), [&] { return shared_->alive == 0; });
}

std::size_t ConnectionPool::active() const {
  std::lock_guard lock(shared_->mutex);
  return shared_->running;
}

}  // namespace kiosk::gateway
