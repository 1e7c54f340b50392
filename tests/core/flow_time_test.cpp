#include <catch2/catch.hpp>

#include "drive.hpp"

using namespace kiosk;
using kiosk::test::Driver;

TEST_CASE("Idle screens warn 20 s before they time out, and more time resets the clock") {
  Driver d;
  d.to_number();
  d.advance(39);
  CHECK_FALSE(idle_warning_visible(d.state));
  d.advance(1);
  CHECK(idle_warning_visible(d.state));
  CHECK(idle_seconds_left(d.state) == 20);
  d.send(ev::MoreTimeAsked{});
  CHECK_FALSE(idle_warning_visible(d.state));
  CHECK(d.state.extensions_used == 1);
  d.advance(59);
  CHECK(d.screen() == Screen::number);
  d.advance(1);
  CHECK(d.screen() == Screen::attract);
  CHECK_FALSE(d.state.session.brand);
}

TEST_CASE("The seconds left show quietly for 10 s before the warning, on input screens only") {
  Driver d;
  d.to_number();
  d.advance(29);
  CHECK_FALSE(idle_countdown_visible(d.state));
  d.advance(1);
  CHECK(idle_countdown_visible(d.state));
  CHECK(idle_seconds_left(d.state) == 30);
  d.advance(9);
  CHECK(idle_countdown_visible(d.state));
  CHECK_FALSE(idle_warning_visible(d.state));
  d.advance(1);
  CHECK_FALSE(idle_countdown_visible(d.state));  // the warning takes over
  CHECK(idle_warning_visible(d.state));
  d.send(ev::MoreTimeAsked{});
  CHECK_FALSE(idle_countdown_visible(d.state));
  d.send(ev::CancelPressed{});
  d.advance(45);
  CHECK(d.screen() == Screen::attract);
  CHECK_FALSE(idle_countdown_visible(d.state));  // the attract screen has no timeout
}

TEST_CASE("More time is granted ten times per screen, and only while the warning shows") {
  Driver d;
  d.to_number();
  d.send(ev::MoreTimeAsked{});
  CHECK(d.state.extensions_used == 0);
  for (int i = 0; i < 11; ++i) {  // the eleventh is refused
    d.advance(45);
    d.send(ev::MoreTimeAsked{});
  }
  CHECK(d.state.extensions_used == 10);
  CHECK(d.screen() == Screen::number);
  d.advance(15);
  CHECK(d.screen() == Screen::attract);
}

TEST_CASE("Input resets the idle timer") {
  Driver d;
  d.to_number();
  d.advance(50);
  d.send(ev::DigitPressed{'0'});
  d.advance(50);
  CHECK(d.screen() == Screen::number);
}

TEST_CASE("No timeout while money moves, even on the help screen") {
  Driver d;
  d.to_pay_method();
  d.send(ev::PayMethodChosen{PayMethod::card});
  d.send(ev::HelpOpened{});
  d.advance(600);
  CHECK(d.screen() == Screen::help);
  d.send(ev::OverlayClosed{});
  d.send(ev::PaymentApproved{d.reference(), test::card_receipt()});
  d.advance(600);
  CHECK(d.screen() == Screen::delivering);
  d.send(ev::RenewalDelivered{d.reference(), "C1", CivilDate{2027, 1, 4}});
  d.advance(29);
  CHECK(d.screen() == Screen::done);
  CHECK_FALSE(idle_warning_visible(d.state));  // end screens return quietly
  d.advance(1);
  CHECK(d.screen() == Screen::attract);
}

TEST_CASE("With no way to pay left the idle kiosk is out of service until the terminal is back") {
  Driver d;
  d.state.settings.wallet_enabled = false;
  d.send(ev::TerminalAvailabilityChanged{false});
  CHECK(out_of_service_reason(d.state) == OutOfServiceReason::terminal);
  CHECK(d.screen() == Screen::out_of_service);
  d.send(ev::LanguageChosen{Lang::nl});
  CHECK(d.screen() == Screen::out_of_service);
  d.send(ev::HelpOpened{});
  CHECK(d.screen() == Screen::out_of_service);
  d.send(ev::TerminalAvailabilityChanged{true});
  CHECK(d.screen() == Screen::attract);
}

TEST_CASE("A technician takes the idle kiosk out of service with a reason, and puts it back") {
  Driver d;
  d.send(ev::TakenOutOfService{"Paper roll change"});
  CHECK(d.screen() == Screen::out_of_service);
  CHECK(out_of_service_reason(d.state) == OutOfServiceReason::technician);
  CHECK(*d.state.technician_reason == "Paper roll change");
  d.send(ev::LanguageChosen{Lang::nl});
  CHECK(d.screen() == Screen::out_of_service);
  d.advance(600);
  CHECK(d.screen() == Screen::out_of_service);
  d.send(ev::PutBackInService{});
  CHECK(d.screen() == Screen::attract);
  CHECK(out_of_service_reason(d.state) == OutOfServiceReason::none);
}

TEST_CASE("Out of service during a renewal: the customer finishes, then the kiosk stops selling") {
  Driver d;
  d.to_pay_method();
  d.send(ev::TakenOutOfService{""});
  CHECK(d.screen() == Screen::pay_method);
  d.send(ev::PayMethodChosen{PayMethod::card});
  d.send(ev::PaymentApproved{d.reference(), test::card_receipt()});
  d.send(ev::RenewalDelivered{d.reference(), "C1", CivilDate{2027, 1, 4}});
  CHECK(d.screen() == Screen::done);
  d.send(ev::FinishPressed{});
  CHECK(d.screen() == Screen::out_of_service);
}

TEST_CASE("A damaged journal is named before the technician's reason") {
  Driver d;
  d.send(ev::TakenOutOfService{"Cleaning"});
  d.send(ev::JournalFailed{"BE-X"});
  CHECK(out_of_service_reason(d.state) == OutOfServiceReason::journal);
  d.send(ev::PutBackInService{});
  CHECK(d.screen() == Screen::out_of_service);
}
