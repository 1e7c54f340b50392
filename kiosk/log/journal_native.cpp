#include "journal_native.hpp"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace kiosk {

std::string journal_entry(int priority, const std::string& identifier, const std::string& message,
                          const JournalFields& fields) {
  std::string out;
  const auto add = [&out](const std::string& name, const std::string& value) {
    if (value.find('\n') == std::string::npos) {
      out += name + "=" + value + "\n";
      return;
    }
    out += name + "\n";
    std::uint64_t n = value.size();
    for (int i = 0; i < 8; ++i) out += static_cast<char>((n >> (8 * i)) & 0xFF);
    out += value + "\n";
  };
  add("MESSAGE", message);
  add("PRIORITY", std::to_string(priority));
  add("SYSLOG_IDENTIFIER", identifier);
  for (const auto& [name, value] : fields)
    if (!value.empty()) add(name, value);
  return out;
}

bool stderr_is_journal() {
  const char* stream = std::getenv("JOURNAL_STREAM");
  if (!stream || !*stream) return false;
  struct stat st {};
  if (fstat(STDERR_FILENO, &st) != 0) return false;
  const std::string expected = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
  return expected == stream;
}

std::string journal_socket_path() {
  const char* path = std::getenv("KIOSK_JOURNAL_SOCKET");
  return path && *path ? path : "/run/systemd/journal/socket";
}

bool journal_send(const std::string& socket_path, const std::string& entry) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (socket_path.size() >= sizeof addr.sun_path) return false;
  std::memcpy(addr.sun_path, socket_path.c_str(), socket_path.size() + 1);
  // One socket per entry: a sale logs a dozen lines, and a journald that restarted is reached
  // again without bookkeeping. Never blocks the caller.
  const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return false;
  const ssize_t n = ::sendto(fd, entry.data(), entry.size(), MSG_NOSIGNAL, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::close(fd);
  return n == static_cast<ssize_t>(entry.size());
}

}  // namespace kiosk
