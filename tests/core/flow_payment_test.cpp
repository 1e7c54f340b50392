#include <catch2/catch.hpp>

#include "core/reference.hpp"
#include "drive.hpp"

using namespace kiosk;
using kiosk::test::Driver;

TEST_CASE("Paying by card journals the intent before asking the terminal") {
  Driver d;
  d.to_pay_method();
  auto fx = d.send(ev::PayMethodChosen{PayMethod::card});
  CHECK(d.screen() == Screen::paying);
  REQUIRE(fx.size() == 3);
  const auto& intent = std::get<fx::RequestJournal>(fx[0]).entry;
  CHECK(intent.step == JournalStep::intent);
  CHECK(intent.fields.at("number") == "0470 xx x4 56");
  CHECK(intent.fields.at("amount_cents") == "1000");
  CHECK(intent.number_until_settled == "+32470123456");
  CHECK(std::get<fx::RequestJournal>(fx[1]).entry.step == JournalStep::payment_started);
  const auto& pay = std::get<fx::RequestPayment>(fx[2]);
  CHECK(pay.amount == 1000);
  CHECK(pay.reference == make_reference("BE-KIOSK-01", ReferenceKey{}, 1));
  CHECK(reference_of_kiosk(pay.reference, "BE-KIOSK-01"));
}

TEST_CASE("An approved card payment is delivered, then receipt and SMS follow") {
  Driver d;
  d.to_pay_method();
  d.send(ev::PayMethodChosen{PayMethod::card});
  const std::string ref = d.reference();
  d.send(ev::PaymentPrompted{TerminalPrompt::enter_pin});
  CHECK(d.state.session.prompt == TerminalPrompt::enter_pin);
  auto fx = d.send(ev::PaymentApproved{ref, test::card_receipt()});
  CHECK(d.screen() == Screen::delivering);
  const auto& deliver = std::get<fx::RequestDelivery>(fx.back());
  CHECK(deliver.reference == ref);
  CHECK(deliver.plan_id == "px-basic");
  CHECK(d.state.session.txn->payment.pan_masked == "670300******1234");

  fx = d.send(ev::RenewalDelivered{ref, "PX-778899", CivilDate{2027, 1, 4}});
  CHECK(d.screen() == Screen::done);
  CHECK(d.journal_steps(ref) ==
        std::vector<JournalStep>{JournalStep::intent, JournalStep::payment_started,
                                 JournalStep::payment_approved, JournalStep::delivery_requested,
                                 JournalStep::delivered, JournalStep::sms_requested,
                                 JournalStep::settled});
  const auto receipts = d.all<fx::RequestReceipt>();
  REQUIRE(receipts.size() == 1);
  CHECK(receipts[0].receipt.confirmation_id == "PX-778899");
  CHECK(receipts[0].receipt.number_masked == "0470 xx x4 56");
  CHECK(receipts[0].receipt.lang == Lang::nl);
  CHECK(d.all<fx::RequestSms>().size() == 1);

  d.send(ev::ReceiptPrinted{ref, true});
  CHECK(d.journal_steps(ref).back() == JournalStep::receipt_printed);
  d.send(ev::FinishPressed{});
  CHECK(d.screen() == Screen::attract);
  CHECK_FALSE(d.state.session.txn);
}

TEST_CASE("The receipt itemises the price as the summary did") {
  Driver d;
  d.to_plans();
  d.send(ev::PlanChosen{"px-unlimited"});
  d.send(ev::DurationChosen{3});
  d.send(ev::PlanConfirmed{});
  d.send(ev::SummaryConfirmed{});
  d.send(ev::PayMethodChosen{PayMethod::card});
  const std::string ref = d.reference();
  d.send(ev::PaymentApproved{ref, test::card_receipt()});
  d.send(ev::RenewalDelivered{ref, "PX-778899", CivilDate{2027, 3, 4}});
  const auto receipts = d.all<fx::RequestReceipt>();
  REQUIRE(receipts.size() == 1);
  const ReceiptData& r = receipts[0].receipt;
  CHECK(r.price == 7500);  // 3 × 25,00
  CHECK(r.discount == 750);
  CHECK(r.reactivation_fee == 0);
  CHECK(r.amount == 6750);
  CHECK(r.price - r.discount + r.reactivation_fee == r.amount);
}

