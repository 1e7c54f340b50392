// Long random event sequences against the properties that protect the customer's money.
#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <set>
#include <type_traits>
#include <utility>
#include <variant>

#include "core/service_mode.hpp"
#include "drive.hpp"

using namespace kiosk;
using kiosk::test::Driver;

namespace {

// What a random event needs to know: the generator and the session's reference.
struct Gen {
  std::mt19937& rng;
  const Driver& d;
  bool chance(unsigned one_in) { return rng() % one_in == 0; }
  std::string ref() { return chance(4) ? "stale-ref" : d.reference(); }
};

template <typename E>
using Of = std::type_identity<E>;

// One arbitrary value of every event type. A new event type without one here does not
// compile (random_event() below asks for every alternative of Event).
ev::Started arbitrary(Of<ev::Started>, Gen& g) {
  ReferenceKey key{};
  key[0] = static_cast<std::uint8_t>(g.rng());
  return {key, g.d.now, CivilDate{2026, 11, 27}};
}
ev::Ticked arbitrary(Of<ev::Ticked>, Gen& g) {
  return {g.d.now + static_cast<std::int64_t>(g.rng() % 70000), CivilDate{2026, 11, 27}};
}
ev::LanguageChosen arbitrary(Of<ev::LanguageChosen>, Gen& g) { return {all_langs[g.rng() % all_langs.size()]}; }
ev::LanguageSwitchOpened arbitrary(Of<ev::LanguageSwitchOpened>, Gen&) { return {}; }
ev::HelpOpened arbitrary(Of<ev::HelpOpened>, Gen&) { return {}; }
ev::DisplayOpened arbitrary(Of<ev::DisplayOpened>, Gen&) { return {}; }
ev::ContrastToggled arbitrary(Of<ev::ContrastToggled>, Gen&) { return {}; }
ev::TextSizeToggled arbitrary(Of<ev::TextSizeToggled>, Gen&) { return {}; }
ev::HelpPaged arbitrary(Of<ev::HelpPaged>, Gen& g) { return {g.chance(2) ? 1 : -1}; }
ev::OverlayClosed arbitrary(Of<ev::OverlayClosed>, Gen&) { return {}; }
ev::ServiceChosen arbitrary(Of<ev::ServiceChosen>, Gen& g) {
  return {g.chance(2) ? ev::Service::renew : ev::Service::balance};
}
// A brand of the catalog, or now and then one it does not have (a catalog changed meanwhile).
ev::BrandChosen arbitrary(Of<ev::BrandChosen>, Gen& g) {
  const std::vector<BrandInfo> brands = test::sample_catalog().brands;
  return {g.chance(5) ? Brand{"gone"} : brands[g.rng() % brands.size()].brand};
}
ev::DigitPressed arbitrary(Of<ev::DigitPressed>, Gen& g) { return {static_cast<char>('0' + g.rng() % 10)}; }
ev::DigitDeleted arbitrary(Of<ev::DigitDeleted>, Gen&) { return {}; }
ev::NumberCleared arbitrary(Of<ev::NumberCleared>, Gen&) { return {}; }
ev::NumberSubmitted arbitrary(Of<ev::NumberSubmitted>, Gen&) { return {}; }
ev::IdentifyByToggled arbitrary(Of<ev::IdentifyByToggled>, Gen&) { return {}; }
ev::PlanChosen arbitrary(Of<ev::PlanChosen>, Gen& g) { return {test::sample_plans()[g.rng() % 3].id}; }
ev::DurationChosen arbitrary(Of<ev::DurationChosen>, Gen& g) { return {static_cast<int>(1 + g.rng() % 6)}; }
ev::PlansPaged arbitrary(Of<ev::PlansPaged>, Gen& g) { return {g.chance(2) ? 1 : -1}; }
ev::PlanConfirmed arbitrary(Of<ev::PlanConfirmed>, Gen&) { return {}; }
ev::ReceiptToggled arbitrary(Of<ev::ReceiptToggled>, Gen&) { return {}; }
ev::SmsToggled arbitrary(Of<ev::SmsToggled>, Gen&) { return {}; }
ev::SummaryConfirmed arbitrary(Of<ev::SummaryConfirmed>, Gen&) { return {}; }
ev::PayMethodChosen arbitrary(Of<ev::PayMethodChosen>, Gen& g) {
  return {g.chance(2) ? PayMethod::card : PayMethod::wallet};
}
ev::BackPressed arbitrary(Of<ev::BackPressed>, Gen&) { return {}; }
ev::CancelPressed arbitrary(Of<ev::CancelPressed>, Gen&) { return {}; }
ev::MoreTimeAsked arbitrary(Of<ev::MoreTimeAsked>, Gen&) { return {}; }
ev::RetryPressed arbitrary(Of<ev::RetryPressed>, Gen&) { return {}; }
ev::ContinuePressed arbitrary(Of<ev::ContinuePressed>, Gen&) { return {}; }
ev::FinishPressed arbitrary(Of<ev::FinishPressed>, Gen&) { return {}; }
ev::SmsInsteadAsked arbitrary(Of<ev::SmsInsteadAsked>, Gen&) { return {}; }
ev::ReminderAsked arbitrary(Of<ev::ReminderAsked>, Gen&) { return {}; }
ev::ReprintOpened arbitrary(Of<ev::ReprintOpened>, Gen&) { return {}; }
ev::SpeechRequested arbitrary(Of<ev::SpeechRequested>, Gen&) { return {}; }
ev::VolumeChanged arbitrary(Of<ev::VolumeChanged>, Gen& g) { return {g.chance(2) ? 1 : -1}; }
ev::SubscriberFound arbitrary(Of<ev::SubscriberFound>, Gen& g) {
  auto sub = test::active_subscriber();
  sub.status = static_cast<SubscriberStatus>(g.rng() % 3);
  return {sub, test::sample_plans()};
}
ev::LookupFailed arbitrary(Of<ev::LookupFailed>, Gen& g) {
  return {g.chance(2) ? ev::LookupError::not_found : ev::LookupError::unavailable};
}
ev::RenewalDelivered arbitrary(Of<ev::RenewalDelivered>, Gen& g) { return {g.ref(), "C", CivilDate{2027, 1, 1}}; }
ev::RenewalFailed arbitrary(Of<ev::RenewalFailed>, Gen& g) { return {g.ref(), "x"}; }
ev::RenewalUnknown arbitrary(Of<ev::RenewalUnknown>, Gen& g) { return {g.ref(), g.chance(3) ? "answer_mismatch" : ""}; }
ev::ReprintFinished arbitrary(Of<ev::ReprintFinished>, Gen& g) { return {g.chance(2), g.chance(2)}; }
ev::PaymentPrompted arbitrary(Of<ev::PaymentPrompted>, Gen& g) { return {static_cast<TerminalPrompt>(g.rng() % 6)}; }
ev::WalletCodeReady arbitrary(Of<ev::WalletCodeReady>, Gen& g) { return {g.ref(), "https://pay.example/qr"}; }
ev::PaymentApproved arbitrary(Of<ev::PaymentApproved>, Gen& g) { return {g.ref(), test::card_receipt()}; }
ev::PaymentFailed arbitrary(Of<ev::PaymentFailed>, Gen& g) {
  return {g.ref(), static_cast<PaymentFailure>(g.rng() % 5), 5};
}
ev::PaymentUnknown arbitrary(Of<ev::PaymentUnknown>, Gen& g) { return {g.ref()}; }
ev::PaymentReversed arbitrary(Of<ev::PaymentReversed>, Gen& g) { return {g.ref(), !g.chance(5)}; }
ev::TerminalAvailabilityChanged arbitrary(Of<ev::TerminalAvailabilityChanged>, Gen& g) { return {!g.chance(3)}; }
ev::JournalFailed arbitrary(Of<ev::JournalFailed>, Gen& g) { return {g.ref()}; }
ev::JournalReadBack arbitrary(Of<ev::JournalReadBack>, Gen& g) {
  // An earlier run's payment that may or may not have been taken.
  const std::string ref = "OLD-" + std::to_string(g.rng() % 1000);
  return {{JournalRecord{ref, {JournalStep::intent, JournalStep::payment_started},
                         {{"amount_cents", "1000"}, {"method", "card"}, {"brand", "proximus"}, {"plan", "px-basic"}},
                         "+32470123456"}}};
}
ev::PaymentLookedUp arbitrary(Of<ev::PaymentLookedUp>, Gen& g) {
  return {g.ref(), static_cast<ev::PaymentLookup>(g.rng() % 3), test::card_receipt()};
}
ev::RenewalResolved arbitrary(Of<ev::RenewalResolved>, Gen& g) {
  return {g.ref(), static_cast<ev::RenewalOutcome>(g.rng() % 3), "C", CivilDate{2027, 1, 1}, ""};
}
ev::PrinterStatusChanged arbitrary(Of<ev::PrinterStatusChanged>, Gen& g) {
  return {static_cast<PrinterStatus>(g.rng() % 6)};
}
ev::ReceiptPrinted arbitrary(Of<ev::ReceiptPrinted>, Gen& g) { return {g.ref(), g.chance(2)}; }
// A newer catalog; now and then one already past its last day, or none at all.
ev::CatalogLoaded arbitrary(Of<ev::CatalogLoaded>, Gen& g) {
  BrandCatalog c = test::sample_catalog();
  if (g.chance(4)) c.valid_until = CivilDate{2026, 1, 1};
  if (g.chance(8)) c = BrandCatalog{};
  return {c};
}
ev::TakenOutOfService arbitrary(Of<ev::TakenOutOfService>, Gen& g) { return {g.chance(2) ? "Paper roll change" : ""}; }
ev::PutBackInService arbitrary(Of<ev::PutBackInService>, Gen&) { return {}; }
ev::RecoveryRetryAsked arbitrary(Of<ev::RecoveryRetryAsked>, Gen&) { return {}; }
// The technician's inputs and the app's answers, any of them at any time.
ev::Technician arbitrary(Of<ev::Technician>, Gen& g) {
  const auto action = static_cast<ServiceAction>(g.rng() % 8);
  switch (g.rng() % 9) {
    case 0: return {svc::Asked{}};
    case 1: return {svc::PinDigit{static_cast<char>('0' + g.rng() % 10)}};
    case 2: return {svc::PinSubmitted{}};
    case 3: return {svc::PinChecked{static_cast<PinVerdict>(g.rng() % 5), 2, 0}};
    case 4: return {svc::PageOpened{static_cast<ServicePage>(g.rng() % 5)}};
    case 5: return {svc::ActionAsked{action, "@back_soon"}};
    case 6: return {svc::ActionConfirmed{}};
    case 7: return {svc::ActionFinished{{action, g.chance(2), {}}}};
    default: return {svc::Left{}};
  }
}

template <std::size_t... I>
Event event_of_kind(std::size_t kind, Gen& g, std::index_sequence<I...>) {
  Event out;
  ((kind == I ? (out = arbitrary(Of<std::variant_alternative_t<I, Event>>{}, g), true) : false) || ...);
  return out;
}

// Time passes often, a journal fails rarely (it ends the day), anything else equally often.
Event random_event(std::mt19937& rng, const Driver& d) {
  Gen g{rng, d};
  constexpr std::size_t kinds = std::variant_size_v<Event>;
  if (g.chance(6)) return arbitrary(Of<ev::Ticked>{}, g);
  for (;;) {
    Event e = event_of_kind(rng() % kinds, g, std::make_index_sequence<kinds>{});
    if (!std::holds_alternative<ev::JournalFailed>(e) || g.chance(20)) return e;
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
        case OpenTransaction::Need::close:
        case OpenTransaction::Need::technician: break;
      }
    }
    d.send(ev::TerminalAvailabilityChanged{true});
    d.advance(120);
  }
}

}  // namespace

