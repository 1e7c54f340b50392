#pragma once
// The console's audit log: every login, failed login, lock, logout and command, with who and
// from where, one JSON object per line, each on disk (fsync) before the action's answer.
#include <ctime>
#include <mutex>
#include <string>

namespace kiosk::console {

struct AuditEntry {
  std::string who;      // the operator, or the name tried
  std::string address;  // the browser's address
  std::string action;   // login, login_failed, locked, logout, command
  std::string detail;
  bool ok = true;
};

class AuditLog {
 public:
  // Opens (or makes) the file for appending; false with why.
  bool open(const std::string& path, std::string* error);
  ~AuditLog();
  // False when the entry could not be written down (the action is then refused).
  bool write(const AuditEntry& entry, std::time_t at);

 private:
  std::mutex mutex_;
  int fd_ = -1;
};

}  // namespace kiosk::console
