#include "customer_number.hpp"

#include <algorithm>

namespace kiosk {

bool valid_customer_number(std::string_view digits) {
  return digits.size() >= customer_number_min_digits && digits.size() <= customer_number_max_digits &&
         std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace kiosk
