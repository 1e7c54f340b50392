#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace kiosk::net {

enum class IoStatus { ok, timeout, closed, error };

// A connected TCP socket with timeouts on every wait; closes itself.
class TcpStream {
 public:
  explicit TcpStream(int fd) : fd_(fd) {}
  ~TcpStream();
  TcpStream(const TcpStream&) = delete;
  TcpStream& operator=(const TcpStream&) = delete;

  static std::unique_ptr<TcpStream> connect(const std::string& host, int port, int timeout_ms, std::string* error);
  IoStatus read_exact(std::uint8_t* data, std::size_t size, int timeout_ms);
  IoStatus write_all(const std::uint8_t* data, std::size_t size, int timeout_ms);
  void shutdown();  // wakes a reader on another thread
  int release();    // hands the socket over; this object no longer closes it

 private:
  int fd_;
};

// A listening socket on an address of this machine.
class TcpListener {
 public:
  ~TcpListener();
  static std::unique_ptr<TcpListener> listen(const std::string& host, int port, std::string* error);
  // nullptr on timeout.
  std::unique_ptr<TcpStream> accept(int timeout_ms);
  int port() const { return port_; }

 private:
  TcpListener(int fd, int port) : fd_(fd), port_(port) {}
  int fd_;
  int port_;
};

}  // namespace kiosk::net
