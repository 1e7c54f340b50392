#include "money.hpp"

#include "locale_format.hpp"

namespace kiosk {

std::string format_money(Cents amount, Lang lang) {
  const LocaleFormat& f = locale_format(lang);
  const bool negative = amount < 0;
  const std::int64_t abs_cents = negative ? -amount : amount;
  const int cents = static_cast<int>(abs_cents % 100);
  const std::string number =
      format_count(abs_cents / 100, lang) + f.decimal + (cents < 10 ? "0" : "") + std::to_string(cents);
  const std::string sign = negative ? "-" : "";
  switch (f.euro) {
    case LocaleFormat::Euro::before: return sign + "€" + number;
    case LocaleFormat::Euro::before_space: return sign + "€ " + number;
    case LocaleFormat::Euro::after: return sign + number + "\u00A0€";
  }
  return sign + "€" + number;
}

}  // namespace kiosk
