#include "tcp.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace kiosk::net {

TcpStream::~TcpStream() {
  if (fd_ >= 0) ::close(fd_);
}

int TcpStream::release() {
  const int fd = fd_;
  fd_ = -1;
  return fd;
}

void TcpStream::shutdown() { ::shutdown(fd_, SHUT_RDWR); }

std::unique_ptr<TcpStream> TcpStream::connect(const std::string& host, int port, int timeout_ms, std::string* error) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  if (::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &res) != 0 || !res) {
    if (error) *error = "cannot resolve " + host;
    return nullptr;
  }
  int fd = -1;
  for (addrinfo* a = res; a && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    if (::connect(fd, a->ai_addr, a->ai_addrlen) != 0 && errno != EINPROGRESS) {
      ::close(fd);
      fd = -1;
      continue;
    }
    pollfd p{fd, POLLOUT, 0};
    int so_error = 0;
    socklen_t len = sizeof so_error;
    if (::poll(&p, 1, timeout_ms) != 1 || ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &len) != 0 || so_error) {
      ::close(fd);
      fd = -1;
    }
  }
  ::freeaddrinfo(res);
  if (fd < 0) {
    if (error) *error = "cannot connect to " + host + ":" + std::to_string(port);
    return nullptr;
  }
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return std::make_unique<TcpStream>(fd);
}

IoStatus TcpStream::read_exact(std::uint8_t* data, std::size_t size, int timeout_ms) {
  std::size_t got = 0;
  while (got < size) {
    pollfd p{fd_, POLLIN, 0};
    const int ready = ::poll(&p, 1, timeout_ms);
    if (ready == 0) return IoStatus::timeout;
    if (ready < 0) {
      if (errno == EINTR) continue;
      return IoStatus::error;
    }
    const ssize_t n = ::recv(fd_, data + got, size - got, 0);
    if (n == 0) return IoStatus::closed;
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return errno == ECONNRESET ? IoStatus::closed : IoStatus::error;
    }
    got += static_cast<std::size_t>(n);
  }
  return IoStatus::ok;
}

IoStatus TcpStream::write_all(const std::uint8_t* data, std::size_t size, int timeout_ms) {
  std::size_t sent = 0;
  while (sent < size) {
    pollfd p{fd_, POLLOUT, 0};
    const int ready = ::poll(&p, 1, timeout_ms);
    if (ready == 0) return IoStatus::timeout;
    if (ready < 0) {
      if (errno == EINTR) continue;
      return IoStatus::error;
    }
    const ssize_t n = ::send(fd_, data + sent, size - sent, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return errno == EPIPE || errno == ECONNRESET ? IoStatus::closed : IoStatus::error;
    }
    sent += static_cast<std::size_t>(n);
  }
  return IoStatus::ok;
}

TcpListener::~TcpListener() { ::close(fd_); }

std::unique_ptr<TcpListener> TcpListener::listen(const std::string& host, int port, std::string* error) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  const int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  if (fd < 0 || ::inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1 ||
      ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 4) != 0) {
    if (error) *error = "cannot listen on " + host + ":" + std::to_string(port);
    if (fd >= 0) ::close(fd);
    return nullptr;
  }
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  return std::unique_ptr<TcpListener>(new TcpListener(fd, ntohs(addr.sin_port)));
}

std::unique_ptr<TcpStream> TcpListener::accept(int timeout_ms) {
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, timeout_ms) != 1) return nullptr;
  const int fd = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
  if (fd < 0) return nullptr;
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return std::make_unique<TcpStream>(fd);
}

}  // namespace kiosk::net
