#include <catch2/catch.hpp>

#include "drive.hpp"

using namespace kiosk;
using kiosk::test::Driver;

TEST_CASE("Choosing a language on the attract screen starts a session in it") {
  Driver d;
  CHECK(d.screen() == Screen::attract);
  d.send(ev::LanguageChosen{Lang::zh});
  CHECK(d.screen() == Screen::service);
  CHECK(d.state.session.lang == Lang::zh);
}

TEST_CASE("The language switch and help return to the screen they were opened from") {
  Driver d;
  d.to_number();
  d.type("047");
  d.send(ev::LanguageSwitchOpened{});
  CHECK(d.screen() == Screen::language);
  d.send(ev::HelpOpened{});  // from one overlay to the other still returns to the number
  CHECK(d.screen() == Screen::help);
  d.send(ev::OverlayClosed{});
  CHECK(d.screen() == Screen::number);
  d.send(ev::LanguageSwitchOpened{});
  d.send(ev::LanguageChosen{Lang::fr});
  CHECK(d.screen() == Screen::number);
  CHECK(d.state.session.lang == Lang::fr);
  CHECK(d.state.session.number_input == "047");
}

TEST_CASE("The keypad edits the number and a wrong number says why") {
  Driver d;
  d.to_number();
  d.type("04701");
  d.send(ev::DigitDeleted{});
  CHECK(d.state.session.number_input == "0470");
  d.send(ev::NumberSubmitted{});
  CHECK(d.screen() == Screen::number);
  CHECK(d.state.session.number_error_key == "number.error.too_short");
  d.send(ev::NumberCleared{});
  CHECK(d.state.session.number_input.empty());
  CHECK(d.state.session.number_error_key.empty());
  d.type("025551234");
  d.send(ev::NumberSubmitted{});
  CHECK(d.state.session.number_error_key == "number.error.not_mobile");
  d.send(ev::DigitPressed{'x'});  // not a digit: ignored
  CHECK(d.state.session.number_input == "025551234");
}

TEST_CASE("A valid number is looked up at the operator of the chosen brand") {
  Driver d;
  d.to_number();
  d.type("+32470123456");  // '+' is not on the keypad; typed digits only
  d.send(ev::NumberCleared{});
  d.type("0032470123456");
  auto fx = d.send(ev::NumberSubmitted{});
  CHECK(d.screen() == Screen::lookup);
  REQUIRE(fx.size() == 1);
  const auto& lookup = std::get<fx::RequestLookup>(fx[0]);
  CHECK(lookup.brand == Brand{"proximus"});
  CHECK(lookup.number.digits == "470123456");
}

TEST_CASE("Look-up outcomes lead to plans, the balance, the fee, or a clear error") {
  SECTION("active number renews: plans with the current plan preselected") {
    Driver d;
    d.to_plans();
    CHECK(d.screen() == Screen::plans);
    CHECK(d.state.session.plan_id == "px-basic");
  }
  SECTION("suspended number: the reactivation fee is shown first") {
    Driver d;
    auto sub = test::active_subscriber();
    sub.status = SubscriberStatus::suspended;
    sub.reactivation_fee = 500;
    d.to_plans(sub);
    CHECK(d.screen() == Screen::suspended);
    d.send(ev::ContinuePressed{});
    CHECK(d.screen() == Screen::plans);
    d.send(ev::PlanConfirmed{});
    REQUIRE(d.state.session.quote);
    CHECK(d.state.session.quote->reactivation_fee == 500);
    CHECK(d.state.session.quote->total == 1500);
  }
  SECTION("deactivated number: back to the number with a reason") {
    Driver d;
    auto sub = test::active_subscriber();
    sub.status = SubscriberStatus::expired;
    d.to_plans(sub);
    CHECK(d.screen() == Screen::number);
    CHECK(d.state.session.number_error_key == "number.error.deactivated");
  }
  SECTION("unknown number at that operator") {
    Driver d;
    d.to_number();
    d.type("0470123456");
    d.send(ev::NumberSubmitted{});
    d.send(ev::LookupFailed{ev::LookupError::not_found});
    CHECK(d.screen() == Screen::number);
    CHECK(d.state.session.number_error_key == "number.error.not_found");
  }
  SECTION("operator unreachable: say so, offer a retry that asks again") {
    Driver d;
    d.to_number();
    d.type("0470123456");
    d.send(ev::NumberSubmitted{});
    d.send(ev::LookupFailed{ev::LookupError::unavailable});
    CHECK(d.screen() == Screen::unavailable);
    auto fx = d.send(ev::RetryPressed{});
    CHECK(d.screen() == Screen::lookup);
    CHECK(std::holds_alternative<fx::RequestLookup>(fx.at(0)));
  }
  SECTION("check balance shows the balance, and can go on to renew") {
    Driver d;
    d.to_number(ev::Service::balance);
    d.type("0470123456");
    d.send(ev::NumberSubmitted{});
    d.send(ev::SubscriberFound{test::active_subscriber(), test::sample_plans()});
    CHECK(d.screen() == Screen::balance);
    d.send(ev::ContinuePressed{});
    CHECK(d.screen() == Screen::plans);
  }
}

