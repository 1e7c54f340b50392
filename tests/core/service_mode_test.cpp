// The technician's service mode on the screen, as the pure core runs it.
#include <catch2/catch.hpp>

#include "core/service_mode.hpp"
#include "drive.hpp"

using namespace kiosk;
using kiosk::test::Driver;

namespace {

Event tech(svc::Input in) { return ev::Technician{std::move(in)}; }

template <typename R>
std::vector<R> requests(const std::vector<Effect>& effects) {
  std::vector<R> out;
  for (const Effect& e : effects)
    if (const auto* s = std::get_if<fx::RequestService>(&e))
      if (const R* r = std::get_if<R>(&s->request)) out.push_back(*r);
  return out;
}

void enter_menu(Driver& d) {
  d.send(tech(svc::Asked{}));
  for (char c : std::string("2468")) d.send(tech(svc::PinDigit{c}));
  d.send(tech(svc::PinSubmitted{}));
  d.send(tech(svc::PinChecked{PinVerdict::right, 5, 0}));
}

}  // namespace

TEST_CASE("The service key opens the PIN page only while nobody is at the kiosk") {
  Driver d;
  const auto fx = d.send(tech(svc::Asked{}));
  REQUIRE(d.state.service_mode);
  CHECK(d.state.service_mode->page == ServicePage::pin);
  CHECK(requests<svc::Note>(fx).at(0).action == "service-mode-asked");

  Driver busy;
  busy.to_number();
  const auto refused = busy.send(tech(svc::Asked{}));
  CHECK_FALSE(busy.state.service_mode);
  CHECK(requests<svc::Note>(refused).at(0).action == "service-mode-refused");

  Driver paying;
  paying.to_pay_method();
  paying.send(ev::PayMethodChosen{PayMethod::card});
  paying.send(tech(svc::Asked{}));
  CHECK_FALSE(paying.state.service_mode);
}

TEST_CASE("The PIN goes to the app once, and the screen keeps none of it") {
  Driver d;
  d.send(tech(svc::Asked{}));
  d.send(tech(svc::PinDigit{'1'}));
  d.send(tech(svc::PinDigit{'2'}));
  d.send(tech(svc::PinDigit{'3'}));
  CHECK(requests<svc::CheckPin>(d.send(tech(svc::PinSubmitted{}))).empty());  // too short
  d.send(tech(svc::PinDigit{'4'}));
  d.send(tech(svc::PinDigit{'x'}));  // not a digit
  const auto fx = d.send(tech(svc::PinSubmitted{}));
  REQUIRE(requests<svc::CheckPin>(fx).size() == 1);
  CHECK(requests<svc::CheckPin>(fx)[0].pin == "1234");
  CHECK(d.state.service_mode->pin.empty());
  CHECK(d.state.service_mode->checking);
  // Nothing more is asked while the check runs.
  d.send(tech(svc::PinDigit{'5'}));
  CHECK(requests<svc::CheckPin>(d.send(tech(svc::PinSubmitted{}))).empty());
  for (int i = 0; i < 12; ++i) d.send(tech(svc::PinDigit{'9'}));
  CHECK(d.state.service_mode->pin.empty());

  d.send(tech(svc::PinChecked{PinVerdict::wrong, 3, 0}));
  CHECK(d.state.service_mode->page == ServicePage::pin);
  CHECK(d.state.service_mode->verdict == PinVerdict::wrong);
  CHECK(d.state.service_mode->tries_left == 3);
  for (int i = 0; i < 12; ++i) d.send(tech(svc::PinDigit{'9'}));
  CHECK(d.state.service_mode->pin.size() == service_pin_max);

  // An answer nobody asked for changes nothing; the answer to the next PIN does.
  d.send(tech(svc::PinChecked{PinVerdict::right, 5, 0}));
  CHECK(d.state.service_mode->page == ServicePage::pin);
  d.send(tech(svc::PinSubmitted{}));
  d.send(tech(svc::PinChecked{PinVerdict::locked, 0, 900}));
  CHECK(d.state.service_mode->verdict == PinVerdict::locked);
  CHECK(d.state.service_mode->page == ServicePage::pin);
}

