#include "control_socket.hpp"

#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstring>
#include <fstream>
#include <thread>

#include "fresh_dir.hpp"

using kiosk::app::ControlSocket;

namespace {

int connect_to(const std::string& path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  return fd;
}

std::string read_all(int fd) {
  std::string out;
  char buf[512];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) out.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  return out;
}

// Serves on the test's thread, as the UI thread does, until `done`.
struct Server {
  std::unique_ptr<ControlSocket> socket;
  std::atomic<bool> stop{false};
  std::thread ui;
  std::vector<std::string> seen;
  explicit Server(const std::string& path) {
    std::string error;
    socket = ControlSocket::open(path, nullptr, &error);
    REQUIRE(socket);
    ui = std::thread([this] {
      while (!stop) {
        socket->serve([this](ControlSocket::Request&& r) {
          seen.push_back(r.line);
          r.answer("{\"ok\":true,\"echo\":" + std::to_string(r.line.size()) + "}");
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    });
  }
  ~Server() {
    stop = true;
    ui.join();
  }
};

}  // namespace

TEST_CASE("The control socket answers one line per connection, and only to a whole line") {
  const std::string dir = kiosk::test::fresh_dir("control-socket");
  const std::string path = dir + "/control.sock";
  Server server(path);
  struct stat st {};
  REQUIRE(stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0660);

  int fd = connect_to(path);
  const std::string request = "{\"command\":\"status\"}\n";
  ::send(fd, request.data(), request.size(), 0);
  CHECK(read_all(fd) == "{\"ok\":true,\"echo\":20}\n");

  // Longer than 5 MiB (a signed catalog is the largest request) without a newline: refused
  // without reaching the kiosk.
  fd = connect_to(path);
  const std::string flood((5 << 20) + 70000, 'x');
  for (std::size_t sent = 0; sent < flood.size();) {
    const ssize_t n = ::send(fd, flood.data() + sent, flood.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  CHECK(read_all(fd).find("longer than 5242880") != std::string::npos);

  // A caller that says nothing is cut off after 2 s, and the next one is served.
  fd = connect_to(path);
  CHECK(read_all(fd).find("no complete request line") != std::string::npos);
  fd = connect_to(path);
  ::send(fd, request.data(), request.size(), 0);
  CHECK(read_all(fd).find("\"ok\":true") != std::string::npos);
  CHECK(server.seen.size() == 2);
}

TEST_CASE("A second kiosk does not take over a socket that answers, nor a file that is not one") {
  const std::string dir = kiosk::test::fresh_dir("control-socket-taken");
  const std::string path = dir + "/control.sock";
  {
    Server first(path);
    std::string error;
    CHECK_FALSE(ControlSocket::open(path, nullptr, &error));
    CHECK(error.find("another kiosk answers") != std::string::npos);
  }
  // Left by a run that ended: taken over (the first removed it; a stale one is made here).
  {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    ::close(fd);
    std::string error;
    CHECK(ControlSocket::open(path, nullptr, &error));
  }
  const std::string file = dir + "/not-a-socket";
  std::ofstream(file) << "keep me";
  std::string error;
  CHECK_FALSE(ControlSocket::open(file, nullptr, &error));
  CHECK(error.find("is not a socket") != std::string::npos);
  std::ifstream in(file);
  std::string kept;
  std::getline(in, kept);
  CHECK(kept == "keep me");
  CHECK_FALSE(ControlSocket::open(dir + "/" + std::string(120, 'p'), nullptr, &error));
}

TEST_CASE("Only root, the kiosk's own user and members of its group may use the socket") {
  using kiosk::app::control_peer_allowed;
  CHECK(control_peer_allowed(0, 0, 1000, 1000));
  CHECK(control_peer_allowed(1000, 1000, 1000, 1000));
  CHECK(control_peer_allowed(4242, 1000, 1000, 1000));  // primary group
  const passwd* nobody = getpwnam("nobody");
  REQUIRE(nobody);
  CHECK_FALSE(control_peer_allowed(nobody->pw_uid, nobody->pw_gid, 0, 0));
  CHECK_FALSE(control_peer_allowed(nobody->pw_uid, nobody->pw_gid, 12345, 12345));
}
