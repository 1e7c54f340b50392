#include "tcp_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

namespace kiosk::crash {

namespace {
sockaddr_in loopback(int port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}
}  // namespace

TcpProxy::~TcpProxy() { stop(); }

bool TcpProxy::start(std::vector<int> upstream_ports, std::string* error) {
  upstream_ports_ = std::move(upstream_ports);
  listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  const int one = 1;
  ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in a = loopback(0);
  if (::bind(listener_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(listener_, 16) != 0) {
    if (error) *error = "proxy: cannot listen";
    return false;
  }
  socklen_t len = sizeof a;
  ::getsockname(listener_, reinterpret_cast<sockaddr*>(&a), &len);
  port_ = ntohs(a.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
  return true;
}

void TcpProxy::stop() {
  stopping_ = true;
  if (acceptor_.joinable()) acceptor_.join();
  for (Pump& p : pumps_) p.thread.join();
  pumps_.clear();
  if (listener_ >= 0) ::close(listener_);
  listener_ = -1;
}

void TcpProxy::accept_loop() {
  while (!stopping_) {
    pollfd p{listener_, POLLIN, 0};
    if (::poll(&p, 1, 100) != 1) continue;
    const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    if (mode_ == Mode::drop) {
      ::close(client);
      continue;
    }
    // Finished connections are joined as new ones come, so threads do not pile up.
    for (auto it = pumps_.begin(); it != pumps_.end();) {
      if (*it->done) {
        it->thread.join();
        it = pumps_.erase(it);
      } else {
        ++it;
      }
    }
    auto done = std::make_shared<std::atomic<bool>>(false);
    pumps_.push_back({std::thread([this, client, done] {
                        pump(client);
                        *done = true;
                      }),
                      done});
  }
}

void TcpProxy::pump(int client) {
  const int upstream = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a = loopback(upstream_ports_[next_upstream_++ % upstream_ports_.size()]);
  if (::connect(upstream, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(upstream);
    ::close(client);  // the gateway is down: the kiosk sees the connection refused, or reset
    return;
  }
  char buffer[16384];
  bool open = true;
  while (open && !stopping_ && mode_ != Mode::drop) {
    pollfd p[2] = {{client, POLLIN, 0}, {upstream, POLLIN, 0}};
    if (::poll(p, 2, 100) <= 0) continue;
    for (int i = 0; i < 2 && open; ++i) {
      if (!(p[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = ::read(p[i].fd, buffer, sizeof buffer);
      if (n <= 0) {
        open = false;
        break;
      }
      if (mode_ == Mode::blackhole) continue;  // swallowed
      if (mode_ == Mode::slow) std::this_thread::sleep_for(std::chrono::milliseconds(400));
      if (mode_ == Mode::garble && i == 1) buffer[n / 2] = static_cast<char>(buffer[n / 2] ^ 0x20);
      const int to = i == 0 ? upstream : client;
      for (ssize_t sent = 0; sent < n;) {
        const ssize_t w = ::send(to, buffer + sent, static_cast<std::size_t>(n - sent), MSG_NOSIGNAL);
        if (w <= 0) {
          open = false;
          break;
        }
        sent += w;
      }
    }
  }
  ::close(upstream);
  ::close(client);
}

}  // namespace kiosk::crash
