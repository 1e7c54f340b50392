#include "stream_link.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "net/tcp.hpp"

namespace kiosk::escpos {

namespace {

// A file descriptor with poll-based timeouts; closes itself.
class FdLink : public Link {
 public:
  FdLink(int fd, std::string name, bool readable) : fd_(fd), name_(std::move(name)), readable_(readable) {}
  ~FdLink() override { ::close(fd_); }

  LinkResult write_all(const std::uint8_t* data, std::size_t size, int timeout_ms) override {
    LinkResult r;
    while (r.count < size) {
      pollfd p{fd_, POLLOUT, 0};
      const int ready = ::poll(&p, 1, timeout_ms);
      if (ready == 0) return {LinkStatus::timeout, r.count};
      if (ready < 0 && errno == EINTR) continue;
      if (ready < 0 || (p.revents & (POLLERR | POLLHUP))) return {LinkStatus::disconnected, r.count};
      const ssize_t n = send_or_write(data + r.count, size - r.count);
      if (n < 0) {
        if (errno == EINTR || errno == EAGAIN) continue;
        return {errno == EPIPE || errno == ECONNRESET ? LinkStatus::disconnected : LinkStatus::error, r.count};
      }
      r.count += static_cast<std::size_t>(n);
    }
    return r;
  }

  LinkResult read_some(std::uint8_t* data, std::size_t size, int timeout_ms) override {
    if (!readable_) return {LinkStatus::error, 0};
    pollfd p{fd_, POLLIN, 0};
    const int ready = ::poll(&p, 1, timeout_ms);
    if (ready == 0) return {LinkStatus::timeout, 0};
    if (ready < 0) return {LinkStatus::error, 0};
    const ssize_t n = ::read(fd_, data, size);
    if (n == 0) return {LinkStatus::disconnected, 0};
    if (n < 0) return {LinkStatus::error, 0};
    return {LinkStatus::ok, static_cast<std::size_t>(n)};
  }

  bool can_read() const override { return readable_; }
  std::string describe() const override { return name_; }

 private:
  ssize_t send_or_write(const std::uint8_t* d, std::size_t n) {
    // MSG_NOSIGNAL on sockets: a printer that hangs up must not kill the kiosk with SIGPIPE.
    const ssize_t s = ::send(fd_, d, n, MSG_NOSIGNAL);
    if (s < 0 && errno == ENOTSOCK) return ::write(fd_, d, n);
    return s;
  }
  int fd_;
  std::string name_;
  bool readable_;
};

}  // namespace

std::unique_ptr<Link> open_tcp_printer(const std::string& host, int port, int timeout_ms, std::string* error) {
  auto stream = net::TcpStream::connect(host, port, timeout_ms, error);
  if (!stream) return nullptr;
  return std::make_unique<FdLink>(stream->release(), "tcp " + host + ":" + std::to_string(port), true);
}

std::unique_ptr<Link> open_file_printer(const std::string& path, std::string* error) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) {
    if (error) *error = "cannot open " + path + ": " + std::strerror(errno);
    return nullptr;
  }
  return std::make_unique<FdLink>(fd, "file " + path, false);
}

}  // namespace kiosk::escpos