TEST_CASE("A declined card can be retried with a new reference, never the same one twice") {
  Driver d;
  d.to_pay_method();
  d.send(ev::PayMethodChosen{PayMethod::card});
  const std::string first = d.reference();
  d.send(ev::PaymentFailed{first, PaymentFailure::declined, 0x05});
  CHECK(d.screen() == Screen::declined);
  CHECK(d.state.session.failure_code == 0x05);
  d.send(ev::RetryPressed{});
  CHECK(d.screen() == Screen::pay_method);
  d.send(ev::PayMethodChosen{PayMethod::wallet});
  CHECK(d.screen() == Screen::wallet);
  CHECK(d.reference() != first);
  CHECK(d.all<fx::RequestPayment>().size() == 2);
}

TEST_CASE("A failed delivery returns the money and says so") {
  Driver d;
  d.to_pay_method();
  d.send(ev::PayMethodChosen{PayMethod::card});
  const std::string ref = d.reference();
  d.send(ev::PaymentApproved{ref, test::card_receipt()});
  auto fx = d.send(ev::RenewalFailed{ref, "operator_rejected"});
  const auto& rev = std::get<fx::RequestReversal>(fx.back());
  CHECK(rev.provider_ref == "1234");
  CHECK(rev.amount == 1000);
  d.send(ev::PaymentReversed{ref, true});
  CHECK(d.screen() == Screen::reversed);
  const auto receipts = d.all<fx::RequestReceipt>();
  REQUIRE(receipts.size() == 1);
  CHECK(receipts[0].receipt.kind == ReceiptData::Kind::refund);
  CHECK(d.all<fx::RequestDelivery>().size() == 1);
}

TEST_CASE("An unknown delivery outcome is kept open, neither reversed nor retried") {
  Driver d;
  const std::string ref = d.to_delivering();
  d.send(ev::RenewalUnknown{ref});
  CHECK(d.screen() == Screen::pending);
  const auto receipts = d.all<fx::RequestReceipt>();
  REQUIRE(receipts.size() == 1);  // proof of payment while the outcome is open
  CHECK(receipts[0].receipt.kind == ReceiptData::Kind::pending);
  CHECK(d.all<fx::RequestReversal>().empty());
  CHECK(d.all<fx::RequestDelivery>().size() == 1);
  CHECK(d.journal_steps(ref).back() == JournalStep::delivery_unknown);
}

TEST_CASE("An answer about another renewal is journaled as such, then asked again by recovery with what was bought") {
  Driver d;
  const std::string ref = d.to_delivering();
  d.send(ev::RenewalUnknown{ref, "answer_mismatch"});
  CHECK(d.screen() == Screen::pending);
  CHECK(d.all<fx::RequestReversal>().empty());
  const auto journaled = d.all<fx::RequestJournal>();
  REQUIRE_FALSE(journaled.empty());
  CHECK(journaled.back().entry.step == JournalStep::delivery_unknown);
  CHECK(journaled.back().entry.fields.at("why") == "answer_mismatch");
  // Recovery asks the gateway again, and says what the answer must be about.
  d.advance(2);
  const auto asks = d.all<fx::RequestRenewalResolve>();
  REQUIRE(asks.size() == 1);
  CHECK(asks[0].reference == ref);
  CHECK(asks[0].brand == Brand{"proximus"});
  CHECK(asks[0].plan_id == d.all<fx::RequestDelivery>()[0].plan_id);
  CHECK(asks[0].amount == d.all<fx::RequestDelivery>()[0].amount);
  CHECK(asks[0].months == d.all<fx::RequestDelivery>()[0].months);
  REQUIRE(asks[0].number);
  CHECK(*asks[0].number == MobileNumber{"470123456"});
  // The same answer again: on record, still open, no money moved.
  d.send(ev::RenewalResolved{ref, ev::RenewalOutcome::unknown, "", {}, "answer_mismatch"});
  CHECK(d.journal_steps(ref).back() == JournalStep::delivery_unknown);
  CHECK(d.all<fx::RequestReversal>().empty());
  CHECK(d.state.open.size() == 1);
}

