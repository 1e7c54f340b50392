// The ZVT driver against the terminal simulator over a real TCP socket on 127.0.0.1.
#include <catch2/catch.hpp>

#include <pty.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>

#include "../event_recorder.hpp"
#include "sim/zvt_terminal_sim.hpp"
#include "zvt/zvt_terminal.hpp"

using namespace kiosk;

namespace {

using Events = test::EventRecorder;
using test::eventually;

std::string fresh_ledger(const std::string& name) {
  const auto p = std::filesystem::temp_directory_path() / ("kiosk-zvt-" + name + ".jsonl");
  std::filesystem::remove(p);
  return p.string();
}

struct Rig {
  sim::ZvtTerminalSim sim;
  Events events;
  std::unique_ptr<zvt::ZvtTerminal> terminal;
  Rig(std::vector<std::string> script, const std::string& ledger, std::uint32_t newest_known_receipt = 0)
      : sim(sim::ZvtSimOptions{ledger, std::move(script), "000000", 5, "52500123"}) {
    std::string error;
    REQUIRE(sim.listen("127.0.0.1", 0, &error));
    sim.start();
    zvt::ZvtOptions o;
    o.port = sim.port();
    o.ack_timeout_ms = 2000;
    o.newest_known_receipt = newest_known_receipt;
    terminal = std::make_unique<zvt::ZvtTerminal>(events.sink(), o);
  }
};

// A pseudo-terminal pair in raw mode: the terminal simulator on the master side, the driver
// opens the slave by name.
struct Pty {
  int master = -1, slave = -1;
  char name[64] = {};
};
Pty raw_pty() {
  Pty p;
  REQUIRE(openpty(&p.master, &p.slave, p.name, nullptr, nullptr) == 0);
  termios t{};
  tcgetattr(p.master, &t);
  cfmakeraw(&t);
  tcsetattr(p.master, TCSANOW, &t);
  return p;
}

// One approved payment by a kiosk and terminal that then stop; returns its receipt number.
std::uint32_t paid_in_an_earlier_run(const std::string& ledger_path, Cents amount) {
  Rig rig({"approve"}, ledger_path);
  rig.terminal->start_payment("R1", amount);
  REQUIRE(eventually([&] { return rig.events.of<ev::PaymentApproved>().size() == 1; }));
  return zvt::receipt_from_ref(rig.events.of<ev::PaymentApproved>()[0].receipt.provider_ref);
}

}  // namespace

TEST_CASE("An approved payment: registration, prompts, the status information, completion") {
  Rig rig({"approve"}, fresh_ledger("approve"));
  rig.terminal->start_payment("R1", 1500);
  REQUIRE(eventually([&] { return rig.events.of<ev::PaymentApproved>().size() == 1; }));
  const auto ok = rig.events.of<ev::PaymentApproved>()[0];
  CHECK(ok.reference == "R1");
  CHECK(ok.receipt.provider_ref == "1");
  CHECK(ok.receipt.pan_masked == "670300******1234");
  CHECK(ok.receipt.terminal_id == "52500123");
  CHECK(ok.receipt.card_type == "Bancontact");
  CHECK(ok.receipt.auth_code.size() == 6);
  CHECK(ok.receipt.terminal_lines == std::vector<std::string>{"BANCONTACT  670300******1234"});
  std::vector<TerminalPrompt> prompts;
  for (const auto& p : rig.events.of<ev::PaymentPrompted>()) prompts.push_back(p.prompt);
  CHECK(prompts == std::vector<TerminalPrompt>{TerminalPrompt::insert_card, TerminalPrompt::enter_pin,
                                               TerminalPrompt::please_wait, TerminalPrompt::remove_card});
  CHECK(rig.terminal->available());
  const auto ledger = rig.sim.ledger();
  REQUIRE(ledger.size() == 1);
  CHECK(ledger[0].amount_cents == 1500);
}

TEST_CASE("A declined payment reports the result code") {
  Rig rig({"decline:05", "decline:64"}, fresh_ledger("decline"));
  rig.terminal->start_payment("R1", 1500);
  REQUIRE(eventually([&] { return rig.events.of<ev::PaymentFailed>().size() == 1; }));
  CHECK(rig.events.of<ev::PaymentFailed>()[0].failure == PaymentFailure::declined);
  CHECK(rig.events.of<ev::PaymentFailed>()[0].result_code == 0x05);
  rig.terminal->start_payment("R2", 1500);
  REQUIRE(eventually([&] { return rig.events.of<ev::PaymentFailed>().size() == 2; }));
  CHECK(rig.events.of<ev::PaymentFailed>()[1].failure == PaymentFailure::card_unreadable);
  CHECK(rig.events.of<ev::PaymentApproved>().empty());
}

