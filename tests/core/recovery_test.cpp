// Recovery: what an earlier run left unsettled, and what the network left open in this one.
#include <catch2/catch.hpp>

#include <algorithm>

#include "drive.hpp"

using namespace kiosk;
using test::Driver;

namespace {

using S = JournalStep;

// A journal record as the app reads it back: an intent with the customer's choices, then steps.
JournalRecord record(const std::string& reference, std::vector<JournalStep> steps,
                     std::map<std::string, std::string> extra = {}) {
  JournalRecord r;
  r.reference = reference;
  r.steps = {S::intent};
  r.steps.insert(r.steps.end(), steps.begin(), steps.end());
  r.fields = {{"brand", "proximus"}, {"number", "0470 12 x4 56"}, {"plan", "px-basic"}, {"plan_name", "Pay&Go Basic"},
              {"months", "1"},       {"amount_cents", "1000"},       {"method", "card"},  {"lang", "fr"},
              {"valid_until", "2027-01-05"}};
  for (const auto& [k, v] : extra) r.fields[k] = v;
  r.number = "+32470123456";
  return r;
}

bool ends_settled(const Driver& d, const std::string& ref) {
  const auto steps = d.journal_steps(ref);
  return !steps.empty() && steps.back() == S::settled;
}

template <typename T>
std::size_t count_of(const std::vector<Effect>& fx) {
  return static_cast<std::size_t>(std::count_if(fx.begin(), fx.end(), [](const Effect& e) { return std::holds_alternative<T>(e); }));
}

}  // namespace

TEST_CASE("What each journal record needs, read from its steps") {
  const KioskSettings settings;
  using N = OpenTransaction::Need;
  const auto need = [&](std::vector<JournalStep> steps) {
    return open_transaction_from(record("R", std::move(steps), {{"receipt_no", "41"}}), settings)->need;
  };
  CHECK_FALSE(open_transaction_from(record("R", {S::payment_started, S::payment_failed, S::settled}), settings));
  CHECK(need({}) == N::close);
  CHECK(need({S::payment_started}) == N::payment_outcome);
  CHECK(need({S::payment_started, S::payment_failed}) == N::close);
  CHECK(need({S::payment_started, S::payment_approved}) == N::give_back);
  CHECK(need({S::payment_started, S::payment_approved, S::delivery_requested}) == N::delivery_outcome);
  CHECK(need({S::payment_started, S::payment_approved, S::delivery_requested, S::delivery_unknown}) ==
        N::delivery_outcome);
  CHECK(need({S::payment_started, S::payment_approved, S::delivery_requested, S::delivered}) == N::close);
  CHECK(need({S::payment_started, S::payment_approved, S::delivery_requested, S::delivery_failed,
              S::reversal_requested}) == N::give_back);
  CHECK(need({S::payment_started, S::payment_approved, S::reversal_requested, S::reversal_failed}) == N::give_back);
  CHECK(need({S::payment_started, S::payment_approved, S::reversal_requested, S::reversed}) == N::close);
  // A held payment the terminal gave back on its own while the delivery was unknown: the
  // delivery still has to be closed before anything is said.
  CHECK(need({S::payment_started, S::payment_approved, S::delivery_requested, S::delivery_unknown, S::reversed}) ==
        N::delivery_outcome);

  const auto t = open_transaction_from(record("R", {S::payment_started, S::payment_approved}, {{"receipt_no", "41"}}),
                                       settings);
  CHECK(t->receipt.lang == Lang::fr);
  CHECK(t->receipt.payment.provider_ref == "41");
  CHECK(t->amount == 1000);
  REQUIRE(t->number);
  CHECK(e164(*t->number) == "+32470123456");
}