TEST_CASE("Cancelling on the terminal screen aborts, and a late approval is given back") {
  SECTION("the terminal confirms the abort") {
    Driver d;
    d.to_pay_method();
    d.send(ev::PayMethodChosen{PayMethod::card});
    auto fx = d.send(ev::CancelPressed{});
    CHECK(std::holds_alternative<fx::RequestPaymentAbort>(fx.at(0)));
    CHECK(d.screen() == Screen::paying);  // until the terminal says it stopped
    d.send(ev::PaymentFailed{d.reference(), PaymentFailure::cancelled, 0x6C});
    CHECK(d.screen() == Screen::cancelled);
  }
  SECTION("the card went through before the abort arrived") {
    Driver d;
    d.to_pay_method();
    d.send(ev::PayMethodChosen{PayMethod::card});
    const std::string ref = d.reference();
    d.send(ev::CancelPressed{});
    d.send(ev::PaymentApproved{ref, test::card_receipt()});
    CHECK(d.all<fx::RequestDelivery>().empty());
    CHECK(d.all<fx::RequestReversal>().size() == 1);
    d.send(ev::PaymentReversed{ref, true});
    CHECK(d.screen() == Screen::reversed);
  }
}

TEST_CASE("Reports for another reference never touch the current transaction") {
  Driver d;
  d.to_pay_method();
  d.send(ev::PayMethodChosen{PayMethod::card});
  d.send(ev::PaymentFailed{"other", PaymentFailure::declined, 5});
  CHECK(d.screen() == Screen::paying);
  auto fx = d.send(ev::PaymentApproved{"other", test::card_receipt()});
  CHECK(d.screen() == Screen::paying);
  CHECK(std::get<fx::RequestReversal>(fx.back()).reference == "other");
  d.send(ev::PaymentApproved{d.reference(), test::card_receipt()});
  d.send(ev::PaymentApproved{d.reference(), test::card_receipt()});  // duplicate report
  CHECK(d.all<fx::RequestDelivery>().size() == 1);
}

TEST_CASE("Without a card terminal the kiosk sells by e-wallet only") {
  Driver d;
  d.to_pay_method();
  d.send(ev::TerminalAvailabilityChanged{false});
  d.send(ev::PayMethodChosen{PayMethod::card});
  CHECK(d.screen() == Screen::pay_method);
  d.send(ev::PayMethodChosen{PayMethod::wallet});
  CHECK(d.screen() == Screen::wallet);
  d.send(ev::WalletCodeReady{d.reference(), "QR"});
  CHECK(d.state.session.txn->wallet_qr == "QR");
}

TEST_CASE("With the card terminal away before anyone starts, the kiosk sells by phone alone") {
  Driver d;
  d.send(ev::TerminalAvailabilityChanged{false});
  CHECK(d.screen() == Screen::attract);
  CHECK(out_of_service_reason(d.state) == OutOfServiceReason::none);
  d.to_pay_method();
  d.send(ev::PayMethodChosen{PayMethod::card});
  CHECK(d.screen() == Screen::pay_method);
  d.send(ev::PayMethodChosen{PayMethod::wallet});
  CHECK(d.screen() == Screen::wallet);
}

TEST_CASE("A kiosk without an e-wallet does not offer it") {
  Driver d;
  d.state.settings.wallet_enabled = false;
  d.to_pay_method();
  d.send(ev::PayMethodChosen{PayMethod::wallet});
  CHECK(d.screen() == Screen::pay_method);
  CHECK_FALSE(d.state.session.txn);
}

TEST_CASE("A journal that cannot write stops the sale before any money moves") {
  Driver d;
  d.to_pay_method();
  d.send(ev::PayMethodChosen{PayMethod::card});
  d.send(ev::JournalFailed{d.reference()});
  CHECK(d.screen() == Screen::unavailable);
  CHECK_FALSE(d.state.journal_ok);
  d.send(ev::FinishPressed{});
  CHECK(d.screen() == Screen::out_of_service);
}

