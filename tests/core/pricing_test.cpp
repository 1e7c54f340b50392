#include <catch2/catch.hpp>

#include "core/pricing.hpp"

using namespace kiosk;

namespace {
Plan plan_with(std::vector<Promotion> promos) {
  return Plan{"p", Brand{"base"}, "BASE 15", 5, -1, -1, true, 0, 1500, {1, 3}, std::move(promos)};
}
Subscriber sub(SubscriberStatus status, bool returning, CivilDate expiry, Cents fee = 0) {
  return Subscriber{status, 0, expiry, "p", returning, fee};
}
const CivilDate today{2026, 11, 27};
}  // namespace

TEST_CASE("An active plan is extended from its expiry, a lapsed one from today") {
  const Plan p = plan_with({});
  Quote q = quote(p, 1, sub(SubscriberStatus::active, true, {2026, 12, 5}), today);
  CHECK(q.total == 1500);
  CHECK(q.valid_from == CivilDate{2026, 12, 5});
  CHECK(q.valid_until == CivilDate{2027, 1, 4});
  q = quote(p, 3, sub(SubscriberStatus::active, true, {2026, 11, 1}), today);
  CHECK(q.total == 4500);
  CHECK(q.valid_from == today);
  CHECK(q.valid_until == add_days(today, 90));
}

TEST_CASE("Promotions and the reactivation fee make the final price") {
  const Plan p = plan_with({{Promotion::Kind::new_customer_percent, 50, 0, 0},
                            {Promotion::Kind::returning_bonus_cents, 0, 200, 0},
                            {Promotion::Kind::multi_month_percent, 10, 0, 3}});
  Quote newcomer = quote(p, 1, sub(SubscriberStatus::active, false, today), today);
  CHECK(newcomer.discount == 750);
  CHECK(newcomer.bonus_credit == 0);
  CHECK(newcomer.total == 750);
  Quote returning = quote(p, 3, sub(SubscriberStatus::active, true, today), today);
  CHECK(returning.discount == 450);
  CHECK(returning.bonus_credit == 200);
  CHECK(returning.total == 4050);
  Quote suspended = quote(p, 1, sub(SubscriberStatus::suspended, true, {2026, 10, 1}, 500), today);
  CHECK(suspended.reactivation_fee == 500);
  CHECK(suspended.total == 2000);
  CHECK(suspended.valid_from == today);
}