TEST_CASE("Plans, durations and pages only accept what exists") {
  Driver d;
  d.to_plans();
  d.send(ev::PlanChosen{"px-unlimited"});
  d.send(ev::DurationChosen{3});
  CHECK(d.state.session.months == 3);
  d.send(ev::DurationChosen{5});
  CHECK(d.state.session.months == 3);
  d.send(ev::PlanChosen{"no-such-plan"});
  CHECK(d.state.session.plan_id == "px-unlimited");
  d.send(ev::PlansPaged{+1});
  CHECK(d.state.session.plans_page == 0);  // three plans fit one page
  d.state.session.large_text = true;       // two to a page
  d.send(ev::PlansPaged{+1});
  CHECK(d.state.session.plans_page == 1);
  d.send(ev::PlansPaged{+1});
  CHECK(d.state.session.plans_page == 1);  // no page after the last
  d.send(ev::PlansPaged{-1});
  CHECK(d.state.session.plans_page == 0);
  d.send(ev::PlanConfirmed{});
  CHECK(d.screen() == Screen::summary);
  REQUIRE(d.state.session.quote);
  CHECK(d.state.session.quote->total == 6750);  // 3 × 25,00 less 10 %
}

TEST_CASE("Back walks the flow backwards and out of the session") {
  Driver d;
  d.to_pay_method();
  const Screen expected[] = {Screen::summary, Screen::plans, Screen::number, Screen::brand,
                             Screen::service, Screen::attract};
  for (Screen s : expected) {
    d.send(ev::BackPressed{});
    CHECK(d.screen() == s);
  }
  CHECK_FALSE(d.state.session.number);
}

TEST_CASE("Cancel before paying says nothing was charged and forgets the user") {
  for (int stop = 0; stop < 6; ++stop) {
    Driver d;
    d.send(ev::LanguageChosen{Lang::de});
    if (stop > 0) d.send(ev::ServiceChosen{ev::Service::renew});
    if (stop > 1) d.send(ev::BrandChosen{Brand{"orange"}});
    if (stop > 2) { d.type("0470123456"); d.send(ev::NumberSubmitted{}); d.send(ev::SubscriberFound{test::active_subscriber(), test::sample_plans()}); }
    if (stop > 3) d.send(ev::PlanConfirmed{});
    if (stop > 4) d.send(ev::SummaryConfirmed{});
    auto fx = d.send(ev::CancelPressed{});
    CHECK(d.screen() == Screen::cancelled);
    CHECK_FALSE(d.state.session.number);
    CHECK(d.state.session.number_input.empty());
    CHECK(d.state.session.lang == Lang::de);
    CHECK(std::holds_alternative<fx::RequestForgetSession>(fx.back()));
    d.send(ev::FinishPressed{});
    CHECK(d.screen() == Screen::attract);
    CHECK(d.state.session.lang == Lang::en);
  }
}

TEST_CASE("The summary's receipt choice follows the printer") {
  Driver d;
  d.to_plans();
  d.send(ev::PrinterStatusChanged{PrinterStatus::paper_out});
  d.send(ev::PlanConfirmed{});
  CHECK_FALSE(d.state.session.want_receipt);
  d.send(ev::ReceiptToggled{});
  CHECK_FALSE(d.state.session.want_receipt);  // nothing to print on
  CHECK(d.state.session.want_sms);
  d.send(ev::SmsToggled{});
  CHECK_FALSE(d.state.session.want_sms);       // "none" is honoured
  d.send(ev::PrinterStatusChanged{PrinterStatus::ok});
  d.send(ev::ReceiptToggled{});
  CHECK(d.state.session.want_receipt);
}

TEST_CASE("A receipt is printed again by its six-digit code") {
  Driver d;
  d.send(ev::LanguageChosen{Lang::pl});
  d.send(ev::ReprintOpened{});
  CHECK(d.screen() == Screen::reprint);
  d.type("12345");
  auto fx = d.send(ev::NumberSubmitted{});
  CHECK(fx.empty());  // five digits are not a code
  d.type("67");       // the seventh is refused
  CHECK(d.state.session.reprint_input == "123456");
  fx = d.send(ev::NumberSubmitted{});
  REQUIRE(fx.size() == 1);
  CHECK(std::get<fx::RequestReprint>(fx[0]).code == "123456");
  CHECK(std::get<fx::RequestReprint>(fx[0]).lang == Lang::pl);  // for the copy's note
  CHECK_FALSE(back_available(d.state));  // waiting for the journal and the printer
  d.send(ev::DigitPressed{'9'});
  CHECK(d.state.session.reprint_input == "123456");
  d.send(ev::ReprintFinished{false, false});
  CHECK(d.state.session.reprint == Session::ReprintState::not_found);
  d.send(ev::NumberCleared{});
  d.type("654321");
  d.send(ev::NumberSubmitted{});
  d.send(ev::ReprintFinished{true, true});
  CHECK(d.state.session.reprint == Session::ReprintState::printed);
  d.send(ev::FinishPressed{});
  CHECK(d.screen() == Screen::attract);
  CHECK(d.state.session.reprint_input.empty());
}

