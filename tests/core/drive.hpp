#pragma once
// Drives the pure core through events and keeps every effect it asked for.
#include <string>
#include <vector>

#include "core/session.hpp"

namespace kiosk::test {

inline std::vector<Plan> sample_plans() {
  Plan a{"px-basic", Brand{"proximus"}, "Pay&Go Basic", 2, 120, -1, true, 0, 1000, {1}, {}};
  Plan b{"px-unlimited", Brand{"proximus"}, "Pay&Go Unlimited", -1, -1, -1, true, 0, 2500, {1, 3, 6},
         {{Promotion::Kind::multi_month_percent, 10, 0, 3}}};
  Plan c{"px-world", Brand{"proximus"}, "Pay&Go World", 10, -1, -1, true, 120, 2000, {1},
         {{Promotion::Kind::new_customer_percent, 50, 0, 0}}};
  return {a, b, c};
}

// Two operators, as a catalog gives them: Proximus takes customer numbers, Orange does not.
inline BrandCatalog sample_catalog() {
  BrandCatalog c;
  c.version = 3;
  c.valid_until = CivilDate{2027, 6, 30};
  c.brands = {{Brand{"proximus"}, "Proximus Pay&Go", 0x4B2C85, 0xFFFFFF, "", true, true, 500},
              {Brand{"orange"}, "Orange", 0xFF7900, 0x000000, "", true, false, 500}};
  return c;
}

inline State initial_state_with_catalog(const KioskSettings& settings = {}) {
  State s = initial_state(settings);
  s.catalog = sample_catalog();
  return s;
}

inline Subscriber active_subscriber() {
  return Subscriber{SubscriberStatus::active, 350, CivilDate{2026, 12, 5}, "px-basic", true, 0};
}

struct Driver {
  State state = initial_state_with_catalog();
  std::vector<Effect> effects;  // everything asked for since the start
  std::int64_t now = 1000;

  Driver() { send(ev::Started{ReferenceKey{}, now, CivilDate{2026, 11, 27}}); }

  std::vector<Effect> send(const Event& e) {
    Update u = update(state, e);
    state = u.state;
    effects.insert(effects.end(), u.effects.begin(), u.effects.end());
    return u.effects;
  }
  void advance(int seconds) {
    now += static_cast<std::int64_t>(seconds) * 1000;
    send(ev::Ticked{now, CivilDate{2026, 11, 27}});
  }
  Screen screen() const { return state.screen; }

  void type(const std::string& digits) {
    for (char c : digits) send(ev::DigitPressed{c});
  }
  // From attract to the given point of a card renewal of the basic plan.
  void to_number(ev::Service service = ev::Service::renew) {
    send(ev::LanguageChosen{Lang::nl});
    send(ev::ServiceChosen{service});
    send(ev::BrandChosen{Brand{"proximus"}});
  }
  void to_plans(Subscriber sub = active_subscriber()) {
    to_number();
    type("0470123456");
    send(ev::NumberSubmitted{});
    send(ev::SubscriberFound{sub, sample_plans()});
  }
  void to_pay_method() {
    to_plans();
    send(ev::PlanConfirmed{});
    send(ev::SummaryConfirmed{});
  }
  std::string reference() const { return state.session.txn ? state.session.txn->reference : ""; }
  // A card payment approved and its renewal sent to the gateway; returns the reference.
  std::string to_delivering();
  // …and delivered, the new plan ending on `new_expiry`: the done screen.
  std::string to_done(CivilDate new_expiry = CivilDate{2027, 1, 4});

  template <typename T>
  std::vector<T> all() const {
    std::vector<T> out;
    for (const Effect& e : effects)
      if (const T* t = std::get_if<T>(&e)) out.push_back(*t);
    return out;
  }
  std::vector<JournalStep> journal_steps(const std::string& ref) const {
    std::vector<JournalStep> out;
    for (const auto& j : all<fx::RequestJournal>())
      if (j.entry.reference == ref) out.push_back(j.entry.step);
    return out;
  }
};

inline PaymentReceipt card_receipt() {
  return PaymentReceipt{"Bancontact", "6703001234561234", "52500123", 77, "1234", "A1B2C3", {}};
}

inline std::string Driver::to_delivering() {
  to_pay_method();
  send(ev::PayMethodChosen{PayMethod::card});
  const std::string ref = reference();
  send(ev::PaymentApproved{ref, card_receipt()});
  return ref;
}

inline std::string Driver::to_done(CivilDate new_expiry) {
  const std::string ref = to_delivering();
  send(ev::RenewalDelivered{ref, "C1", new_expiry});
  return ref;
}

}  // namespace kiosk::test
