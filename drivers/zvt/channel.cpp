#include "channel.hpp"

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "serial_frame.hpp"
#include "tcp_transport.hpp"

namespace kiosk::zvt {

namespace {

class TcpChannel : public Channel {
 public:
  TcpChannel(std::unique_ptr<net::TcpStream> s, std::string name) : stream_(std::move(s)), name_(std::move(name)) {}
  IoStatus send(const Apdu& a, int timeout_ms) override { return send_apdu(*stream_, a, timeout_ms); }
  IoStatus receive(Apdu* a, int timeout_ms) override { return read_apdu(*stream_, a, timeout_ms); }
  IoStatus send_raw(const Bytes& b, int timeout_ms) override { return stream_->write_all(b.data(), b.size(), timeout_ms); }
  std::string describe() const override { return name_; }

 private:
  std::unique_ptr<net::TcpStream> stream_;
  std::string name_;
};

class SerialChannel : public Channel {
 public:
  SerialChannel(int fd, SerialOptions o, std::string name) : fd_(fd), options_(o), name_(std::move(name)) {}
  ~SerialChannel() override { ::close(fd_); }

  IoStatus send(const Apdu& a, int timeout_ms) override {
    const Bytes f = frame(encode(a));
    for (int attempt = 0; attempt <= options_.repeats; ++attempt) {
      if (write_all(f, timeout_ms) != IoStatus::ok) return IoStatus::error;
      std::uint8_t reply[2];
      const IoStatus st = read_control(reply, options_.ack_timeout_ms);
      if (st == IoStatus::ok && reply[1] == ACK) return IoStatus::ok;
      if (st == IoStatus::closed || st == IoStatus::error) return st;
      // DLE NAK or nothing within T1: send the frame again, at most `repeats` times.
    }
    return IoStatus::timeout;
  }

  IoStatus receive(Apdu* a, int timeout_ms) override {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    int bad_frames = 0;
    while (bad_frames <= options_.repeats) {
      Bytes f;
      const IoStatus st = read_frame(&f, deadline);
      if (st != IoStatus::ok) return st;
      std::string error;
      auto apdu_bytes = unframe(f, &error);
      std::optional<Apdu> apdu = apdu_bytes ? decode(*apdu_bytes, &error) : std::nullopt;
      const bool refuse = apdu && refused_ < refusals_per_frame_;
      const std::uint8_t answer[2] = {DLE, apdu && !refuse ? ACK : NAK};
      write_all(Bytes(answer, answer + 2), 1000);
      if (refuse) ++refused_;
      if (apdu && !refuse) {
        refused_ = 0;
        *a = *apdu;
        return IoStatus::ok;
      }
      ++bad_frames;  // the sender repeats a frame we refused
    }
    return IoStatus::error;
  }

  std::string describe() const override { return name_; }
  IoStatus send_raw(const Bytes& b, int timeout_ms) override { return write_all(b, timeout_ms); }
  void set_refusals_per_frame(int count) override {
    refusals_per_frame_ = count;
    refused_ = 0;
  }

 private:
  IoStatus write_all(const Bytes& b, int timeout_ms) {
    std::size_t sent = 0;
    while (sent < b.size()) {
      pollfd p{fd_, POLLOUT, 0};
      if (::poll(&p, 1, timeout_ms) != 1) return IoStatus::timeout;
      const ssize_t n = ::write(fd_, b.data() + sent, b.size() - sent);
      if (n < 0) {
        if (errno == EINTR || errno == EAGAIN) continue;
        return IoStatus::error;
      }
      sent += static_cast<std::size_t>(n);
    }
    return IoStatus::ok;
  }

  IoStatus read_byte(std::uint8_t* b, std::chrono::steady_clock::time_point deadline) {
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return IoStatus::timeout;
      pollfd p{fd_, POLLIN, 0};
      const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
      if (ready == 0) return IoStatus::timeout;
      if (ready < 0) {
        if (errno == EINTR) continue;
        return IoStatus::error;
      }
      if (p.revents & (POLLHUP | POLLERR) && !(p.revents & POLLIN)) return IoStatus::closed;
      const ssize_t n = ::read(fd_, b, 1);
      if (n == 1) return IoStatus::ok;
      if (n == 0) return IoStatus::closed;
      if (errno != EINTR && errno != EAGAIN) return IoStatus::error;
    }
  }