TEST_CASE("A payment the kiosk lost track of: the terminal is asked before anyone can buy") {
  Driver d;
  d.send(ev::JournalReadBack{{record("OLD-1", {S::payment_started})}});
  CHECK(d.screen() == Screen::out_of_service);
  const auto lookups = d.all<fx::RequestPaymentLookup>();
  REQUIRE(lookups.size() == 1);
  CHECK(lookups[0].reference == "OLD-1");
  CHECK(lookups[0].amount == 1000);

  SECTION("taken: the money goes back, and the customer is told on paper and by SMS") {
    d.send(ev::PaymentLookedUp{"OLD-1", ev::PaymentLookup::taken, test::card_receipt()});
    const auto reversals = d.all<fx::RequestReversal>();
    REQUIRE(reversals.size() == 1);
    CHECK(reversals[0].provider_ref == test::card_receipt().provider_ref);
    CHECK(d.all<fx::RequestDelivery>().empty());  // recovery never delivers late
    CHECK(d.screen() == Screen::out_of_service);
    d.send(ev::PaymentReversed{"OLD-1", true});
    CHECK(d.journal_steps("OLD-1") ==
          std::vector<JournalStep>{S::payment_approved, S::reversal_requested, S::reversed, S::sms_requested, S::settled});
    REQUIRE(d.all<fx::RequestReceipt>().size() == 1);
    CHECK(d.all<fx::RequestReceipt>()[0].receipt.kind == ReceiptData::Kind::refund);
    CHECK(d.all<fx::RequestReceipt>()[0].receipt.lang == Lang::fr);
    CHECK(d.all<fx::RequestReceipt>()[0].receipt.payment.pan_masked == mask_pan("6703001234561234"));
    REQUIRE(d.all<fx::RequestSms>().size() == 1);
    CHECK(e164(d.all<fx::RequestSms>()[0].number) == "+32470123456");
    CHECK(d.screen() == Screen::attract);
  }
  SECTION("not taken: settled, with a receipt that says nothing was charged") {
    d.send(ev::PaymentLookedUp{"OLD-1", ev::PaymentLookup::not_taken, {}});
    CHECK(ends_settled(d, "OLD-1"));
    REQUIRE(d.all<fx::RequestReceipt>().size() == 1);
    CHECK(d.all<fx::RequestReceipt>()[0].receipt.kind == ReceiptData::Kind::not_charged);
    CHECK(d.all<fx::RequestReversal>().empty());
    CHECK(d.screen() == Screen::attract);
  }
  SECTION("the terminal cannot say: asked again after a backoff, never guessed") {
    d.send(ev::PaymentLookedUp{"OLD-1", ev::PaymentLookup::unknown, {}});
    CHECK(d.journal_steps("OLD-1").empty());
    d.advance(0);
    CHECK(d.all<fx::RequestPaymentLookup>().size() == 1);
    d.advance(2);
    CHECK(d.all<fx::RequestPaymentLookup>().size() == 2);
    CHECK(d.screen() == Screen::out_of_service);
  }
}

TEST_CASE("A delivery whose answer was lost is closed at the gateway before anything is decided") {
  Driver d;
  d.send(ev::JournalReadBack{{record("OLD-2", {S::payment_started, S::payment_approved, S::delivery_requested},
                                     {{"receipt_no", "7"}})}});
  REQUIRE(d.all<fx::RequestRenewalResolve>().size() == 1);
  // Only the network is awaited: the kiosk sells meanwhile.
  CHECK(d.screen() == Screen::attract);

  SECTION("delivered: the renewal stands, the money stays taken") {
    d.send(ev::RenewalResolved{"OLD-2", ev::RenewalOutcome::delivered, "PXM-100001", CivilDate{2027, 1, 5}});
    CHECK(d.all<fx::RequestReversal>().empty());
    CHECK(ends_settled(d, "OLD-2"));
    REQUIRE(d.all<fx::RequestReceipt>().size() == 1);
    CHECK(d.all<fx::RequestReceipt>()[0].receipt.kind == ReceiptData::Kind::renewal);
    CHECK(d.all<fx::RequestReceipt>()[0].receipt.confirmation_id == "PXM-100001");
  }
  SECTION("closed undelivered: the money goes back by receipt number") {
    d.send(ev::RenewalResolved{"OLD-2", ev::RenewalOutcome::closed_undelivered, "", {}});
    REQUIRE(d.all<fx::RequestReversal>().size() == 1);
    CHECK(d.all<fx::RequestReversal>()[0].provider_ref == "7");
    SECTION("a failed reversal is asked again, and the second one counts") {
      d.send(ev::PaymentReversed{"OLD-2", false});
      CHECK_FALSE(ends_settled(d, "OLD-2"));
      d.advance(2);
      CHECK(d.all<fx::RequestReversal>().size() == 2);
      d.send(ev::PaymentReversed{"OLD-2", true});
    }
    SECTION("reversed at once") { d.send(ev::PaymentReversed{"OLD-2", true}); }
    CHECK(ends_settled(d, "OLD-2"));
    CHECK(d.state.open.empty());
  }
  SECTION("the gateway is down: asked again, with growing pauses") {
    d.send(ev::RenewalResolved{"OLD-2", ev::RenewalOutcome::unknown, "", {}});
    d.advance(1);
    CHECK(d.all<fx::RequestRenewalResolve>().size() == 2);
    d.send(ev::RenewalResolved{"OLD-2", ev::RenewalOutcome::unknown, "", {}});
    d.advance(1);
    CHECK(d.all<fx::RequestRenewalResolve>().size() == 2);  // the second pause is longer
    d.advance(1);
    CHECK(d.all<fx::RequestRenewalResolve>().size() == 3);
    CHECK(d.all<fx::RequestReversal>().empty());
  }
}

