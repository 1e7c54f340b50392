#pragma once
#include <cstdint>
#include <string>

#include "lang.hpp"

namespace kiosk {

// Money is always an integer number of euro cents; there is no floating point anywhere.
using Cents = std::int64_t;

// "€ 12,50" (nl), "12,50 €" (fr, de, …), "€12.50" (en, zh), "€12,50" (tr); negative amounts get "-".
std::string format_money(Cents amount, Lang lang);

}  // namespace kiosk
