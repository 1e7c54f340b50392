#pragma once
#include "civil_date.hpp"
#include "plan.hpp"
#include "subscriber.hpp"

namespace kiosk {

// The final price, itemised as the summary shows it.
struct Quote {
  Cents base = 0;              // price per month × months
  Cents discount = 0;          // promotions that lower the price (positive number)
  Cents reactivation_fee = 0;  // suspended numbers pay this once
  Cents bonus_credit = 0;      // credited to the number, not deducted
  Cents total = 0;             // what the card is charged
  CivilDate valid_from;
  CivilDate valid_until;
};

Quote quote(const Plan& plan, int months, const Subscriber& subscriber, CivilDate today);

}  // namespace kiosk
