// Long random event sequences against the properties that protect the customer's money.
#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <set>

#include "drive.hpp"

using namespace kiosk;
using kiosk::test::Driver;

namespace {

Event random_event(std::mt19937& rng, const Driver& d) {
  const std::string ref = d.reference();
  const std::string some_ref = (rng() % 4 == 0) ? "stale-ref" : ref;
  switch (rng() % 39) {
    case 38: return ev::PaymentUnknown{some_ref};
    case 36: return ev::RenewalResolved{some_ref, static_cast<ev::RenewalOutcome>(rng() % 3), "C", CivilDate{2027, 1, 1}};
    case 37: return ev::PaymentLookedUp{some_ref, static_cast<ev::PaymentLookup>(rng() % 3), test::card_receipt()};
    case 34: return ev::ReprintOpened{};
    case 35: return ev::ReprintFinished{rng() % 2 == 0, rng() % 2 == 0};
    case 0: return ev::LanguageChosen{all_langs[rng() % all_langs.size()]};
    case 1: return ev::LanguageSwitchOpened{};
    case 2: return ev::HelpOpened{};
    case 3: return ev::OverlayClosed{};
    case 4: return ev::ServiceChosen{rng() % 2 ? ev::Service::renew : ev::Service::balance};
    case 5: return ev::BrandChosen{all_brands[rng() % all_brands.size()]};
    case 6: return ev::DigitPressed{static_cast<char>('0' + rng() % 10)};
    case 7: return ev::DigitDeleted{};
    case 8: return ev::NumberSubmitted{};
    case 9: {
      auto sub = test::active_subscriber();
      sub.status = static_cast<SubscriberStatus>(rng() % 3);
      return ev::SubscriberFound{sub, test::sample_plans()};
    }
    case 10: return ev::LookupFailed{rng() % 2 ? ev::LookupError::not_found : ev::LookupError::unavailable};
    case 11: return ev::PlanChosen{test::sample_plans()[rng() % 3].id};
    case 12: return ev::DurationChosen{static_cast<int>(1 + rng() % 6)};
    case 13: return ev::PlanConfirmed{};
    case 14: return ev::ReceiptToggled{};
    case 15: return ev::SummaryConfirmed{};
    case 16: return ev::PayMethodChosen{rng() % 2 ? PayMethod::card : PayMethod::wallet};
    case 17: return ev::BackPressed{};
    case 18: return ev::CancelPressed{};
    case 19: return ev::MoreTimeAsked{};
    case 20: return ev::RetryPressed{};
    case 21: return ev::ContinuePressed{};
    case 22: return ev::FinishPressed{};
    case 23: return ev::PaymentApproved{some_ref, test::card_receipt()};
    case 24: return ev::PaymentFailed{some_ref, static_cast<PaymentFailure>(rng() % 5), 5};
    case 25: return ev::PaymentReversed{some_ref, rng() % 5 != 0};
    case 26: return ev::RenewalDelivered{some_ref, "C", CivilDate{2027, 1, 1}};
    case 27: return ev::RenewalFailed{some_ref, "x"};
    case 28: return ev::RenewalUnknown{some_ref};
    case 29: return ev::TerminalAvailabilityChanged{rng() % 3 != 0};
    case 30: return ev::PrinterStatusChanged{static_cast<PrinterStatus>(rng() % 6)};
    case 31: return ev::ReceiptPrinted{some_ref, rng() % 2 == 0};
    case 32: return ev::PaymentPrompted{static_cast<TerminalPrompt>(rng() % 6)};
    default: return ev::Ticked{d.now + static_cast<std::int64_t>(rng() % 70000), CivilDate{2026, 11, 27}};
  }
}

// Checks the effect stream as a whole.
void check_money_invariants(const std::vector<Effect>& effects) {
  std::map<std::string, std::set<JournalStep>> journaled;
  std::set<std::string> returned_by_hold_expiry;  // the one case with both (see flow_recovery.cpp)
  std::map<std::string, int> payments, deliveries;
  for (const Effect& e : effects) {
    if (const auto* j = std::get_if<fx::RequestJournal>(&e)) {
      journaled[j->entry.reference].insert(j->entry.step);
      const auto by = j->entry.fields.find("by");
      if (j->entry.step == JournalStep::reversed && by != j->entry.fields.end() && by->second == "terminal, hold expired")
        returned_by_hold_expiry.insert(j->entry.reference);
    } else if (const auto* p = std::get_if<fx::RequestPayment>(&e)) {
      INFO("payment " << p->reference);
      CHECK(journaled[p->reference].count(JournalStep::intent) == 1);
      CHECK(journaled[p->reference].count(JournalStep::payment_started) == 1);
      CHECK(++payments[p->reference] == 1);
    } else if (const auto* d = std::get_if<fx::RequestDelivery>(&e)) {
      INFO("delivery " << d->reference);
      CHECK(journaled[d->reference].count(JournalStep::payment_approved) == 1);
      CHECK(journaled[d->reference].count(JournalStep::delivery_requested) == 1);
      CHECK(++deliveries[d->reference] == 1);
    } else if (const auto* r = std::get_if<fx::RequestReversal>(&e)) {
      INFO("reversal " << r->reference);
      CHECK(journaled[r->reference].count(JournalStep::reversal_requested) == 1);
      CHECK(journaled[r->reference].count(JournalStep::delivered) == 0);
    } else if (const auto* m = std::get_if<fx::RequestSms>(&e)) {
      INFO("sms " << m->receipt.reference);
      // Queued while the journal still holds the number, never after "settled" erased it.
      CHECK(journaled[m->receipt.reference].count(JournalStep::settled) == 0);
    } else if (const auto* h = std::get_if<fx::RequestPaymentSettle>(&e)) {
      INFO("settle " << h->reference << (h->delivered ? " taken" : " refused"));
      // A held payment is taken only for a delivered renewal, refused only before delivery.
      CHECK(journaled[h->reference].count(JournalStep::delivered) == (h->delivered ? 1u : 0u));
      if (!h->delivered) CHECK(journaled[h->reference].count(JournalStep::reversal_requested) == 1);
    }
  }
  // Money taken and settled ended as exactly one of: delivered, or given back.
  for (const auto& [reference, steps] : journaled) {
    if (!steps.count(JournalStep::settled) || !steps.count(JournalStep::payment_approved)) continue;
    INFO("settled " << reference);
    if (returned_by_hold_expiry.count(reference)) continue;
    CHECK(steps.count(JournalStep::delivered) + steps.count(JournalStep::reversed) == 1);
  }
}

// Lets the outside world answer whatever is outstanding, then only time passes.
void drain(Driver& d) {
  for (int i = 0; i < 10; ++i) {
    if (d.state.session.txn) {
      const std::string ref = d.reference();
      switch (d.state.session.txn->phase) {
        case Transaction::Phase::paying:
        case Transaction::Phase::aborting: d.send(ev::PaymentFailed{ref, PaymentFailure::timeout, 0}); break;
        case Transaction::Phase::delivering: d.send(ev::RenewalDelivered{ref, "C", CivilDate{2027, 1, 1}}); break;
        case Transaction::Phase::reversing: d.send(ev::PaymentReversed{ref, true}); break;
        default: break;
      }
    }
    if (d.screen() == Screen::lookup) d.send(ev::LookupFailed{ev::LookupError::unavailable});
    // Recovery's questions get answers that settle things.
    for (const OpenTransaction& t : std::vector<OpenTransaction>(d.state.open)) {
      switch (t.need) {
        case OpenTransaction::Need::payment_outcome:
          d.send(ev::PaymentLookedUp{t.reference, ev::PaymentLookup::not_taken, {}});
          break;
        case OpenTransaction::Need::delivery_outcome:
          d.send(ev::RenewalResolved{t.reference, ev::RenewalOutcome::closed_undelivered, "", {}});
          break;
        case OpenTransaction::Need::give_back: d.send(ev::PaymentReversed{t.reference, true}); break;
        case OpenTransaction::Need::close: break;
      }
    }
    d.send(ev::TerminalAvailabilityChanged{true});
    d.advance(120);
  }
}

}  // namespace

