// systemd's notifications through the real libsystemd: a datagram socket stands in for systemd.
#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "sys/service_notify.hpp"

using namespace kiosk;

namespace {

// What systemd would read on its notification socket.
struct FakeSystemd {
  int fd = -1;
  std::string path;
  FakeSystemd() {
    path = (std::filesystem::temp_directory_path() / ("kiosk-notify-" + std::to_string(getpid()))).string();
    std::filesystem::remove(path);
    fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    path.copy(a.sun_path, sizeof a.sun_path - 1);
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  }
  ~FakeSystemd() {
    close(fd);
    std::filesystem::remove(path);
  }
  std::vector<std::string> received() {
    std::vector<std::string> out;
    char buf[512];
    for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;) out.emplace_back(buf, static_cast<std::size_t>(n));
    return out;
  }
};

}  // namespace

TEST_CASE("Without NOTIFY_SOCKET nothing is loaded or sent") {
  unsetenv("NOTIFY_SOCKET");
  ServiceNotify n;
  CHECK_FALSE(n.wanted());
  n.ready();  // harmless
}

TEST_CASE("Under systemd: ready, the watchdog at half its interval, status and stopping") {
  FakeSystemd systemd;
  setenv("NOTIFY_SOCKET", systemd.path.c_str(), 1);
  setenv("WATCHDOG_USEC", "10000000", 1);  // 10 s: a ping every 5 s at the latest
  setenv("WATCHDOG_PID", std::to_string(getpid()).c_str(), 1);
  ServiceNotify n;
  REQUIRE(n.wanted());
  n.ready();
  n.alive(1000);
  n.alive(3000);  // too soon for another
  n.alive(6000);
  n.status("selling");
  n.stopping();
  unsetenv("NOTIFY_SOCKET");
  unsetenv("WATCHDOG_USEC");
  unsetenv("WATCHDOG_PID");
  CHECK(systemd.received() ==
        std::vector<std::string>{"READY=1", "WATCHDOG=1", "WATCHDOG=1", "STATUS=selling", "STOPPING=1"});
}