TEST_CASE("Records that only need telling are told once and settled") {
  Driver d;
  d.send(ev::JournalReadBack{{record("OLD-3", {S::payment_started, S::payment_approved, S::delivery_requested,
                                               S::delivered},
                                     {{"confirmation_id", "PXM-1"}, {"new_expiry", "2027-01-05"}}),
                              record("OLD-4", {})}});
  CHECK(ends_settled(d, "OLD-3"));
  CHECK(ends_settled(d, "OLD-4"));
  CHECK(d.all<fx::RequestRenewalResolve>().empty());
  CHECK(d.all<fx::RequestPaymentLookup>().empty());
  const auto receipts = d.all<fx::RequestReceipt>();
  REQUIRE(receipts.size() == 2);
  CHECK(receipts[0].receipt.kind == ReceiptData::Kind::renewal);
  CHECK(receipts[1].receipt.kind == ReceiptData::Kind::not_charged);
  CHECK(d.screen() == Screen::attract);
}

TEST_CASE("The SMS goes out before the record that erases the number") {
  Driver d;
  const auto fx = d.send(ev::JournalReadBack{{record("OLD-5", {S::payment_started, S::payment_failed})}});
  std::size_t sms_at = fx.size(), settled_at = fx.size();
  for (std::size_t i = 0; i < fx.size(); ++i) {
    if (std::holds_alternative<fx::RequestSms>(fx[i])) sms_at = i;
    if (const auto* j = std::get_if<fx::RequestJournal>(&fx[i]); j && j->entry.step == S::settled) settled_at = i;
  }
  CHECK(sms_at < settled_at);
  CHECK(count_of<fx::RequestSms>(fx) == 1);
}

TEST_CASE("A delivery left unknown in this run is resolved in the background while the kiosk sells") {
  Driver d;
  const std::string ref = d.to_delivering();
  d.send(ev::RenewalUnknown{ref});
  CHECK(d.screen() == Screen::pending);
  d.send(ev::FinishPressed{});
  CHECK(d.screen() == Screen::attract);
  CHECK(d.all<fx::RequestRenewalResolve>().empty());  // not at once: the network just failed
  d.advance(2);
  REQUIRE(d.all<fx::RequestRenewalResolve>().size() == 1);
  d.send(ev::RenewalResolved{ref, ev::RenewalOutcome::closed_undelivered, "", {}});
  REQUIRE(d.all<fx::RequestReversal>().size() == 1);
  d.send(ev::PaymentReversed{ref, true});
  CHECK(ends_settled(d, ref));
  // The customer left with the "being confirmed" receipt: the outcome comes by SMS, not paper.
  const auto receipts = d.all<fx::RequestReceipt>();
  REQUIRE(receipts.size() == 1);
  CHECK(receipts[0].receipt.kind == ReceiptData::Kind::pending);
  const auto sms = d.all<fx::RequestSms>();
  REQUIRE_FALSE(sms.empty());
  CHECK(sms.back().receipt.kind == ReceiptData::Kind::refund);
}

TEST_CASE("The outbox gives way to recovery only while it has a question out or due") {
  Driver d;
  const std::string ref = d.to_delivering();
  CHECK_FALSE(recovery_asking(d.state));
  d.send(ev::RenewalUnknown{ref});
  d.send(ev::FinishPressed{});
  CHECK_FALSE(recovery_asking(d.state));  // waiting out its backoff: the outbox may go on
  d.advance(2);
  REQUIRE(d.all<fx::RequestRenewalResolve>().size() == 1);
  CHECK(recovery_asking(d.state));  // the question is out
  d.send(ev::RenewalResolved{ref, ev::RenewalOutcome::unknown, "", {}});
  CHECK_FALSE(recovery_asking(d.state));  // no answer: asked again later
  d.advance(60);
  d.send(ev::RenewalResolved{ref, ev::RenewalOutcome::closed_undelivered, "", {}});
  d.send(ev::PaymentReversed{ref, true});
  CHECK(ends_settled(d, ref));
  CHECK_FALSE(recovery_asking(d.state));
}