// Where an idle kiosk rests once everything is finished.
Screen resting_screen(const State& s) {
  return s.journal_ok && !s.technician_reason && !catalog_expired(s.catalog, s.today) ? Screen::attract
                                                                                      : Screen::out_of_service;
}

TEST_CASE("Random sessions never pay twice, never deliver unpaid, and always end at attract") {
  for (unsigned seed = 1; seed <= 300; ++seed) {
    INFO("seed " << seed);
    std::mt19937 rng(seed);
    Driver d;
    for (int i = 0; i < 400; ++i) {
      Event e = random_event(rng, d);
      if (const auto* t = std::get_if<ev::Ticked>(&e)) d.now = t->now_ms;
      d.send(e);
      // The technician's mode is on only while nobody is at the kiosk.
      if (d.state.service_mode) CHECK(service_mode_allowed(d.state));
    }
    check_money_invariants(d.effects);
    drain(d);
    // A journal that failed keeps the kiosk out of service until it restarts, as does a
    // technician until putting it back; whatever it did journal is still finished.
    CHECK(d.screen() == resting_screen(d.state));
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
    CHECK(d.screen() == resting_screen(d.state));
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

namespace {

// What the receipts, SMS and requests of one reference said about its money.
struct MoneyTrail {
  Cents paid = -1;
  std::vector<Cents> delivered_amounts;
  std::set<Cents> bonuses_stated;
  int deliveries = 0;
};

// Money taken = the plan's months + the reactivation fee − the discounts, and the same amount
// at every step; the bonus is stated alike everywhere and its renewal delivered once.
void check_promotion_invariants(const Driver& d, const Quote& quoted, const std::string& reference) {
  MoneyTrail trail;
  for (const Effect& e : d.effects) {
    if (const auto* p = std::get_if<fx::RequestPayment>(&e); p && p->reference == reference) trail.paid = p->amount;
    if (const auto* r = std::get_if<fx::RequestDelivery>(&e); r && r->reference == reference) {
      trail.delivered_amounts.push_back(r->amount);
      ++trail.deliveries;
    }
    const ReceiptData* receipt = nullptr;
    if (const auto* r = std::get_if<fx::RequestReceipt>(&e)) receipt = &r->receipt;
    if (const auto* m = std::get_if<fx::RequestSms>(&e)) receipt = &m->receipt;
    if (!receipt || receipt->reference != reference) continue;
    if (receipt->kind == ReceiptData::Kind::renewal || receipt->kind == ReceiptData::Kind::pending) {
      INFO("receipt " << reference);
      CHECK(receipt->amount == quoted.total);
      // Itemised, the lines add up to what was charged.
      if (receipt->price > 0) CHECK(receipt->price - receipt->discount + receipt->reactivation_fee == receipt->amount);
      if (receipt->kind == ReceiptData::Kind::renewal) trail.bonuses_stated.insert(receipt->bonus_credit);
    }
  }
  if (trail.paid < 0) return;  // never got to the terminal
  CHECK(trail.paid == quoted.total);
  CHECK(trail.deliveries <= 1);
  for (Cents a : trail.delivered_amounts) CHECK(a == trail.paid);
  CHECK(trail.bonuses_stated.size() <= 1);
  if (!trail.bonuses_stated.empty()) CHECK(*trail.bonuses_stated.begin() == quoted.bonus_credit);
}

}  // namespace

TEST_CASE("Random customers, plans and durations: money taken is the plan total plus fees minus discounts") {
  int with_discount = 0, with_fee = 0, with_bonus = 0, renewed = 0;
  for (unsigned seed = 1; seed <= 400; ++seed) {
    INFO("seed " << seed);
    std::mt19937 rng(seed);
    Driver d;
    const bool suspended = rng() % 3 == 0;
    Subscriber sub = test::active_subscriber();
    sub.returning_customer = rng() % 2 == 0;
    if (suspended) {
      sub.status = SubscriberStatus::suspended;
      sub.reactivation_fee = static_cast<Cents>(rng() % 4) * 150;
      sub.expiry = CivilDate{2026, 10, 1};
      sub.suspended_since = CivilDate{2026, 10, 8};
    }
    std::vector<Plan> plans = test::sample_plans();
    plans[0].promotions.push_back({Promotion::Kind::returning_bonus_cents, 0, 200, 0});  // every kind in play
    d.to_number();
    d.type("0470123456");
    d.send(ev::NumberSubmitted{});
    d.send(ev::SubscriberFound{sub, plans});
    if (suspended) d.send(ev::ContinuePressed{});
    REQUIRE(d.screen() == Screen::plans);
    const Plan& plan = plans[rng() % plans.size()];
    d.send(ev::PlanChosen{plan.id});
    const int months = plan.durations_months[rng() % plan.durations_months.size()];
    d.send(ev::DurationChosen{months});
    d.send(ev::PlanConfirmed{});
    REQUIRE(d.state.session.quote);
    const Quote q = *d.state.session.quote;
    // The quote's own arithmetic: what the summary shows is what is charged.
    CHECK(q.base == plan.price_per_month * months);
    CHECK(q.discount >= 0);
    CHECK(q.discount <= q.base);
    CHECK(q.reactivation_fee == (suspended ? sub.reactivation_fee : 0));
    CHECK(q.total == q.base - q.discount + q.reactivation_fee);
    CHECK(q.bonus_credit >= 0);
    if (!sub.returning_customer) CHECK(q.bonus_credit == 0);
    with_discount += q.discount > 0;
    with_fee += q.reactivation_fee > 0;
    with_bonus += q.bonus_credit > 0;
    d.send(ev::SummaryConfirmed{});
    d.send(ev::PayMethodChosen{rng() % 2 ? PayMethod::card : PayMethod::wallet});
    const std::string ref = d.reference();
    if (rng() % 4 != 0) {
      d.send(ev::PaymentApproved{ref, test::card_receipt()});
      if (rng() % 3 != 0) d.send(ev::RenewalDelivered{ref, "C", CivilDate{2027, 1, 1}});
    }
    for (int i = 0; i < 30; ++i) {
      Event e = random_event(rng, d);
      if (const auto* t = std::get_if<ev::Ticked>(&e)) d.now = t->now_ms;
      d.send(e);
    }
    drain(d);
    check_money_invariants(d.effects);
    check_promotion_invariants(d, q, ref);
    for (const auto& j : d.all<fx::RequestJournal>()) renewed += j.entry.reference == ref && j.entry.step == JournalStep::delivered;
  }
  // The walk reaches each kind of promotion and fee, and renewals.
  CHECK(with_discount > 20);
  CHECK(with_fee > 20);
  CHECK(with_bonus > 20);
  CHECK(renewed > 50);
}
