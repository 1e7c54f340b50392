#include "civil_date.hpp"

#include <chrono>
#include <cstdio>

#include "locale_format.hpp"

namespace kiosk {

namespace {
namespace chr = std::chrono;

chr::year_month_day calendar(CivilDate d) {
  return chr::year{d.year} / chr::month{static_cast<unsigned>(d.month)} / chr::day{static_cast<unsigned>(d.day)};
}

CivilDate civil(chr::year_month_day d) {
  return CivilDate{static_cast<int>(d.year()), static_cast<int>(static_cast<unsigned>(d.month())),
                   static_cast<int>(static_cast<unsigned>(d.day()))};
}
}  // namespace

// The proleptic Gregorian calendar of <chrono>; a day past the month's end rolls over (sys_days
// is defined for it), which parse_iso_date refuses before it gets here.
std::int64_t days_from_civil(CivilDate date) { return chr::sys_days{calendar(date)}.time_since_epoch().count(); }

CivilDate civil_from_days(std::int64_t days) {
  return civil(chr::year_month_day{chr::sys_days{chr::days{days}}});
}

CivilDate add_days(CivilDate date, int days) { return civil(chr::sys_days{calendar(date)} + chr::days{days}); }

int days_between(CivilDate from, CivilDate to) {
  return static_cast<int>((chr::sys_days{calendar(to)} - chr::sys_days{calendar(from)}).count());
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
  const CivilDate d{num(0, 4), num(5, 2), num(8, 2)};
  if (d.year < 0 || d.month < 1 || d.day < 1 || !calendar(d).ok()) return std::nullopt;  // 31 February too
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