TEST_CASE("A payment the terminal could not confirm: never called declined, asked again, given back") {
  Driver d;
  d.to_pay_method();
  d.send(ev::PayMethodChosen{PayMethod::card});
  const std::string ref = d.reference();
  d.send(ev::PaymentUnknown{ref});
  CHECK(d.screen() == Screen::pending);
  CHECK(payment_outcome_unknown(d.state));
  CHECK(d.journal_steps(ref).back() == S::payment_unknown);
  d.send(ev::FinishPressed{});
  // The terminal must answer for this payment before it takes another card.
  CHECK(d.screen() == Screen::out_of_service);
  CHECK(out_of_service_reason(d.state) == OutOfServiceReason::recovering);
  d.advance(2);
  REQUIRE(d.all<fx::RequestPaymentLookup>().size() == 1);
  d.send(ev::PaymentLookedUp{ref, ev::PaymentLookup::taken, test::card_receipt()});
  REQUIRE(d.all<fx::RequestReversal>().size() == 1);
  d.send(ev::PaymentReversed{ref, true, "1300"});
  CHECK(ends_settled(d, ref));
  CHECK(d.screen() == Screen::attract);
  REQUIRE_FALSE(d.all<fx::RequestSms>().empty());
  CHECK(d.all<fx::RequestSms>().back().receipt.kind == ReceiptData::Kind::refund);
  // The reversal's own provider reference is journaled, for later lookups.
  bool journaled = false;
  for (const auto& j : d.all<fx::RequestJournal>())
    if (j.entry.reference == ref && j.entry.step == S::reversed)
      journaled = j.entry.fields.count("reversal_ref") && j.entry.fields.at("reversal_ref") == "1300";
  CHECK(journaled);
}

TEST_CASE("A damaged field stops recovery for that transaction and says which, never 0 cents") {
  // A brand is any id a catalog gives, so a damaged one is one that is no id at all; a well-formed
  // id the gateway never saw with this reference is refused by the gateway when recovery asks.
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"amount_cents", "10O0"}, {"amount_cents", ""}, {"amount_cents", "-5"}, {"receipt_no", "12ab"}, {"provider_ref", "a b"},
           {"months", "0"}, {"brand", "prox\u00efmus"}, {"method", "cash"}, {"valid_until", "2027-13-45"}}) {
    INFO(key << "=" << value);
    Driver d;
    JournalRecord damaged = record("OLD-1", {S::payment_started, S::payment_approved, S::delivery_requested},
                                   {{key, value}});
    d.send(ev::JournalReadBack{{damaged, record("OLD-2", {S::payment_started})}});
    REQUIRE(d.state.open.size() == 2);
    const OpenTransaction& t = d.state.open[0];
    CHECK(t.need == OpenTransaction::Need::technician);
    CHECK(t.damaged.find(key) == 0);
    // Nothing is asked about the damaged one, now or later; the sound one goes on.
    d.advance(600);
    for (const auto& r : d.all<fx::RequestRenewalResolve>()) CHECK(r.reference != "OLD-1");
    for (const auto& r : d.all<fx::RequestReversal>()) CHECK(r.reference != "OLD-1");
    CHECK(d.journal_steps("OLD-1").empty());
    CHECK(d.all<fx::RequestPaymentLookup>().size() == 1);
  }
  SECTION("a missing amount is damage too") {
    Driver d;
    JournalRecord r = record("OLD-3", {S::payment_started, S::payment_approved});
    r.fields.erase("amount_cents");
    d.send(ev::JournalReadBack{{r}});
    REQUIRE(d.state.open.size() == 1);
    CHECK(d.state.open[0].need == OpenTransaction::Need::technician);
    CHECK(d.all<fx::RequestReversal>().empty());
  }
}

