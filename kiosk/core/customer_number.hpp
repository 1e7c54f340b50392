#pragma once
#include <string_view>

namespace kiosk {

// The customer (account) number printed on a SIM card's holder, which some operators accept
// instead of the phone number: digits only, between these lengths.
inline constexpr std::size_t customer_number_min_digits = 8;
inline constexpr std::size_t customer_number_max_digits = 12;

bool valid_customer_number(std::string_view digits);

}  // namespace kiosk
