#pragma once
#include <optional>
#include <string>
#include <vector>

#include "brand.hpp"
#include "money.hpp"

namespace kiosk {

// A promotion shown on the summary with the final price.
struct Promotion {
  enum class Kind { none, new_customer_percent, returning_bonus_cents, multi_month_percent };
  Kind kind = Kind::none;
  int percent = 0;          // for the percent kinds
  Cents amount = 0;         // for the bonus kind: credited, not deducted
  int min_months = 0;       // multi_month_percent applies from this duration on
};

struct Plan {
  std::string id;           // "px-smart-15"
  Brand brand;
  std::string name;         // the operator's product name, not translated
  int data_gb = 0;          // -1 = unlimited
  int minutes = 0;          // -1 = unlimited
  int sms = 0;              // -1 = unlimited
  bool roaming_eu = true;
  int intl_minutes = 0;     // minutes to other countries
  Cents price_per_month = 0;
  std::vector<int> durations_months{1};
  std::vector<Promotion> promotions;
};

const Plan* find_plan(const std::vector<Plan>& plans, const std::string& id);

}  // namespace kiosk
