#pragma once
#include <chrono>
#include <mutex>
#include <string>
#include <vector>

#include "gateway/service.hpp"
#include "worker.hpp"

namespace kiosk {
class Journal;
}

namespace kiosk::app {

// Hands the journal's outbox (SMS, transaction reports) to the gateway in the background: at
// least once, oldest first, with a doubling pause after a failure. The journal is touched on
// the app's thread only; the network on the sender's own thread, so that a slow gateway never
// holds up a customer's look-up.
class OutboxSender {
 public:
  OutboxSender(Journal& journal, gateway::Service& client) : journal_(journal), client_(client) {}
  // App thread: records finished hand-overs and, unless `hold_back`, starts the next due ones
  // (at most every 500 ms).
  void poll(bool hold_back = false);
  bool busy();  // a hand-over is under way

 private:
  struct Done {
    long long id;
    std::string key;
    std::string kind;
    int attempts;
    gateway::Service::Handover result;
    std::string detail;
  };
  Journal& journal_;
  gateway::Service& client_;
  std::mutex mutex_;
  std::vector<Done> done_;
  bool in_flight_ = false;
  std::chrono::steady_clock::time_point next_look_{};
  Worker worker_;  // last: its thread stops before the members it uses go
};

// Milliseconds since the epoch: outbox times survive a restart.
long long wall_clock_ms();

}  // namespace kiosk::app