TEST_CASE("Random sessions never pay twice, never deliver unpaid, and always end at attract") {
  for (unsigned seed = 1; seed <= 300; ++seed) {
    INFO("seed " << seed);
    std::mt19937 rng(seed);
    Driver d;
    for (int i = 0; i < 400; ++i) {
      Event e = random_event(rng, d);
      if (const auto* t = std::get_if<ev::Ticked>(&e)) d.now = t->now_ms;
      d.send(e);
    }
    check_money_invariants(d.effects);
    drain(d);
    CHECK(d.screen() == Screen::attract);
    CHECK(d.state.open.empty());
    CHECK_FALSE(d.state.session.number);
    check_money_invariants(d.effects);
  }
}

TEST_CASE("Guided random sessions reach payments and deliveries, so the invariants bite") {
  // Pure random walks rarely get past the number; this drives each session to the payment and
  // then lets random outcomes race with user input. Half the runs use a terminal that holds
  // the payment until delivery.
  int delivered = 0, reversed = 0;
  for (unsigned seed = 1; seed <= 300; ++seed) {
    INFO("seed " << seed);
    std::mt19937 rng(seed);
    Driver d;
    d.state.settings.terminal_holds_payment = seed % 2 == 0;
    d.to_pay_method();
    d.send(ev::PayMethodChosen{rng() % 2 ? PayMethod::card : PayMethod::wallet});
    for (int i = 0; i < 60; ++i) {
      Event e = random_event(rng, d);
      if (const auto* t = std::get_if<ev::Ticked>(&e)) d.now = t->now_ms;
      d.send(e);
    }
    drain(d);
    CHECK(d.screen() == Screen::attract);
    CHECK(d.state.open.empty());
    check_money_invariants(d.effects);
    for (const auto& j : d.all<fx::RequestJournal>()) {
      delivered += j.entry.step == JournalStep::delivered;
      reversed += j.entry.step == JournalStep::reversed;
    }
  }
  CHECK(delivered > 20);
  CHECK(reversed > 5);
}