TEST_CASE("The customer cancels while the terminal waits: abort, nothing taken") {
  Rig rig({"slow"}, fresh_ledger("abort"));
  rig.terminal->start_payment("R1", 1500);
  REQUIRE(eventually([&] { return !rig.events.of<ev::PaymentPrompted>().empty(); }));
  rig.terminal->abort_payment("R1");
  REQUIRE(eventually([&] { return rig.events.of<ev::PaymentFailed>().size() == 1; }));
  CHECK(rig.events.of<ev::PaymentFailed>()[0].failure == PaymentFailure::cancelled);
  CHECK(rig.sim.ledger().empty());
}

TEST_CASE("A reversal by receipt number gives the money back once") {
  Rig rig({"approve"}, fresh_ledger("reversal"));
  rig.terminal->start_payment("R1", 2500);
  REQUIRE(eventually([&] { return rig.events.of<ev::PaymentApproved>().size() == 1; }));
  const std::string receipt_ref = rig.events.of<ev::PaymentApproved>()[0].receipt.provider_ref;
  const std::uint32_t receipt = zvt::receipt_from_ref(receipt_ref);
  REQUIRE(receipt > 0);
  rig.terminal->reverse("R1", 2500, receipt_ref);
  REQUIRE(eventually([&] { return rig.events.of<ev::PaymentReversed>().size() == 1; }));
  CHECK(rig.events.of<ev::PaymentReversed>()[0].ok);
  // Asked again (its answer was lost, say): B4 "already reversed", so the money is back, and the
  // terminal does not give it back twice.
  rig.terminal->reverse("R1", 2500, receipt_ref);
  REQUIRE(eventually([&] { return rig.events.of<ev::PaymentReversed>().size() == 2; }));
  CHECK(rig.events.of<ev::PaymentReversed>()[1].ok);
  // A receipt the terminal never approved: B5, nothing is given back.
  rig.terminal->reverse("R2", 2500, std::to_string(receipt + 50));
  REQUIRE(eventually([&] { return rig.events.of<ev::PaymentReversed>().size() == 3; }));
  CHECK_FALSE(rig.events.of<ev::PaymentReversed>()[2].ok);
  const auto ledger = rig.sim.ledger();
  REQUIRE(ledger.size() == 2);
  CHECK(ledger[1].type == "reversal");
  CHECK(ledger[1].original_receipt == receipt);
}

TEST_CASE("After a restart, the terminal's last receipt tells whether a payment was taken") {
  const std::string ledger_path = fresh_ledger("lookup");
  const std::uint32_t receipt = paid_in_an_earlier_run(ledger_path, 1750);
  {
    Rig rig({"approve"}, ledger_path);  // a new kiosk process and a restarted terminal
    // Another amount: not this payment.
    rig.terminal->look_up_payment("R3", 990, "");
    // The journal knows no receipt: the approval for this amount is the payment it lost.
    rig.terminal->look_up_payment("R1", 1750, "");
    // One receipt answers for one payment only.
    rig.terminal->look_up_payment("R2", 1750, "");
    REQUIRE(eventually([&] { return rig.events.of<ev::PaymentLookedUp>().size() == 3; }));
    const auto answers = rig.events.of<ev::PaymentLookedUp>();
    CHECK(answers[0].outcome == ev::PaymentLookup::not_taken);
    CHECK(answers[1].outcome == ev::PaymentLookup::taken);
    CHECK(answers[1].receipt.provider_ref == std::to_string(receipt));
    CHECK(answers[2].outcome == ev::PaymentLookup::not_taken);
  }
  // The journal knows that receipt already: it belongs to another payment.
  Rig rig({"approve"}, ledger_path, receipt);
  rig.terminal->look_up_payment("R4", 1750, "");
  REQUIRE(eventually([&] { return rig.events.of<ev::PaymentLookedUp>().size() == 1; }));
  CHECK(rig.events.of<ev::PaymentLookedUp>()[0].outcome == ev::PaymentLookup::not_taken);
}

TEST_CASE("After a restart, a lost line never mistakes an older payment for the one under way") {
  const std::string ledger_path = fresh_ledger("restart-drop");
  const std::uint32_t older = paid_in_an_earlier_run(ledger_path, 1000);
  // A new kiosk process: the journal knows receipt `older`. The next payment, same amount,
  // loses its line before the result: the terminal's last receipt is the older one.
  Rig rig({"drop-before-result"}, ledger_path, older);
  rig.terminal->start_payment("R2", 1000);
  REQUIRE(eventually([&] { return rig.events.of<ev::PaymentFailed>().size() == 1; }));
  CHECK(rig.events.of<ev::PaymentApproved>().empty());
}

