#pragma once
#include <string>

#include "lang.hpp"

namespace kiosk {

// How each language writes numbers, money and dates (CLDR conventions; Portuguese as in
// Portugal, Arabic as in Morocco). Digits are always 0–9.
struct LocaleFormat {
  const char* decimal;   // "," or "."
  const char* group;     // thousands separator (UTF-8: ".", ",", no-break spaces)
  int min_grouping;      // 2: four-digit numbers stay ungrouped ("1000" in pl, es, pt)
  enum class Euro { before, before_space, after } euro;
  enum class Date { dmy_dash, dmy_dot, dmy_slash, ymd_han } date;
};

const LocaleFormat& locale_format(Lang lang);

// A whole number as people of the language write it: "1.000" (de), "1 000" (fr), "1000" (pl).
std::string format_count(long long n, Lang lang);

}  // namespace kiosk
