#include <catch2/catch.hpp>

#include "escpos/status.hpp"

using namespace kiosk;
using namespace kiosk::escpos;

TEST_CASE("DLE EOT replies decode into their flags") {
  auto r = decode_status(1, 0x12);
  REQUIRE(r);
  CHECK(r->valid);
  CHECK(r->flags().empty());
  CHECK(decode_status(1, 0x1A)->offline);
  CHECK(decode_status(2, 0x16)->cover_open);
  CHECK(decode_status(2, 0x32)->stopped_paper_end);
  CHECK(decode_status(2, 0x52)->error);
  CHECK(decode_status(3, 0x1A)->cutter_error);
  CHECK(decode_status(3, 0x32)->unrecoverable_error);
  CHECK(decode_status(3, 0x52)->auto_recoverable_error);
  CHECK(decode_status(4, 0x1E)->paper_near_end);
  CHECK_FALSE(decode_status(4, 0x1E)->paper_end);
  CHECK(decode_status(4, 0x72)->paper_end);
  CHECK(decode_status(4, 0x7E)->paper_near_end);
  CHECK_FALSE(decode_status(4, 0x00)->valid);  // not a reply at all
  CHECK_FALSE(decode_status(5, 0x12));
  CHECK_FALSE(decode_status(0, 0x12));
}

TEST_CASE("The four replies sum up to what the kiosk needs to know") {
  const auto s = [](int n, std::uint8_t b) { return decode_status(n, b); };
  CHECK(summarize(s(1, 0x12), s(2, 0x12), s(3, 0x12), s(4, 0x12)) == PrinterStatus::ok);
  CHECK(summarize(s(1, 0x12), s(2, 0x12), s(3, 0x12), s(4, 0x1E)) == PrinterStatus::paper_near_end);
  CHECK(summarize(s(1, 0x1A), s(2, 0x32), s(3, 0x12), s(4, 0x72)) == PrinterStatus::paper_out);
  CHECK(summarize(s(1, 0x1A), s(2, 0x16), s(3, 0x12), s(4, 0x12)) == PrinterStatus::cover_open);
  CHECK(summarize(s(1, 0x1A), s(2, 0x52), s(3, 0x1A), s(4, 0x12)) == PrinterStatus::fault);
  CHECK(summarize(std::nullopt, std::nullopt, std::nullopt, std::nullopt) == PrinterStatus::unplugged);
  CHECK(summarize(s(1, 0x00), s(2, 0x12), s(3, 0x12), s(4, 0x12)) == PrinterStatus::unplugged);
}