TEST_CASE("The right PIN opens the menu and asks for the kiosk's status") {
  Driver d;
  d.send(tech(svc::Asked{}));
  // The menu's pages are not reachable before the PIN.
  d.send(tech(svc::PageOpened{ServicePage::sales}));
  CHECK(d.state.service_mode->page == ServicePage::pin);
  CHECK(requests<svc::RunAction>(d.send(tech(svc::ActionAsked{ServiceAction::test_print}))).empty());
  d.send(tech(svc::PinDigit{'1'}));
  d.send(tech(svc::PinDigit{'2'}));
  d.send(tech(svc::PinDigit{'3'}));
  d.send(tech(svc::PinDigit{'4'}));
  d.send(tech(svc::PinSubmitted{}));
  const auto fx = d.send(tech(svc::PinChecked{PinVerdict::right, 5, 0}));
  CHECK(d.state.service_mode->page == ServicePage::menu);
  CHECK(requests<svc::GatherStatus>(fx).size() == 1);
}

TEST_CASE("Customers' keys wait while the technician has the screen") {
  Driver d;
  enter_menu(d);
  d.send(ev::SpeechRequested{});
  d.send(ev::LanguageChosen{Lang::fr});
  CHECK_FALSE(d.state.session.speech);
  CHECK(d.screen() == Screen::attract);
  CHECK(d.state.session.lang == Lang::en);
  // Devices and the technician's own commands still act underneath.
  d.send(ev::PrinterStatusChanged{PrinterStatus::paper_out});
  CHECK(d.state.printer == PrinterStatus::paper_out);
  d.send(ev::TakenOutOfService{"@back_soon"});
  CHECK(d.screen() == Screen::out_of_service);
  CHECK(d.state.service_mode);
}

TEST_CASE("Two minutes without input end the service mode, but not during an action") {
  Driver d;
  enter_menu(d);
  d.advance(119);
  REQUIRE(d.state.service_mode);
  d.send(tech(svc::PageOpened{ServicePage::sales}));  // input: a fresh two minutes
  d.advance(119);
  REQUIRE(d.state.service_mode);
  d.send(tech(svc::PageOpened{ServicePage::menu}));
  d.send(tech(svc::ActionAsked{ServiceAction::test_print}));
  d.advance(300);
  REQUIRE(d.state.service_mode);  // the print answers first
  d.send(tech(svc::ActionFinished{{ServiceAction::test_print, true, {}}}));
  d.advance(60);
  REQUIRE(d.state.service_mode);  // the outcome stays up two minutes after it came
  d.advance(60);
  const auto& fx = d.effects;
  CHECK_FALSE(d.state.service_mode);
  CHECK(requests<svc::Note>(fx).back().action == "service-mode-left");
  CHECK(requests<svc::Note>(fx).back().detail == "two minutes without input");
  // An action that never answers keeps the mode ten minutes at most.
  d.send(tech(svc::Asked{}));
  d.send(tech(svc::PinDigit{'1'}));
  d.send(tech(svc::PinDigit{'2'}));
  d.send(tech(svc::PinDigit{'3'}));
  d.send(tech(svc::PinDigit{'4'}));
  d.send(tech(svc::PinSubmitted{}));
  d.send(tech(svc::PinChecked{PinVerdict::right, 5, 0}));
  d.send(tech(svc::ActionAsked{ServiceAction::terminal_check}));
  for (int i = 0; i < 9; ++i) d.advance(60);
  REQUIRE(d.state.service_mode);
  d.advance(60);
  CHECK_FALSE(d.state.service_mode);
  CHECK(requests<svc::Note>(d.effects).back().detail == "ten minutes without input or answer");
  // The PIN page too.
  d.send(tech(svc::Asked{}));
  d.send(tech(svc::PinDigit{'1'}));
  d.advance(120);
  CHECK_FALSE(d.state.service_mode);
}