TEST_CASE("A terminal that cannot be reached answers a lookup with unknown, never not taken") {
  zvt::ZvtOptions o;
  o.port = 1;  // nothing listens there
  o.connect_timeout_ms = 200;
  Events events;
  zvt::ZvtTerminal terminal(events.sink(), o);
  terminal.look_up_payment("R1", 1000, "");
  REQUIRE(eventually([&] { return events.of<ev::PaymentLookedUp>().size() == 1; }));
  CHECK(events.of<ev::PaymentLookedUp>()[0].outcome == ev::PaymentLookup::unknown);
}

TEST_CASE("A line lost after the result: the driver asks for the last receipt and finds the money") {
  Rig rig({"drop-after-result"}, fresh_ledger("drop-after"));
  rig.terminal->start_payment("R1", 1000);
  REQUIRE(eventually([&] { return rig.events.of<ev::PaymentApproved>().size() == 1; }));
  CHECK(rig.events.of<ev::PaymentApproved>()[0].receipt.provider_ref == "1");
  CHECK(rig.events.of<ev::PaymentFailed>().empty());
}

TEST_CASE("A line lost before the result: no approval is invented") {
  Rig rig({"drop-before-result"}, fresh_ledger("drop-before"));
  rig.terminal->start_payment("R1", 1000);
  REQUIRE(eventually([&] { return rig.events.of<ev::PaymentFailed>().size() == 1; }));
  CHECK(rig.events.of<ev::PaymentApproved>().empty());
  CHECK(rig.sim.ledger().empty());
}

TEST_CASE("The terminal's ledger survives a restart") {
  const std::string ledger = fresh_ledger("restart");
  {
    Rig rig({"approve"}, ledger);
    rig.terminal->start_payment("R1", 1000);
    REQUIRE(eventually([&] { return rig.events.of<ev::PaymentApproved>().size() == 1; }));
  }
  Rig again({"approve"}, ledger);
  CHECK(again.sim.ledger().size() == 1);
  again.terminal->reverse("R1", 1000, "1");  // a reversal after the restart still finds it
  REQUIRE(eventually([&] { return again.events.of<ev::PaymentReversed>().size() == 1; }));
  CHECK(again.events.of<ev::PaymentReversed>()[0].ok);
  again.terminal->start_payment("R2", 1000);
  REQUIRE(eventually([&] { return again.events.of<ev::PaymentApproved>().size() == 1; }));
  CHECK(again.events.of<ev::PaymentApproved>()[0].receipt.provider_ref == "3");  // numbering goes on
}

TEST_CASE("No terminal listening: unavailable, and the payment fails without guessing") {
  Events events;
  zvt::ZvtOptions o;
  o.port = 1;  // nothing listens on port 1 here
  o.connect_timeout_ms = 200;
  zvt::ZvtTerminal terminal(events.sink(), o);
  terminal.start_payment("R1", 1000);
  REQUIRE(eventually([&] { return events.of<ev::PaymentFailed>().size() == 1; }));
  CHECK(events.of<ev::PaymentFailed>()[0].failure == PaymentFailure::terminal_unavailable);
  CHECK_FALSE(terminal.available());
  // The kiosk hears that there is no terminal, so an idle kiosk goes out of service.
  REQUIRE_FALSE(events.of<ev::TerminalAvailabilityChanged>().empty());
  CHECK_FALSE(events.of<ev::TerminalAvailabilityChanged>()[0].available);
}

TEST_CASE("Refund and end of day through the driver land in the terminal's ledger") {
  Rig rig({"approve"}, fresh_ledger("admin"));
  rig.terminal->refund("R9", 750);
  REQUIRE(eventually([&] { return rig.events.of<ev::PaymentReversed>().size() == 1; }));
  CHECK(rig.events.of<ev::PaymentReversed>()[0].ok);
  rig.terminal->end_of_day();
  REQUIRE(eventually([&] { return rig.sim.ledger().size() == 2; }));
  const auto ledger = rig.sim.ledger();
  CHECK(ledger[0].type == "refund");
  CHECK(ledger[0].amount_cents == 750);
  CHECK(ledger[1].type == "end_of_day");
}

