#include "outbox_sender.hpp"

#include <algorithm>

#include "journal/journal.hpp"
#include "log/log.hpp"

namespace kiosk::app {

long long wall_clock_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

namespace {
long long retry_pause_ms(int attempts) {
  long long pause = 2000;
  for (int i = 1; i < attempts && pause < 300000; ++i) pause *= 2;
  return std::min(pause, 300000LL);
}
}  // namespace

void OutboxSender::poll(bool hold_back) {
  std::vector<Done> done;
  bool too_soon = false;
  {
    std::lock_guard lock(mutex_);
    done.swap(done_);
    if (in_flight_) return;
  }
  for (const Done& d : done) {
    using H = gateway::Service::Handover;
    if (d.result == H::delivered) {
      journal_.mark_sent(d.id, d.kind == "sms");
    } else if (d.result == H::too_soon) {
      too_soon = true;  // the gateway's rate limit: the item stays due, and the next look waits
    } else if (d.result == H::refused) {
      log_warn("outbox: " + d.key + " refused by the gateway, dropped: " + d.detail);
      journal_.mark_sent(d.id, d.kind == "sms");
    } else {
      log_warn("outbox: " + d.key + " not handed over (" + d.detail + "), trying again later");
      journal_.postpone(d.id, wall_clock_ms() + retry_pause_ms(d.attempts + 1));
    }
  }
  const auto now = std::chrono::steady_clock::now();
  if (too_soon) next_look_ = now + std::chrono::seconds(1);
  if (hold_back || ((done.empty() || too_soon) && now < next_look_)) return;
  next_look_ = now + std::chrono::milliseconds(500);
  std::vector<OutboxItem> due = journal_.due_outbox(wall_clock_ms(), 8);
  if (due.empty()) return;
  {
    std::lock_guard lock(mutex_);
    in_flight_ = true;
  }
  worker_.run([this, due = std::move(due)] {
    std::vector<Done> results;
    for (const OutboxItem& item : due) {
      std::string detail;
      const auto r = client_.hand_over(item.kind, item.payload, &detail);
      results.push_back({item.id, item.key, item.kind, item.attempts, r, detail});
      // The gateway is away or busy: the rest waits too.
      if (r == gateway::Service::Handover::retry || r == gateway::Service::Handover::too_soon) break;
    }
    std::lock_guard lock(mutex_);
    done_.insert(done_.end(), results.begin(), results.end());
    in_flight_ = false;
  });
}

bool OutboxSender::busy() {
  std::lock_guard lock(mutex_);
  return in_flight_ || !done_.empty();
}

}  // namespace kiosk::app