TEST_CASE("Many open transactions are asked a few at a time, oldest first, each answer asking the next") {
  Driver d;
  std::vector<JournalRecord> left;
  for (int i = 0; i < 20; ++i)
    left.push_back(record("OLD-" + std::to_string(i), {S::payment_started, S::payment_approved, S::delivery_requested},
                          {{"receipt_no", std::to_string(100 + i)}}));
  d.send(ev::JournalReadBack{left});
  const auto asked = [&] {
    std::vector<std::string> refs;
    for (const auto& r : d.all<fx::RequestRenewalResolve>()) refs.push_back(r.reference);
    return refs;
  };
  REQUIRE(asked().size() == 8);  // not twenty at once
  CHECK(asked().front() == "OLD-0");
  CHECK(asked().back() == "OLD-7");
  // Time alone asks no more while eight are out.
  d.advance(5);
  CHECK(asked().size() == 8);
  // Each answer frees a place for the next, in journal order.
  for (int i = 0; i < 20; ++i) {
    d.send(ev::RenewalResolved{"OLD-" + std::to_string(i), ev::RenewalOutcome::delivered, "PXM-" + std::to_string(i),
                               CivilDate{2027, 1, 5}});
    CHECK(asked().size() == static_cast<std::size_t>(std::min(20, i + 9)));
  }
  CHECK(asked().back() == "OLD-19");
  for (int i = 0; i < 20; ++i) CHECK(ends_settled(d, "OLD-" + std::to_string(i)));
  CHECK(d.state.open.empty());
}

TEST_CASE("The customer still on \"still confirming\" sees the outcome once recovery has it") {
  SECTION("delivered: the done screen, with the confirmation and the receipt asked for") {
    Driver d;
    const std::string ref = d.to_delivering();
    d.send(ev::RenewalUnknown{ref});
    CHECK(d.screen() == Screen::pending);
    d.advance(2);
    REQUIRE(d.all<fx::RequestRenewalResolve>().size() == 1);
    d.send(ev::RenewalResolved{ref, ev::RenewalOutcome::delivered, "C9", CivilDate{2027, 1, 4}});
    CHECK(ends_settled(d, ref));
    CHECK(d.screen() == Screen::done);
    REQUIRE(d.state.session.txn);
    CHECK(d.state.session.txn->confirmation_id == "C9");
    CHECK(d.state.session.txn->new_expiry == CivilDate{2027, 1, 4});
    const auto receipts = d.all<fx::RequestReceipt>();
    REQUIRE(receipts.size() == 2);  // "being confirmed", then the renewal
    CHECK(receipts[1].receipt.kind == ReceiptData::Kind::renewal);
    CHECK(receipts[1].receipt.confirmation_id == "C9");
    CHECK(d.all<fx::RequestSms>().back().receipt.kind == ReceiptData::Kind::renewal);
  }
  SECTION("closed undelivered: the money goes back and the screen says so") {
    Driver d;
    const std::string ref = d.to_delivering();
    d.send(ev::RenewalUnknown{ref});
    d.advance(2);
    d.send(ev::RenewalResolved{ref, ev::RenewalOutcome::closed_undelivered, "", {}});
    CHECK(d.screen() == Screen::pending);  // not yet: the reversal is under way
    d.send(ev::PaymentReversed{ref, true});
    CHECK(ends_settled(d, ref));
    CHECK(d.screen() == Screen::reversed);
    CHECK(d.all<fx::RequestReceipt>().back().receipt.kind == ReceiptData::Kind::refund);
  }
  SECTION("a payment the terminal never took: declined, nothing charged, another try offered") {
    Driver d;
    d.to_pay_method();
    d.send(ev::PayMethodChosen{PayMethod::card});
    const std::string ref = d.reference();
    d.send(ev::PaymentUnknown{ref});
    d.advance(2);
    d.send(ev::PaymentLookedUp{ref, ev::PaymentLookup::not_taken, {}});
    CHECK(ends_settled(d, ref));
    CHECK(d.screen() == Screen::declined);
    d.send(ev::RetryPressed{});
    CHECK(d.screen() == Screen::pay_method);
  }
  SECTION("an answer that says nothing keeps the screen; help over it moves on once closed") {
    Driver d;
    const std::string ref = d.to_delivering();
    d.send(ev::RenewalUnknown{ref});
    d.advance(2);
    d.send(ev::RenewalResolved{ref, ev::RenewalOutcome::unknown, "", {}});
    CHECK(d.screen() == Screen::pending);
    d.send(ev::HelpOpened{});
    d.send(ev::RenewalResolved{ref, ev::RenewalOutcome::delivered, "C9", CivilDate{2027, 1, 4}});
    CHECK(d.screen() == Screen::help);
    d.send(ev::OverlayClosed{});
    CHECK(d.screen() == Screen::done);
  }
  SECTION("a customer who has left is not followed: the next session is untouched") {
    Driver d;
    const std::string ref = d.to_delivering();
    d.send(ev::RenewalUnknown{ref});
    d.send(ev::FinishPressed{});
    d.to_number();
    d.advance(2);
    d.send(ev::RenewalResolved{ref, ev::RenewalOutcome::delivered, "C9", CivilDate{2027, 1, 4}});
    CHECK(ends_settled(d, ref));
    CHECK(d.screen() == Screen::number);
  }
}

