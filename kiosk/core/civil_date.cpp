#include "civil_date.hpp"

#include <cstdio>

#include "locale_format.hpp"

namespace kiosk {

// Howard Hinnant's well-known days-from-civil algorithm (proleptic Gregorian calendar).
std::int64_t days_from_civil(CivilDate date) {
  const int y = date.year - (date.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = static_cast<unsigned>(date.month + (date.month > 2 ? -3 : 9));
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(date.day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilDate civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
  return CivilDate{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

CivilDate add_days(CivilDate date, int days) { return civil_from_days(days_from_civil(date) + days); }

int days_between(CivilDate from, CivilDate to) {
  return static_cast<int>(days_from_civil(to) - days_from_civil(from));
}

std::string iso_date(CivilDate d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::optional<CivilDate> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto num = [&](std::size_t pos, std::size_t len) -> int {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  CivilDate d{num(0, 4), num(5, 2), num(8, 2)};
  if (d.year < 0 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) return std::nullopt;
  if (civil_from_days(days_from_civil(d)) != d) return std::nullopt;  // 31 February and friends
  return d;
}

std::string format_date(CivilDate d, Lang lang) {
  char buf[32];
  using D = LocaleFormat::Date;
  switch (locale_format(lang).date) {
    case D::dmy_dash: std::snprintf(buf, sizeof buf, "%02d-%02d-%04d", d.day, d.month, d.year); break;
    case D::dmy_dot: std::snprintf(buf, sizeof buf, "%02d.%02d.%04d", d.day, d.month, d.year); break;
    case D::dmy_slash: std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.day, d.month, d.year); break;
    case D::ymd_han: std::snprintf(buf, sizeof buf, "%04d年%d月%d日", d.year, d.month, d.day); break;
  }
  return buf;
}

}  // namespace kiosk