TEST_CASE("Noise instead of the result: the driver recovers the outcome by repeat receipt") {
  Rig rig({"garbage-after-result"}, fresh_ledger("garbage"));
  rig.terminal->start_payment("R1", 1200);
  REQUIRE(eventually([&] {
    return rig.events.of<ev::PaymentApproved>().size() + rig.events.of<ev::PaymentFailed>().size() == 1;
  }));
  // The terminal took the money (its ledger says so) and the repeat receipt tells the driver.
  REQUIRE(rig.sim.ledger().size() == 1);
  REQUIRE(rig.events.of<ev::PaymentApproved>().size() == 1);
  CHECK(rig.events.of<ev::PaymentApproved>()[0].receipt.provider_ref == std::to_string(rig.sim.ledger()[0].receipt));
}

TEST_CASE("A status information sent twice makes one approval") {
  Rig rig({"duplicate-result"}, fresh_ledger("duplicate"));
  rig.terminal->start_payment("R1", 1200);
  REQUIRE(eventually([&] { return rig.events.of<ev::PaymentApproved>().size() == 1; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(rig.events.of<ev::PaymentApproved>().size() == 1);
  CHECK(rig.sim.ledger().size() == 1);
}

namespace {
std::unique_ptr<zvt::ZvtTerminal> holding_terminal(Rig& rig) {
  zvt::ZvtOptions o;
  o.port = rig.sim.port();
  o.ack_timeout_ms = 2000;
  o.hold_until_delivered = true;
  rig.terminal.reset();  // one ECR at a time
  return std::make_unique<zvt::ZvtTerminal>(rig.events.sink(), o);
}
}  // namespace

TEST_CASE("A held payment is taken once the renewal is delivered") {
  Rig rig({"approve"}, fresh_ledger("hold-take"));
  auto terminal = holding_terminal(rig);
  terminal->start_payment("R1", 1500);
  REQUIRE(eventually([&] { return rig.events.of<ev::PaymentApproved>().size() == 1; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(400));  // the terminal keeps asking
  CHECK(terminal->busy());
  terminal->settle("R1", true);
  REQUIRE(eventually([&] { return !terminal->busy(); }));
  CHECK(rig.events.of<ev::PaymentReversed>().empty());
  const auto ledger = rig.sim.ledger();
  REQUIRE(ledger.size() == 1);
  CHECK(ledger[0].type == "authorization");
}

TEST_CASE("A held payment refused by the kiosk is given back by the terminal") {
  Rig rig({"approve"}, fresh_ledger("hold-refuse"));
  auto terminal = holding_terminal(rig);
  terminal->start_payment("R1", 1500);
  REQUIRE(eventually([&] { return rig.events.of<ev::PaymentApproved>().size() == 1; }));
  terminal->settle("R1", false);
  REQUIRE(eventually([&] { return rig.events.of<ev::PaymentReversed>().size() == 1; }));
  CHECK(rig.events.of<ev::PaymentReversed>()[0].ok);
  const auto ledger = rig.sim.ledger();
  REQUIRE(ledger.size() == 2);
  CHECK(ledger[1].type == "reversal");
  CHECK(ledger[1].amount_cents == 1500);
}

TEST_CASE("The same payment over a serial line: frames, ACKs, registration, approval, reversal") {
  const Pty pty = raw_pty();
  sim::ZvtTerminalSim terminal_side(sim::ZvtSimOptions{fresh_ledger("serial"), {"approve"}, "000000", 5, "52500123"});
  terminal_side.start_serial(zvt::serial_channel(pty.master, zvt::SerialOptions{9600, 1, 500, 2}, "pty"));
  test::EventRecorder events;
  zvt::ZvtOptions o;
  o.serial_path = pty.name;
  o.ack_timeout_ms = 2000;
  zvt::ZvtTerminal terminal(events.sink(), o);
  terminal.start_payment("R1", 990);
  REQUIRE(eventually([&] { return events.of<ev::PaymentApproved>().size() == 1; }));
  CHECK(events.of<ev::PaymentApproved>()[0].receipt.pan_masked == "670300******1234");
  terminal.reverse("R1", 990, events.of<ev::PaymentApproved>()[0].receipt.provider_ref);
  REQUIRE(eventually([&] { return events.of<ev::PaymentReversed>().size() == 1; }));
  CHECK(events.of<ev::PaymentReversed>()[0].ok);
  CHECK(terminal_side.ledger().size() == 2);
  terminal_side.stop();
  close(pty.slave);
}

TEST_CASE("A NAK storm on the serial line: three tries get through, two do not, and no money is invented") {
  for (const int repeats : {2, 1}) {
    INFO("repeats " << repeats);
    const Pty pty = raw_pty();
    // The terminal refuses each of the kiosk's frames twice during the payment.
    sim::ZvtTerminalSim terminal_side(
        sim::ZvtSimOptions{fresh_ledger("nak-storm-" + std::to_string(repeats)), {"nak-storm"}, "000000", 5, "52500123"});
    terminal_side.start_serial(zvt::serial_channel(pty.master, zvt::SerialOptions{9600, 1, 500, 2}, "pty"));
    test::EventRecorder events;
    zvt::ZvtOptions o;
    o.serial_path = pty.name;
    o.serial.ack_timeout_ms = 300;
    o.serial.repeats = repeats;
    o.ack_timeout_ms = 2000;
    o.payment_timeout_ms = 4000;
    zvt::ZvtTerminal terminal(events.sink(), o);
    terminal.start_payment("R1", 990);
    const auto answered = [&] {
      return events.of<ev::PaymentApproved>().size() + events.of<ev::PaymentFailed>().size() +
             events.of<ev::PaymentUnknown>().size();
    };
    REQUIRE(eventually([&] { return answered() == 1; }, 20000));
    if (repeats == 2) {
      CHECK(events.of<ev::PaymentApproved>().size() == 1);
      CHECK(terminal_side.ledger().size() == 1);
    } else {
      // The kiosk gave up on its acknowledgement and the terminal dropped the payment before the
      // result: failed if the repeat receipt got through, unknown if not; never approved.
      CHECK(events.of<ev::PaymentApproved>().empty());
      CHECK(terminal_side.ledger().empty());
    }
    terminal_side.stop();
    close(pty.slave);
  }
}

TEST_CASE("Money taken, then the terminal is gone: unknown, never failed, and found again later") {
  Rig rig({"vanish-after-result", "approve"}, fresh_ledger("vanish"));
  rig.terminal->start_payment("R1", 1200);
  REQUIRE(eventually([&] { return rig.events.of<ev::PaymentUnknown>().size() == 1; }));
  CHECK(rig.events.of<ev::PaymentFailed>().empty());
  CHECK(rig.events.of<ev::PaymentApproved>().empty());
  REQUIRE(rig.sim.ledger().size() == 1);  // the terminal did take it
  // Once the terminal is back, recovery's question finds the money.
  rig.terminal->look_up_payment("R1", 1200, "");
  REQUIRE(eventually([&] {
    const auto answers = rig.events.of<ev::PaymentLookedUp>();
    if (!answers.empty() && answers.back().outcome == ev::PaymentLookup::unknown) rig.terminal->look_up_payment("R1", 1200, "");
    return !answers.empty() && answers.back().outcome == ev::PaymentLookup::taken;
  }, 15000));
}

TEST_CASE("At each connection the driver asks the terminal's status (05 01) and keeps its answer") {
  Rig rig({"approve"}, fresh_ledger("status"));
  CHECK(rig.terminal->terminal_info().status == -1);  // not connected yet
  rig.terminal->start_payment("R1", 500);
  REQUIRE(eventually([&] { return rig.events.of<ev::PaymentApproved>().size() == 1; }));
  const zvt::TerminalInfo info = rig.terminal->terminal_info();
  CHECK(info.software_version == "ZVTSIM01");
  CHECK(info.status == 0);
  rig.terminal->check_status();  // the technician's check asks again, between sales
  REQUIRE(eventually([&] { return !rig.terminal->busy(); }));
  CHECK(rig.terminal->terminal_info().software_version == "ZVTSIM01");
  // kioskctl terminal-check: told when the answer is in, then read as name and value.
  std::atomic<bool> told{false};
  rig.terminal->diagnose([&told] { told = true; });
  REQUIRE(eventually([&] { return told.load(); }));
  const auto diagnosis = rig.terminal->diagnosis();
  CHECK(std::find(diagnosis.begin(), diagnosis.end(), std::make_pair(std::string("software"), std::string("ZVTSIM01"))) !=
        diagnosis.end());
  CHECK(std::find(diagnosis.begin(), diagnosis.end(), std::make_pair(std::string("status"), std::string("00"))) !=
        diagnosis.end());
}

TEST_CASE("Receipt numbers wrap from 9999 to 0000: one just after the wrap is newer") {
  CHECK(zvt::receipt_after(1, 0));       // nothing known yet
  CHECK_FALSE(zvt::receipt_after(0, 0));
  CHECK(zvt::receipt_after(42, 41));
  CHECK_FALSE(zvt::receipt_after(41, 41));
  CHECK_FALSE(zvt::receipt_after(40, 41));
  CHECK(zvt::receipt_after(1, 9998));     // 9999, 0000, 0001: after the wrap
  CHECK(zvt::receipt_after(0, 9999));
  CHECK_FALSE(zvt::receipt_after(9990, 3));  // an old one from before the wrap
}