TEST_CASE("A wallet payment confirmed after the customer was told it failed goes back, followed until home") {
  Driver d;
  d.to_pay_method();
  d.send(ev::PayMethodChosen{PayMethod::wallet});
  const std::string ref = d.reference();
  d.send(ev::WalletCodeReady{ref, "https://payconiq.com/pay/2/5f91483d78a74914bc6f0a1b", "5f91483d78a74914bc6f0a1b", 120});
  bool created = false;
  for (const auto& j : d.all<fx::RequestJournal>())
    created |= j.entry.step == S::payment_created && j.entry.fields.at("provider_ref") == "5f91483d78a74914bc6f0a1b";
  CHECK(created);
  CHECK(wallet_seconds_left(d.state) == 120);
  d.send(ev::CancelPressed{});
  d.send(ev::PaymentFailed{ref, PaymentFailure::cancelled, 0});
  CHECK(d.screen() == Screen::cancelled);
  PaymentReceipt late;
  late.card_type = "Bancontact Pay";
  late.provider_ref = "5f91483d78a74914bc6f0a1b";
  d.send(ev::PaymentApproved{ref, late, PayMethod::wallet});
  REQUIRE(d.all<fx::RequestReversal>().size() == 1);
  const fx::RequestReversal rev = d.all<fx::RequestReversal>()[0];
  CHECK(rev.provider_ref == "5f91483d78a74914bc6f0a1b");
  CHECK(rev.method == PayMethod::wallet);
  CHECK(rev.amount == d.state.session.txn->amount);
  CHECK(d.screen() == Screen::cancelled);  // the customer's screen is left alone
  REQUIRE(d.state.open.size() == 1);
  // The refund did not go through: asked again after a while, never dropped.
  d.send(ev::PaymentReversed{ref, false});
  CHECK(d.state.open.size() == 1);
  d.advance(600);
  REQUIRE(d.all<fx::RequestReversal>().size() == 2);
  d.send(ev::PaymentReversed{ref, true, "a1b2c3d4e5f6a7b8c9d0e1f2"});
  CHECK(d.state.open.empty());
  CHECK(ends_settled(d, ref));
}

TEST_CASE("Money taken after a transaction was settled opens it again for recovery") {
  KioskSettings settings;
  const auto t = open_transaction_from(
      record("R", {S::payment_started, S::payment_created, S::payment_failed, S::settled, S::payment_approved},
             {{"method", "wallet"}, {"provider_ref", "5f91483d78a74914bc6f0a1b"}}),
      settings);
  REQUIRE(t);
  CHECK(t->need == OpenTransaction::Need::give_back);
  CHECK(t->money_taken);
  CHECK(t->method == PayMethod::wallet);
  CHECK(t->receipt.payment.provider_ref == "5f91483d78a74914bc6f0a1b");
  // Given back and settled again: nothing is owed.
  CHECK_FALSE(open_transaction_from(record("R", {S::payment_started, S::payment_failed, S::settled, S::payment_approved,
                                                 S::reversal_requested, S::reversed, S::settled}),
                                    settings));
}

TEST_CASE("The technician's retry asks recovery's questions now instead of after the pause") {
  Driver d;
  d.send(ev::JournalReadBack{{record("OLD-7", {S::payment_started, S::payment_approved, S::delivery_requested},
                                     {{"receipt_no", "7"}})}});
  REQUIRE(d.all<fx::RequestRenewalResolve>().size() == 1);
  // Three answers that said nothing: the next question waits several seconds.
  for (int i = 0; i < 3; ++i) {
    d.send(ev::RenewalResolved{"OLD-7", ev::RenewalOutcome::unknown, "", {}});
    d.advance(30);
  }
  d.send(ev::RenewalResolved{"OLD-7", ev::RenewalOutcome::unknown, "", {}});
  const std::size_t asked = d.all<fx::RequestRenewalResolve>().size();
  d.advance(1);
  CHECK(d.all<fx::RequestRenewalResolve>().size() == asked);
  d.send(ev::RecoveryRetryAsked{});
  CHECK(d.all<fx::RequestRenewalResolve>().size() == asked + 1);
  // Not twice while the question is out.
  d.send(ev::RecoveryRetryAsked{});
  CHECK(d.all<fx::RequestRenewalResolve>().size() == asked + 1);
}
