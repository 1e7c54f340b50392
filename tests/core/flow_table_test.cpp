#include <catch2/catch.hpp>

#include <set>

#include "core/flow_table.hpp"
#include "drive.hpp"

using namespace kiosk;
using kiosk::test::Driver;

TEST_CASE("The flow table leads to every screen and names every row's event") {
  std::set<Screen> reached;
  std::set<std::size_t> events;
  for (const flow::Transition& t : flow::transitions()) {
    if (t.to.kind == flow::Target::Kind::screen) reached.insert(t.to.screen);
    events.insert(t.event);
    CHECK(t.from.mask != 0);
    CHECK(flow::event_type_name(t.event) != "?");
  }
  // A screen no row leads to can never be shown: a new screen needs its way in.
  for (int i = 0; i < screen_count; ++i) {
    INFO(screen_name(static_cast<Screen>(i)));
    CHECK(reached.count(static_cast<Screen>(i)) == 1);
  }
  // Every event type but the technician's (service_mode.hpp), and the completion rows.
  CHECK(events.count(flow::event_index<ev::Technician>) == 0);
  CHECK(events.size() == flow::event_count - 1 + 1);
}

TEST_CASE("An answer that arrives while an overlay lies over the screen moves the customer on") {
  Driver d;
  d.to_number();
  d.type("0470123456");
  d.send(ev::NumberSubmitted{});
  REQUIRE(d.screen() == Screen::lookup);
  d.send(ev::HelpOpened{});
  d.send(ev::SubscriberFound{test::active_subscriber(), test::sample_plans()});
  CHECK(d.screen() == Screen::plans);  // not left behind the help, waiting for an answer given
  CHECK(d.state.session.plan_id == "px-basic");

  // An answer that keeps the screen keeps the overlay open too.
  d.send(ev::PlanConfirmed{});
  d.send(ev::SummaryConfirmed{});
  d.send(ev::PayMethodChosen{PayMethod::card});
  d.send(ev::LanguageSwitchOpened{});
  d.send(ev::PaymentPrompted{TerminalPrompt::enter_pin});
  CHECK(d.screen() == Screen::language);
  CHECK(d.state.session.prompt == TerminalPrompt::enter_pin);
  d.send(ev::OverlayClosed{});
  CHECK(d.screen() == Screen::paying);
}

TEST_CASE("Taps act on what is shown, never on the screen beneath an overlay") {
  Driver d;
  d.to_number();
  d.send(ev::DisplayOpened{});
  d.type("0470");
  d.send(ev::BrandChosen{Brand{"orange"}});
  CHECK(d.state.session.number_input.empty());
  CHECK(d.state.session.brand == Brand{"proximus"});
  CHECK(d.screen() == Screen::display);
}

TEST_CASE("The idle screen follows whether the kiosk can sell, whatever event changed that") {
  Driver d;
  d.state.settings.wallet_enabled = false;  // the card terminal is the only way to pay
  d.send(ev::TerminalAvailabilityChanged{false});
  CHECK(d.screen() == Screen::out_of_service);
  d.send(ev::TerminalAvailabilityChanged{true});
  CHECK(d.screen() == Screen::attract);
  d.send(ev::JournalFailed{"none"});
  CHECK(d.screen() == Screen::out_of_service);
  d.send(ev::TerminalAvailabilityChanged{true});
  CHECK(d.screen() == Screen::out_of_service);  // the journal still keeps it from selling
}
