#include "pricing.hpp"

#include <algorithm>

namespace kiosk {

namespace {
// Percent of an amount in cents, rounded half up, all in integers.
Cents percent_of(Cents amount, int percent) { return (amount * percent + 50) / 100; }
}  // namespace

Quote quote(const Plan& plan, int months, const Subscriber& sub, CivilDate today) {
  Quote q;
  q.base = plan.price_per_month * months;
  for (const Promotion& p : plan.promotions) {
    switch (p.kind) {
      case Promotion::Kind::new_customer_percent:
        if (!sub.returning_customer) q.discount += percent_of(plan.price_per_month, p.percent);
        break;
      case Promotion::Kind::returning_bonus_cents:
        if (sub.returning_customer) q.bonus_credit += p.amount;
        break;
      case Promotion::Kind::multi_month_percent:
        if (months >= p.min_months) q.discount += percent_of(q.base, p.percent);
        break;
      case Promotion::Kind::none: break;
    }
  }
  q.discount = std::min(q.discount, q.base);
  q.reactivation_fee = sub.status == SubscriberStatus::active ? 0 : sub.reactivation_fee;
  q.total = q.base - q.discount + q.reactivation_fee;
  // A renewal of an active plan starts when the current one ends; otherwise today.
  const bool extends = sub.status == SubscriberStatus::active && sub.expiry > today;
  q.valid_from = extends ? sub.expiry : today;
  q.valid_until = add_days(q.valid_from, 30 * months);
  return q;
}

}  // namespace kiosk
