// The threaded printer driver against the simulated printer device over a link: jobs, status
// before and after, paper out, unplug and replug.
#include <catch2/catch.hpp>

#include <chrono>
#include <mutex>
#include <thread>

#include "../event_recorder.hpp"
#include "escpos/escpos_printer.hpp"
#include "sim/printer_device.hpp"

using namespace kiosk;
using namespace kiosk::escpos;

namespace {

// Lets the test keep the device while the driver owns "its" link to it.
struct DeviceLink : Link {
  sim::PrinterDevice& device;
  explicit DeviceLink(sim::PrinterDevice& d) : device(d) {}
  LinkResult write_all(const std::uint8_t* d, std::size_t n, int t) override { return device.write_all(d, n, t); }
  LinkResult read_some(std::uint8_t* d, std::size_t n, int t) override { return device.read_some(d, n, t); }
  std::string describe() const override { return "device"; }
};

using Events = test::EventRecorder;
using test::eventually;

ReceiptPicture small_receipt() {
  ReceiptPicture l;
  l.paper = Raster(576, 120);
  for (int x = 0; x < 576; x += 3) l.paper.set(x, 60);
  return l;
}

}  // namespace

TEST_CASE("Jobs print, paper out is seen before the next job, and an unplugged printer comes back") {
  sim::PrinterDevice device(576);
  bool plugged = true;
  std::mutex plug_mutex;
  Events events;
  EscPosPrinterOptions o;
  o.status_timeout_ms = 20;
  o.poll_interval_ms = 20;
  o.connect = [&](std::string* error) -> std::unique_ptr<Link> {
    std::lock_guard lock(plug_mutex);
    if (!plugged) {
      *error = "not there";
      return nullptr;
    }
    return std::make_unique<DeviceLink>(device);
  };
  EscPosPrinter printer(events.sink(), o);
  REQUIRE(eventually([&] { return printer.status() == PrinterStatus::ok; }));

  printer.print("R1", small_receipt());
  REQUIRE(eventually([&] { return events.of<ev::ReceiptPrinted>().size() == 1; }));
  CHECK(events.of<ev::ReceiptPrinted>()[0].ok);
  CHECK(device.take_printouts().size() == 1);

  device.set_condition(PrinterStatus::paper_out);
  REQUIRE(eventually([&] { return printer.status() == PrinterStatus::paper_out; }));
  printer.print("R2", small_receipt());
  REQUIRE(eventually([&] { return events.of<ev::ReceiptPrinted>().size() == 2; }));
  CHECK_FALSE(events.of<ev::ReceiptPrinted>()[1].ok);
  CHECK(device.take_printouts().empty());

  // Unplugged: the link fails, the driver says so and keeps trying to reconnect.
  device.set_condition(PrinterStatus::unplugged);
  {
    std::lock_guard lock(plug_mutex);
    plugged = false;
  }
  REQUIRE(eventually([&] { return printer.status() == PrinterStatus::unplugged; }));
  device.set_condition(PrinterStatus::ok);
  {
    std::lock_guard lock(plug_mutex);
    plugged = true;
  }
  REQUIRE(eventually([&] { return printer.status() == PrinterStatus::ok; }));
  printer.print("R3", small_receipt());
  REQUIRE(eventually([&] { return events.of<ev::ReceiptPrinted>().size() == 3; }));
  CHECK(events.of<ev::ReceiptPrinted>()[2].ok);

  // Every change was reported as it happened.
  std::vector<PrinterStatus> changes;
  for (const auto& c : events.of<ev::PrinterStatusChanged>()) changes.push_back(c.status);
  CHECK(changes == std::vector<PrinterStatus>{PrinterStatus::ok, PrinterStatus::paper_out, PrinterStatus::unplugged,
                                              PrinterStatus::ok});
}
