#include <catch2/catch.hpp>

#include <vector>

#include "sim/sim_payment.hpp"

using namespace kiosk;

namespace {
struct Recorder {
  std::vector<Event> events;
  hal::EventSink sink() {
    return [this](Event e) { events.push_back(std::move(e)); };
  }
  template <typename T>
  const T* last() const {
    for (auto it = events.rbegin(); it != events.rend(); ++it)
      if (const T* t = std::get_if<T>(&*it)) return t;
    return nullptr;
  }
};
}  // namespace

TEST_CASE("The scripted terminal waits for the outcome it is given") {
  Recorder rec;
  sim::SimPayment t(sim::SimPayment::Kind::card, rec.sink(), false);
  t.start_payment("R1", 1500);
  REQUIRE(rec.last<ev::PaymentPrompted>());
  t.poll(60'000);
  CHECK_FALSE(rec.last<ev::PaymentApproved>());
  t.script(sim::Outcome::approve);
  const auto* ok = rec.last<ev::PaymentApproved>();
  REQUIRE(ok);
  CHECK(ok->reference == "R1");
  CHECK(ok->receipt.pan_masked == "670300******1234");
  t.script(sim::Outcome::decline);  // given in advance: applies to the next payment at once
  t.start_payment("R2", 1500);
  const auto* no = rec.last<ev::PaymentFailed>();
  REQUIRE(no);
  CHECK(no->failure == PaymentFailure::declined);
  CHECK(no->result_code == 0x05);
}

TEST_CASE("The demo terminal walks through the prompts and approves by itself") {
  Recorder rec;
  sim::SimPayment t(sim::SimPayment::Kind::card, rec.sink(), true);
  t.poll(0);
  t.start_payment("R1", 1500);
  t.poll(2500);
  CHECK(rec.last<ev::PaymentPrompted>()->prompt == TerminalPrompt::enter_pin);
  t.poll(7000);
  REQUIRE(rec.last<ev::PaymentApproved>());
}

TEST_CASE("Unplugging ends the payment in progress and tells the kiosk") {
  Recorder rec;
  sim::SimPayment t(sim::SimPayment::Kind::card, rec.sink(), false);
  t.start_payment("R1", 1500);
  t.set_plugged(false);
  CHECK(rec.last<ev::TerminalAvailabilityChanged>()->available == false);
  CHECK(rec.last<ev::PaymentFailed>()->failure == PaymentFailure::terminal_unavailable);
  t.start_payment("R2", 1500);
  CHECK(rec.last<ev::PaymentFailed>()->reference == "R2");
  t.set_plugged(true);
  CHECK(rec.last<ev::TerminalAvailabilityChanged>()->available);
}

TEST_CASE("Abort and reversal are answered") {
  Recorder rec;
  sim::SimPayment w(sim::SimPayment::Kind::wallet, rec.sink(), false);
  w.start_payment("R1", 990);
  REQUIRE(rec.last<ev::WalletCodeReady>());
  CHECK(rec.last<ev::WalletCodeReady>()->qr_payload == "WALLETSIM:R1:990:EUR");
  w.abort_payment("R1");
  CHECK(rec.last<ev::PaymentFailed>()->failure == PaymentFailure::cancelled);
  w.reverse("R0", 990, "1001");
  CHECK(rec.last<ev::PaymentReversed>()->ok);
}