TEST_CASE("Actions run one at a time, and end of day and restart are asked again") {
  Driver d;
  enter_menu(d);
  auto fx = d.send(tech(svc::ActionAsked{ServiceAction::test_print}));
  REQUIRE(requests<svc::RunAction>(fx).size() == 1);
  CHECK(d.state.service_mode->running == ServiceAction::test_print);
  CHECK(requests<svc::RunAction>(d.send(tech(svc::ActionAsked{ServiceAction::retry}))).empty());
  d.send(tech(svc::Left{}));  // not while the print is under way
  REQUIRE(d.state.service_mode);
  fx = d.send(tech(svc::ActionFinished{{ServiceAction::test_print, true, {}}}));
  CHECK_FALSE(d.state.service_mode->running);
  CHECK(d.state.service_mode->outcome->ok);
  CHECK(requests<svc::GatherStatus>(fx).size() == 1);

  fx = d.send(tech(svc::ActionAsked{ServiceAction::end_of_day}));
  CHECK(requests<svc::RunAction>(fx).empty());
  CHECK(d.state.service_mode->page == ServicePage::confirm);
  d.send(tech(svc::PageOpened{ServicePage::menu}));  // "no"
  CHECK(requests<svc::RunAction>(d.send(tech(svc::ActionConfirmed{}))).empty());
  d.send(tech(svc::ActionAsked{ServiceAction::end_of_day}));
  fx = d.send(tech(svc::ActionConfirmed{}));
  REQUIRE(requests<svc::RunAction>(fx).size() == 1);
  CHECK(requests<svc::RunAction>(fx)[0].action == ServiceAction::end_of_day);
  CHECK(d.state.service_mode->page == ServicePage::menu);
}

TEST_CASE("Out of service from the screen takes one of the notes every language has") {
  Driver d;
  enter_menu(d);
  CHECK(requests<svc::RunAction>(d.send(tech(svc::ActionAsked{ServiceAction::out_of_service, "free text"}))).empty());
  CHECK(requests<svc::RunAction>(d.send(tech(svc::ActionAsked{ServiceAction::out_of_service, "@nope"}))).empty());
  const auto fx = d.send(tech(svc::ActionAsked{ServiceAction::out_of_service, "@back_hour"}));
  REQUIRE(requests<svc::RunAction>(fx).size() == 1);
  CHECK(requests<svc::RunAction>(fx)[0].note == "@back_hour");
}

TEST_CASE("The technician leaves, and late answers find nothing to change") {
  Driver d;
  enter_menu(d);
  const auto fx = d.send(tech(svc::Left{}));
  CHECK_FALSE(d.state.service_mode);
  CHECK(requests<svc::Note>(fx).at(0).detail == "left by the technician");
  d.send(tech(svc::PinChecked{PinVerdict::right, 5, 0}));
  d.send(tech(svc::StatusGathered{}));
  CHECK_FALSE(d.state.service_mode);
  // A PIN typed, the mode left during its check and opened again: its late answer opens nothing.
  d.send(tech(svc::Asked{}));
  for (char c : std::string("2468")) d.send(tech(svc::PinDigit{c}));
  d.send(tech(svc::PinSubmitted{}));
  d.send(tech(svc::Left{}));
  d.send(tech(svc::Asked{}));
  d.send(tech(svc::PinChecked{PinVerdict::right, 5, 0}));
  REQUIRE(d.state.service_mode);
  CHECK(d.state.service_mode->page == ServicePage::pin);
  CHECK(d.state.service_mode->verdict == PinVerdict::none);
}

TEST_CASE("The technician's screens speak the kiosk's language where they have it") {
  CHECK(service_lang_for(Lang::fr) == Lang::fr);
  CHECK(service_lang_for(Lang::de) == Lang::de);
  CHECK(service_lang_for(Lang::zh) == Lang::en);
  KioskSettings settings;
  settings.default_lang = Lang::nl;
  State s = initial_state(settings);
  s = update(s, tech(svc::Asked{})).state;
  CHECK(s.service_mode->lang == Lang::nl);
  s = update(s, tech(svc::LanguageChosen{Lang::ar})).state;
  CHECK(s.service_mode->lang == Lang::en);
}