TEST_CASE("Receipt codes are six digits, stable per reference") {
  CHECK(reprint_code("BE-KIOSK-01-a1b2c3-0001").size() == 6);
  CHECK(reprint_code("BE-KIOSK-01-a1b2c3-0001") == reprint_code("BE-KIOSK-01-a1b2c3-0001"));
  CHECK(reprint_code("BE-KIOSK-01-a1b2c3-0001") != reprint_code("BE-KIOSK-01-a1b2c3-0002"));
}

TEST_CASE("A customer number instead of the phone number, where the operator takes them") {
  Driver d;
  // Not while the catalog says Proximus does not take them.
  BrandCatalog without = test::sample_catalog();
  without.brands[0].customer_numbers = false;
  d.send(ev::CatalogLoaded{without});
  d.to_number();
  d.send(ev::IdentifyByToggled{});
  CHECK_FALSE(d.state.session.by_customer_number);
  d.send(ev::CatalogLoaded{test::sample_catalog()});
  d.type("0470");
  d.send(ev::IdentifyByToggled{});
  CHECK(d.state.session.by_customer_number);
  CHECK(d.state.session.number_input.empty());  // what was typed was a phone number
  d.type("1234567");
  d.send(ev::NumberSubmitted{});
  CHECK(d.screen() == Screen::number);
  CHECK(d.state.session.number_error_key == "number.error.customer_number");
  d.type("8");
  d.send(ev::NumberSubmitted{});
  REQUIRE(d.screen() == Screen::lookup);
  const auto lookups = d.all<fx::RequestLookup>();
  REQUIRE(lookups.size() == 1);
  CHECK(lookups[0].customer_number == "12345678");
  CHECK_FALSE(d.state.session.number);
  SECTION("found: the number it stands for comes with the answer") {
    d.send(ev::SubscriberFound{test::active_subscriber(), test::sample_plans(), MobileNumber{"470123456"}});
    CHECK(d.screen() == Screen::plans);
    REQUIRE(d.state.session.number);
    CHECK(format_mobile(*d.state.session.number) == "0470 12 34 56");
  }
  SECTION("not found: said in the customer number's words") {
    d.send(ev::LookupFailed{ev::LookupError::not_found});
    CHECK(d.screen() == Screen::number);
    CHECK(d.state.session.number_error_key == "number.error.customer_not_found");
  }
  SECTION("the gateway away: trying again asks by the customer number again") {
    d.send(ev::LookupFailed{ev::LookupError::unavailable});
    CHECK(d.screen() == Screen::unavailable);
    d.send(ev::RetryPressed{});
    CHECK(d.screen() == Screen::lookup);
    CHECK(d.all<fx::RequestLookup>().back().customer_number == "12345678");
  }
  SECTION("another operator, which does not take them: back to the phone number") {
    d.send(ev::LookupFailed{ev::LookupError::not_found});
    d.send(ev::BackPressed{});
    d.send(ev::BrandChosen{Brand{"orange"}});
    CHECK_FALSE(d.state.session.by_customer_number);
    d.send(ev::IdentifyByToggled{});
    CHECK_FALSE(d.state.session.by_customer_number);
  }
}

TEST_CASE("A catalog past its last day takes the kiosk out of service and says why, and a newer one brings it back") {
  Driver d;
  BrandCatalog last_day = test::sample_catalog();
  last_day.valid_until = CivilDate{2026, 11, 27};  // the driver's today: still sold from
  d.send(ev::CatalogLoaded{last_day});
  CHECK(d.screen() == Screen::attract);
  d.now += 24 * 3600 * 1000LL;
  d.send(ev::Ticked{d.now, CivilDate{2026, 11, 28}});
  CHECK(d.screen() == Screen::out_of_service);
  CHECK(out_of_service_reason(d.state) == OutOfServiceReason::catalog);
  CHECK(out_of_service_code(out_of_service_reason(d.state)) == "OOS-CATALOG");
  d.send(ev::CatalogLoaded{test::sample_catalog()});
  CHECK(d.screen() == Screen::attract);
  // No catalog at all: nothing to sell either.
  d.send(ev::CatalogLoaded{BrandCatalog{}});
  CHECK(d.screen() == Screen::out_of_service);
}

TEST_CASE("A brand the catalog no longer has keeps the customer's choice and is named by its id") {
  Driver d;
  d.to_number();
  BrandCatalog only_orange = test::sample_catalog();
  only_orange.version = 4;
  only_orange.brands.erase(only_orange.brands.begin());
  d.send(ev::CatalogLoaded{only_orange});
  CHECK(d.state.session.brand == Brand{"proximus"});
  CHECK(brand_name(d.state, Brand{"proximus"}) == "proximus");
  CHECK(brand_name(d.state, Brand{"orange"}) == "Orange");
  CHECK_FALSE(customer_numbers_offered(d.state));
}
