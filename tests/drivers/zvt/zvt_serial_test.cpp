// The ZVT serial transport over a pseudo-terminal pair: framing, ACK/NAK, repeats, noise.
#include <catch2/catch.hpp>

#include <poll.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

#include <future>

#include "zvt/channel.hpp"
#include "zvt/message.hpp"
#include "zvt/serial_frame.hpp"

using namespace kiosk::zvt;

namespace {

struct Pty {
  int master = -1, slave = -1;
  Pty() {
    REQUIRE(openpty(&master, &slave, nullptr, nullptr, nullptr) == 0);
    for (int fd : {master, slave}) {
      termios t{};
      tcgetattr(fd, &t);
      cfmakeraw(&t);  // the line discipline would turn LF into CR LF and echo
      tcsetattr(fd, TCSANOW, &t);
    }
  }
};

// The far end, byte by byte.
Bytes read_some(int fd, int timeout_ms, std::size_t want) {
  Bytes out;
  while (out.size() < want) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) != 1) break;
    std::uint8_t buf[256];
    const ssize_t n = read(fd, buf, std::min(sizeof buf, want - out.size()));
    if (n <= 0) break;
    out.insert(out.end(), buf, buf + n);
  }
  return out;
}
void write_bytes(int fd, const Bytes& b) { REQUIRE(write(fd, b.data(), b.size()) == static_cast<ssize_t>(b.size())); }

const SerialOptions fast{9600, 1, 300, 2};

}  // namespace

TEST_CASE("An APDU crosses the serial line and is acknowledged") {
  Pty pty;
  auto a = serial_channel(pty.master, fast, "a");
  auto b = serial_channel(pty.slave, fast, "b");
  const Apdu sent = authorization(1000);  // € 10,00: a 0x10 byte to stuff
  auto received = std::async(std::launch::async, [&] {
    Apdu got;
    const IoStatus st = b->receive(&got, 3000);
    return st == IoStatus::ok ? got : Apdu{};
  });
  CHECK(a->send(sent, 1000) == IoStatus::ok);
  CHECK(received.get() == sent);
}

TEST_CASE("A refused frame is sent again, at most twice more") {
  Pty pty;
  auto a = serial_channel(pty.master, fast, "a");
  const Bytes f = frame(encode(ack()));
  auto peer = std::async(std::launch::async, [&] {
    int frames = 0;
    for (int i = 0; i < 3; ++i) {
      if (read_some(pty.slave, 1000, f.size()) != f) break;
      ++frames;
      write_bytes(pty.slave, i < 2 ? Bytes{DLE, NAK} : Bytes{DLE, ACK});
    }
    return frames;
  });
  CHECK(a->send(ack(), 1000) == IoStatus::ok);
  CHECK(peer.get() == 3);

  auto stubborn = std::async(std::launch::async, [&] {
    for (int i = 0; i < 3; ++i) {
      read_some(pty.slave, 1000, f.size());
      write_bytes(pty.slave, {DLE, NAK});
    }
  });
  CHECK(a->send(ack(), 1000) != IoStatus::ok);  // a NAK storm ends the exchange
  stubborn.get();
}

TEST_CASE("Noise is skipped, a bad CRC is refused with NAK, the repeat is taken") {
  Pty pty;
  auto b = serial_channel(pty.slave, fast, "b");
  const Bytes good = frame(encode(completion()));
  Bytes bad = good;
  bad.back() ^= 0xFF;
  auto received = std::async(std::launch::async, [&] {
    Apdu got;
    return b->receive(&got, 3000) == IoStatus::ok ? got : Apdu{0, 0, {}};
  });
  Bytes noisy{0x00, 0x42, 0x10, 0x07};
  noisy.insert(noisy.end(), bad.begin(), bad.end());
  write_bytes(pty.master, noisy);
  CHECK(read_some(pty.master, 1000, 2) == Bytes{DLE, NAK});
  write_bytes(pty.master, good);
  CHECK(read_some(pty.master, 1000, 2) == Bytes{DLE, ACK});
  CHECK(received.get() == completion());
}

TEST_CASE("A frame arriving in pieces across short waits is put back together") {
  Pty pty;
  auto b = serial_channel(pty.slave, fast, "b");
  const Bytes f = frame(encode(authorization(123456)));
  Apdu got;
  write_bytes(pty.master, Bytes(f.begin(), f.begin() + 5));
  CHECK(b->receive(&got, 50) == IoStatus::timeout);  // half a frame: wait for the rest
  write_bytes(pty.master, Bytes(f.begin() + 5, f.end()));
  REQUIRE(b->receive(&got, 1000) == IoStatus::ok);
  CHECK(got == authorization(123456));
}

TEST_CASE("Opening something that is not a serial port says so") {
  std::string error;
  CHECK_FALSE(open_serial("/dev/null", SerialOptions{}, &error));
  CHECK_FALSE(error.empty());
  CHECK_FALSE(open_serial("/dev/ttyNOPE", SerialOptions{}, &error));
  CHECK_FALSE(open_serial("/dev/null", SerialOptions{12345, 1, 100, 2}, &error));
  CHECK(error.find("baud") != std::string::npos);
}