  // DLE ACK or DLE NAK; other bytes before them are line noise.
  IoStatus read_control(std::uint8_t reply[2], int timeout_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    std::uint8_t prev = 0, b = 0;
    for (;;) {
      const IoStatus st = read_byte(&b, deadline);
      if (st != IoStatus::ok) return st;
      if (prev == DLE && (b == ACK || b == NAK)) {
        reply[0] = DLE;
        reply[1] = b;
        return IoStatus::ok;
      }
      prev = b;
    }
  }

  // From DLE STX to the two CRC bytes after DLE ETX; noise before DLE STX is skipped. A frame
  // cut by the timeout is kept and continued on the next call: the caller polls in short waits.
  IoStatus read_frame(Bytes* f, std::chrono::steady_clock::time_point deadline) {
    std::uint8_t b = 0;
    for (;;) {
      const IoStatus st = read_byte(&b, deadline);
      if (st != IoStatus::ok) return st;
      if (!synced_) {
        if (last_ == DLE && b == STX) {
          synced_ = true;
          partial_ = {DLE, STX};
          after_dle_ = false;
          crc_left_ = -1;
        }
        last_ = b;
        continue;
      }
      partial_.push_back(b);
      if (crc_left_ > 0) {
        if (--crc_left_ == 0) break;
      } else if (after_dle_) {
        if (b == ETX) crc_left_ = 2;
        after_dle_ = false;  // DLE DLE, or bad stuffing that unframe() will name
      } else if (b == DLE) {
        after_dle_ = true;
      }
      if (partial_.size() > 2 * 65540) {  // no APDU is this long: start over
        synced_ = false;
        last_ = 0;
        return IoStatus::error;
      }
    }
    *f = std::move(partial_);
    partial_.clear();
    synced_ = false;
    last_ = 0;
    return IoStatus::ok;
  }

  Bytes partial_;
  bool synced_ = false, after_dle_ = false;
  int crc_left_ = -1;
  std::uint8_t last_ = 0;
  int fd_;
  SerialOptions options_;
  int refusals_per_frame_ = 0;  // a simulated NAK storm
  int refused_ = 0;             // of the frame being received
  std::string name_;
};

speed_t speed_of(int baud) {
  switch (baud) {
    case 9600: return B9600;
    case 19200: return B19200;
    case 38400: return B38400;
    case 57600: return B57600;
    case 115200: return B115200;
    default: return 0;
  }
}

}  // namespace

std::unique_ptr<Channel> tcp_channel(std::unique_ptr<net::TcpStream> stream, std::string name) {
  return std::make_unique<TcpChannel>(std::move(stream), std::move(name));
}

std::unique_ptr<Channel> serial_channel(int fd, const SerialOptions& options, std::string name) {
  return std::make_unique<SerialChannel>(fd, options, std::move(name));
}

std::unique_ptr<Channel> open_serial(const std::string& path, const SerialOptions& options, std::string* error) {
  const speed_t speed = speed_of(options.baud);
  if (!speed) {
    if (error) *error = "unsupported baud rate " + std::to_string(options.baud);
    return nullptr;
  }
  const int fd = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    if (error) *error = "cannot open " + path + ": " + std::strerror(errno);
    return nullptr;
  }
  termios t{};
  if (::tcgetattr(fd, &t) != 0) {
    if (error) *error = path + " is not a serial port";
    ::close(fd);
    return nullptr;
  }
  ::cfmakeraw(&t);  // 8 data bits, no parity, no flow control, no line discipline
  if (options.stop_bits == 2) t.c_cflag |= CSTOPB;
  else t.c_cflag &= ~CSTOPB;
  t.c_cflag |= CLOCAL | CREAD;
  ::cfsetispeed(&t, speed);
  ::cfsetospeed(&t, speed);
  ::tcsetattr(fd, TCSANOW, &t);
  ::tcflush(fd, TCIOFLUSH);
  return serial_channel(fd, options, "serial " + path);
}

}  // namespace kiosk::zvt
