#include "audit_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "fleet/fleet_command.hpp"

namespace kiosk::console {

bool AuditLog::open(const std::string& path, std::string* error) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) return *error = path + ": " + std::strerror(errno), false;
  return true;
}

AuditLog::~AuditLog() {
  if (fd_ >= 0) ::close(fd_);
}

bool AuditLog::write(const AuditEntry& e, std::time_t at) {
  // Names and details come from browsers: the JSON writer escapes them, and an invalid UTF-8
  // byte is replaced rather than refused, so that a failed login is still written down.
  const std::string line = nlohmann::json{{"at", fleet::iso_utc(at)}, {"who", e.who}, {"address", e.address},
                                          {"action", e.action}, {"ok", e.ok}, {"detail", e.detail}}
                               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
                           "\n";
  std::lock_guard lock(mutex_);
  if (fd_ < 0) return false;
  std::size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return ::fdatasync(fd_) == 0;
}

}  // namespace kiosk::console
