#include "money.hpp"

#include <cstdlib>

namespace kiosk {

namespace {

std::string group_thousands(std::int64_t units, char sep) {
  std::string digits = std::to_string(units);
  std::string out;
  int count = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (count > 0 && count % 3 == 0) out.insert(out.begin(), sep);
    out.insert(out.begin(), *it);
    ++count;
  }
  return out;
}

}  // namespace

std::string format_money(Cents amount, Lang lang) {
  const bool negative = amount < 0;
  const std::int64_t abs_cents = negative ? -amount : amount;
  const std::int64_t units = abs_cents / 100;
  const int cents = static_cast<int>(abs_cents % 100);
  const bool comma_decimal = lang == Lang::nl || lang == Lang::fr || lang == Lang::de;
  // French groups with a narrow no-break space, German and Dutch with a dot.
  std::string grouped;
  if (lang == Lang::fr) {
    grouped = group_thousands(units, '\x01');
    std::string fixed;
    for (char c : grouped) fixed += (c == '\x01') ? std::string("\u202F") : std::string(1, c);
    grouped = fixed;
  } else {
    grouped = group_thousands(units, comma_decimal ? '.' : ',');
  }
  std::string frac = (cents < 10 ? "0" : "") + std::to_string(cents);
  std::string number = grouped + (comma_decimal ? "," : ".") + frac;
  std::string sign = negative ? "-" : "";
  switch (lang) {
    case Lang::nl: return sign + "€ " + number;
    case Lang::fr:
    case Lang::de: return sign + number + "\u00A0€";
    case Lang::en:
    case Lang::zh: return sign + "€" + number;
  }
  return sign + "€" + number;
}

}  // namespace kiosk
