#include "sessions.hpp"

#include <algorithm>

#include "sys/random_bytes.hpp"

namespace kiosk::console {

bool same_secret(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

std::optional<Session> SessionTable::open(const std::string& name, Clock::time_point now) {
  const std::string token = random_hex(32), csrf = random_hex(32);
  if (token.empty() || csrf.empty()) return std::nullopt;
  std::lock_guard lock(mutex_);
  if (open_.size() >= limits_.max_sessions) {
    const auto idlest = std::min_element(open_.begin(), open_.end(),
                                         [](const auto& a, const auto& b) { return a.second.last < b.second.last; });
    open_.erase(idlest);
  }
  Session s{name, token, csrf};
  open_[s.token] = Open{s, now, now};
  return s;
}

std::optional<Session> SessionTable::find(const std::string& token, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  const auto it = open_.find(token);
  if (it == open_.end()) return std::nullopt;
  if (now - it->second.last > limits_.idle || now - it->second.opened > limits_.longest) {
    open_.erase(it);
    return std::nullopt;
  }
  it->second.last = now;
  return it->second.session;
}

void SessionTable::close(const std::string& token) {
  std::lock_guard lock(mutex_);
  open_.erase(token);
}

}  // namespace kiosk::console