namespace {
// A receipt-only renewal paid by card and delivered; returns the reference.
std::string delivered_receipt_only(Driver& d) {
  d.to_plans();
  d.send(ev::PlanConfirmed{});
  d.send(ev::SmsToggled{});  // receipt only
  d.send(ev::SummaryConfirmed{});
  d.send(ev::PayMethodChosen{PayMethod::card});
  const std::string ref = d.reference();
  d.send(ev::PaymentApproved{ref, test::card_receipt()});
  d.send(ev::RenewalDelivered{ref, "C1", CivilDate{2027, 1, 4}});
  return ref;
}
}  // namespace

TEST_CASE("A receipt that fails to print: said on the done screen, the SMS offered, sent once if asked") {
  Driver d;
  const std::string ref = delivered_receipt_only(d);
  CHECK(d.all<fx::RequestSms>().empty());
  d.send(ev::ReceiptPrinted{ref, false});
  CHECK(d.state.session.txn->receipt_failed);
  CHECK(d.all<fx::RequestSms>().empty());  // turned off: not sent unasked
  CHECK(sms_can_stand_in(d.state));
  d.send(ev::SmsInsteadAsked{});
  const auto sms = d.all<fx::RequestSms>();
  REQUIRE(sms.size() == 1);
  CHECK(sms[0].receipt.kind == ReceiptData::Kind::renewal);
  CHECK(sms[0].receipt.confirmation_id == "C1");
  CHECK(d.journal_steps(ref).back() == JournalStep::sms_requested);
  CHECK_FALSE(sms_can_stand_in(d.state));
  d.send(ev::SmsInsteadAsked{});
  d.send(ev::ReceiptPrinted{ref, false});
  CHECK(d.all<fx::RequestSms>().size() == 1);
  CHECK(d.screen() == Screen::done);
}

TEST_CASE("Paper that runs out during the payment: no receipt is asked for, the done screen offers the SMS") {
  Driver d;
  d.to_plans();
  d.send(ev::PlanConfirmed{});
  d.send(ev::SmsToggled{});
  d.send(ev::SummaryConfirmed{});
  d.send(ev::PayMethodChosen{PayMethod::card});
  const std::string ref = d.reference();
  d.send(ev::PrinterStatusChanged{PrinterStatus::paper_out});
  d.send(ev::PaymentApproved{ref, test::card_receipt()});
  d.send(ev::RenewalDelivered{ref, "C1", CivilDate{2027, 1, 4}});
  CHECK(d.screen() == Screen::done);
  CHECK(d.all<fx::RequestReceipt>().empty());
  CHECK(d.state.session.txn->receipt_failed);
  CHECK(d.journal_steps(ref).back() == JournalStep::receipt_failed);
  CHECK(sms_can_stand_in(d.state));
}

TEST_CASE("The SMS is offered only where nothing else carries the proof") {
  SECTION("the receipt printed") {
    Driver d;
    const std::string ref = delivered_receipt_only(d);
    d.send(ev::ReceiptPrinted{ref, true});
    CHECK_FALSE(sms_can_stand_in(d.state));
    d.send(ev::SmsInsteadAsked{});
    CHECK(d.all<fx::RequestSms>().empty());
  }
  SECTION("the SMS was chosen already") {
    Driver d;
    const std::string ref = d.to_done();
    d.send(ev::ReceiptPrinted{ref, false});
    CHECK(d.state.session.txn->receipt_failed);
    CHECK_FALSE(sms_can_stand_in(d.state));
    d.send(ev::SmsInsteadAsked{});
    CHECK(d.all<fx::RequestSms>().size() == 1);
  }
}

namespace {
// A session paid on a terminal that holds the payment, approved and waiting for delivery.
Driver approved_on_holding_terminal(PayMethod method) {
  Driver d;
  d.state.settings.terminal_holds_payment = true;
  d.to_pay_method();
  d.send(ev::PayMethodChosen{method});
  d.send(ev::PaymentApproved{d.reference(), test::card_receipt()});
  return d;
}
}  // namespace

