// The USB transport without hardware: a fake pair of bulk endpoints that misbehaves on cue.
#include <catch2/catch.hpp>

#include <deque>
#include <mutex>

#include "escpos/encoder.hpp"
#include "escpos/printer_session.hpp"
#include "escpos/usb_link.hpp"

using namespace kiosk;
using namespace kiosk::escpos;

namespace {

// What the fake does with each bulk OUT call, in order; afterwards it takes everything.
struct Step {
  LinkStatus status;
  std::size_t accept;  // bytes taken by this call
};

struct FakeEndpoints : UsbEndpoints {
  std::deque<Step> script;
  Bytes received;
  std::deque<std::uint8_t> replies;
  int out_calls = 0, clears = 0;
  bool unplugged = false;

  LinkResult bulk_out(const std::uint8_t* d, std::size_t n, int) override {
    ++out_calls;
    if (unplugged) return {LinkStatus::disconnected, 0};
    Step s{LinkStatus::ok, n};
    if (!script.empty()) {
      s = script.front();
      script.pop_front();
    }
    const std::size_t take = std::min(s.accept, n);
    received.insert(received.end(), d, d + take);
    // A printer answers DLE EOT n with Epson's "all clear" byte.
    for (std::size_t i = 0; i + 2 < take; ++i)
      if (d[i] == 0x10 && d[i + 1] == 0x04) replies.push_back(0x12);
    return {s.status, take};
  }
  LinkResult bulk_in(std::uint8_t* d, std::size_t n, int) override {
    if (unplugged) return {LinkStatus::disconnected, 0};
    if (replies.empty()) return {LinkStatus::timeout, 0};
    std::size_t k = 0;
    while (k < n && !replies.empty()) {
      d[k++] = replies.front();
      replies.pop_front();
    }
    return {LinkStatus::ok, k};
  }
  bool clear_halt_out() override {
    ++clears;
    return true;
  }
  std::string describe() const override { return "fake"; }
};

Bytes job(std::size_t n) {
  Bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(i * 31 + 7);
  return b;
}

}  // namespace

TEST_CASE("Short writes continue where they stopped, in order") {
  auto fake = std::make_unique<FakeEndpoints>();
  fake->script = {{LinkStatus::ok, 100}, {LinkStatus::ok, 1}, {LinkStatus::timeout, 500}};
  FakeEndpoints& f = *fake;
  UsbLink link(std::move(fake), UsbLinkOptions{1024, 3, 2});
  const Bytes data = job(5000);
  const LinkResult r = link.write_all(data.data(), data.size(), 100);
  CHECK(r.status == LinkStatus::ok);
  CHECK(r.count == data.size());
  CHECK(f.received == data);
}

TEST_CASE("Timeouts without progress end the job, reporting how far it got") {
  auto fake = std::make_unique<FakeEndpoints>();
  fake->script = {{LinkStatus::ok, 1024}, {LinkStatus::timeout, 0}, {LinkStatus::timeout, 0},
                  {LinkStatus::timeout, 0}, {LinkStatus::timeout, 0}};
  FakeEndpoints& f = *fake;
  UsbLink link(std::move(fake), UsbLinkOptions{1024, 3, 2});
  const Bytes data = job(3000);
  const LinkResult r = link.write_all(data.data(), data.size(), 100);
  CHECK(r.status == LinkStatus::timeout);
  CHECK(r.count == 1024);
  CHECK(f.out_calls == 5);  // one that worked, then three tolerated timeouts and the last
}

TEST_CASE("A stalled endpoint is cleared and the transfer goes on, but a stubborn stall ends it") {
  auto fake = std::make_unique<FakeEndpoints>();
  fake->script = {{LinkStatus::stall, 0}};
  FakeEndpoints& f = *fake;
  UsbLink link(std::move(fake));
  const Bytes data = job(2000);
  CHECK(link.write_all(data.data(), data.size(), 100).status == LinkStatus::ok);
  CHECK(f.clears == 1);
  CHECK(f.received == data);

  auto stubborn = std::make_unique<FakeEndpoints>();
  stubborn->script = {{LinkStatus::stall, 0}, {LinkStatus::stall, 0}, {LinkStatus::stall, 0}};
  UsbLink link2(std::move(stubborn), UsbLinkOptions{4096, 3, 2});
  CHECK(link2.write_all(data.data(), data.size(), 100).status == LinkStatus::stall);
}

TEST_CASE("Unplugging mid-job stops it at once") {
  auto fake = std::make_unique<FakeEndpoints>();
  fake->script = {{LinkStatus::ok, 4096}, {LinkStatus::disconnected, 10}};
  UsbLink link(std::move(fake));
  const Bytes data = job(20000);
  const LinkResult r = link.write_all(data.data(), data.size(), 100);
  CHECK(r.status == LinkStatus::disconnected);
  CHECK(r.count == 4106);
}

TEST_CASE("Status replies are read among unsolicited bytes") {
  auto fake = std::make_unique<FakeEndpoints>();
  // An automatic status back block (first byte 0x10 pattern) sits before the reply.
  fake->replies = {0x10, 0x00, 0x00, 0x0F};
  FakeEndpoints& f = *fake;
  UsbLink link(std::move(fake));
  // The stale block is drained before asking; then four real replies come.
  const StatusSet s = query_status(link, 50);
  CHECK(s.summary == PrinterStatus::ok);
  for (const auto& r : s.reply) CHECK(r.has_value());
  f.unplugged = true;
  CHECK(query_status(link, 20).summary == PrinterStatus::unplugged);
}

TEST_CASE("Vendor and product ids parse from the configuration") {
  VidPid id;
  REQUIRE(parse_vid_pid("04b8:0202", &id));
  CHECK(id.vid == 0x04b8);
  CHECK(id.pid == 0x0202);
  REQUIRE(parse_vid_pid("0519", &id));
  CHECK(id.vid == 0x0519);
  CHECK(id.pid == 0);
  CHECK_FALSE(parse_vid_pid("epson", &id));
  CHECK_FALSE(parse_vid_pid("04b8:", &id));
  CHECK(default_printer_ids().size() >= 4);
}
