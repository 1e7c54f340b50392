#include "rate_limit.hpp"

#include <algorithm>
#include <vector>

namespace kiosk::gateway {

bool RateLimiter::allow(const std::string& caller, Clock::time_point now, Clock::duration* wait) {
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(caller);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_callers_) {
      // Forget the half that waited longest; a full bucket for them is the cost of a bound.
      std::vector<std::pair<Clock::time_point, std::string>> by_age;
      for (const auto& [name, b] : buckets_) by_age.emplace_back(b.at, name);
      std::nth_element(by_age.begin(), by_age.begin() + by_age.size() / 2, by_age.end());
      for (std::size_t i = 0; i < by_age.size() / 2; ++i) buckets_.erase(by_age[i].second);
    }
    it = buckets_.emplace(caller, Bucket{burst_, now}).first;
  }
  Bucket& b = it->second;
  const double elapsed = std::chrono::duration<double>(now - b.at).count();
  b.tokens = std::min(burst_, b.tokens + std::max(0.0, elapsed) * rate_);
  b.at = now;
  if (b.tokens < 1.0) {
    if (wait) *wait = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>((1.0 - b.tokens) / rate_));
    return false;
  }
  b.tokens -= 1.0;
  return true;
}

}  // namespace kiosk::gateway
