#pragma once
#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace kiosk::gateway {

// A token bucket per caller: `per_second` requests on average, `burst` at once. The table is
// bounded; when it is full the callers idle longest are forgotten (they start with a full bucket).
class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  RateLimiter(double per_second, double burst, std::size_t max_callers = 4096)
      : rate_(per_second), burst_(burst), max_callers_(max_callers) {}
  // Refused: `wait` (when given) is how long until the caller's next request would be admitted.
  bool allow(const std::string& caller, Clock::time_point now = Clock::now(), Clock::duration* wait = nullptr);

 private:
  struct Bucket {
    double tokens;
    Clock::time_point at;
  };
  std::mutex mutex_;
  std::map<std::string, Bucket> buckets_;
  double rate_, burst_;
  std::size_t max_callers_;
};

}  // namespace kiosk::gateway
