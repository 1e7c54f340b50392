#pragma once
#include <string>

#include "civil_date.hpp"
#include "money.hpp"

namespace kiosk {

enum class SubscriberStatus { active, suspended, expired };

// What the operator says about a number (via the gateway).
struct Subscriber {
  SubscriberStatus status = SubscriberStatus::active;
  Cents balance = 0;
  CivilDate expiry;
  std::string current_plan_id;
  bool returning_customer = false;  // has renewed at a kiosk before
  Cents reactivation_fee = 0;       // non-zero only while suspended
  CivilDate suspended_since;        // while suspended: the day calls, texts and data stopped
};

}  // namespace kiosk
