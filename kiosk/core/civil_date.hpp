#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lang.hpp"

namespace kiosk {

// A calendar date without a time zone; the kiosk's days are Belgian days, computed by the
// app from the wall clock and handed to the core as data.
struct CivilDate {
  int year = 1970;
  int month = 1;
  int day = 1;
  auto operator<=>(const CivilDate&) const = default;
};

std::int64_t days_from_civil(CivilDate date);
CivilDate civil_from_days(std::int64_t days);
CivilDate add_days(CivilDate date, int days);
int days_between(CivilDate from, CivilDate to);

std::string iso_date(CivilDate date);                      // 2026-11-27
std::optional<CivilDate> parse_iso_date(std::string_view text);
std::string format_date(CivilDate date, Lang lang);       // per locale

}  // namespace kiosk
