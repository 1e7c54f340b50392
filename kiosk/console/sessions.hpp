#pragma once
// Operators' sessions in the console: a random token in a cookie (Secure, HttpOnly,
// SameSite=Strict) and a second random token that every command must carry in a header
// (CSRF): a page from elsewhere can make the browser send the cookie, never read the token.
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace kiosk::console {

struct Session {
  std::string name;   // the operator
  std::string token;  // the cookie's value
  std::string csrf;
};

class SessionTable {
 public:
  using Clock = std::chrono::steady_clock;
  struct Limits {
    Clock::duration idle = std::chrono::minutes(30);
    Clock::duration longest = std::chrono::hours(12);
    std::size_t max_sessions = 256;  // past it the session idle longest ends
  };
  SessionTable() = default;
  explicit SessionTable(Limits limits) : limits_(limits) {}

  // A new session for `name`; nothing when no random tokens can be made.
  std::optional<Session> open(const std::string& name, Clock::time_point now);
  // The session of this cookie value, if it is still open (its idle time starts again).
  std::optional<Session> find(const std::string& token, Clock::time_point now);
  void close(const std::string& token);

 private:
  struct Open {
    Session session;
    Clock::time_point opened, last;
  };
  Limits limits_;
  std::mutex mutex_;
  std::map<std::string, Open> open_;
};

// Whether two secrets are equal, in time that does not depend on where they differ.
bool same_secret(const std::string& a, const std::string& b);

}  // namespace kiosk::console