TEST_CASE("A terminal that holds the payment is told to take it or give it back") {
  SECTION("delivered: the held payment is taken") {
    Driver d = approved_on_holding_terminal(PayMethod::card);
    d.send(ev::RenewalDelivered{d.reference(), "C1", CivilDate{2027, 1, 4}});
    const auto settles = d.all<fx::RequestPaymentSettle>();
    REQUIRE(settles.size() == 1);
    CHECK(settles[0].delivered);
    CHECK(d.screen() == Screen::done);
  }
  SECTION("not delivered: the terminal is refused, which returns the money; no reversal is sent") {
    Driver d = approved_on_holding_terminal(PayMethod::card);
    d.send(ev::RenewalFailed{d.reference(), "operator_rejected"});
    const auto settles = d.all<fx::RequestPaymentSettle>();
    REQUIRE(settles.size() == 1);
    CHECK_FALSE(settles[0].delivered);
    CHECK(d.all<fx::RequestReversal>().empty());
    d.send(ev::PaymentReversed{d.reference(), true});
    CHECK(d.screen() == Screen::reversed);
  }
  SECTION("the e-wallet is not held: it is reversed as before") {
    Driver d = approved_on_holding_terminal(PayMethod::wallet);
    d.send(ev::RenewalFailed{d.reference(), "operator_rejected"});
    CHECK(d.all<fx::RequestReversal>().size() == 1);
    CHECK(d.all<fx::RequestPaymentSettle>().empty());
  }
}

TEST_CASE("An expiry reminder is offered on the done screen, asked once, and not where it cannot come in time") {
  SECTION("asked: one reminder, for the new end date, the configured days before") {
    Driver d;
    const std::string ref = d.to_done();
    REQUIRE(reminder_offered(d.state));
    CHECK(reminder_date(d.state) == CivilDate{2027, 1, 1});
    d.send(ev::ReminderAsked{});
    d.send(ev::ReminderAsked{});
    const auto reminders = d.all<fx::RequestReminder>();
    REQUIRE(reminders.size() == 1);
    CHECK(reminders[0].days_before == 3);
    CHECK(reminders[0].receipt.valid_until == CivilDate{2027, 1, 4});
    CHECK(reminders[0].receipt.reference == ref);
    CHECK(format_mobile(reminders[0].number) == "0470 12 34 56");
    d.send(ev::FinishPressed{});
    CHECK_FALSE(d.state.session.reminder_asked);  // the next customer starts without one
  }
  SECTION("the plan ends too soon for a reminder, or reminders are off: not offered") {
    Driver d;
    d.state.settings.reminder_days_before = 3;
    d.to_done(CivilDate{2026, 11, 30});  // three days after the driver's day
    CHECK_FALSE(reminder_offered(d.state));
    d.send(ev::ReminderAsked{});
    CHECK(d.all<fx::RequestReminder>().empty());
    d.state.settings.reminder_days_before = 0;
    d.state.session.txn->new_expiry = add_days(d.state.today, 60);
    CHECK_FALSE(reminder_offered(d.state));
  }
  SECTION("nothing delivered: no reminder") {
    Driver d;
    d.to_pay_method();
    d.send(ev::PayMethodChosen{PayMethod::card});
    d.send(ev::PaymentFailed{d.reference(), PaymentFailure::declined, 5});
    CHECK_FALSE(reminder_offered(d.state));
    d.send(ev::ReminderAsked{});
    CHECK(d.all<fx::RequestReminder>().empty());
  }
}

TEST_CASE("A wallet code nobody pays is withdrawn after the wallet time, and the wallet asked before saying so") {
  Driver d;
  d.to_pay_method();
  d.send(ev::PayMethodChosen{PayMethod::wallet});
  const std::string ref = d.reference();
  d.send(ev::WalletCodeReady{ref, "https://payconiq.com/pay/2/5f91483d78a74914bc6f0a1b", "5f91483d78a74914bc6f0a1b", 600});
  d.advance(d.state.settings.wallet_timeout_s - 1);
  CHECK(d.all<fx::RequestPaymentAbort>().empty());
  CHECK(d.screen() == Screen::wallet);
  d.advance(2);
  REQUIRE(d.all<fx::RequestPaymentAbort>().size() == 1);
  CHECK(d.state.session.txn->phase == Transaction::Phase::aborting);
  d.advance(5);
  CHECK(d.all<fx::RequestPaymentAbort>().size() == 1);  // asked once
  d.send(ev::PaymentFailed{ref, PaymentFailure::cancelled, 0});
  CHECK(d.screen() == Screen::cancelled);
}
