#include <catch2/catch.hpp>

#include "core/civil_date.hpp"

using namespace kiosk;

TEST_CASE("Civil dates round-trip through day numbers") {
  CHECK(days_from_civil({1970, 1, 1}) == 0);
  CHECK(days_from_civil({2000, 3, 1}) == 11017);
  for (std::int64_t d = -1000; d < 40000; d += 37) CHECK(days_from_civil(civil_from_days(d)) == d);
  CHECK(add_days({2026, 12, 20}, 30) == CivilDate{2027, 1, 19});
  CHECK(add_days({2028, 2, 28}, 1) == CivilDate{2028, 2, 29});
  CHECK(days_between({2026, 11, 27}, {2026, 12, 5}) == 8);
}

TEST_CASE("Dates are parsed strictly and formatted per language") {
  CHECK(parse_iso_date("2026-11-27") == CivilDate{2026, 11, 27});
  CHECK_FALSE(parse_iso_date("2026-02-31"));
  CHECK_FALSE(parse_iso_date("2026-1-27"));
  CHECK_FALSE(parse_iso_date("2026-13-01"));
  CHECK_FALSE(parse_iso_date("2026-00-10"));
  CHECK_FALSE(parse_iso_date("2026-11-00"));
  CHECK_FALSE(parse_iso_date("2100-02-29"));  // not a leap year: divisible by 100
  CHECK(parse_iso_date("2000-02-29") == CivilDate{2000, 2, 29});  // divisible by 400
  CHECK_FALSE(parse_iso_date("2026-11-2x"));
  const CivilDate d{2026, 3, 7};
  CHECK(format_date(d, Lang::nl) == "07-03-2026");
  CHECK(format_date(d, Lang::de) == "07.03.2026");
  CHECK(format_date(d, Lang::fr) == "07/03/2026");
  CHECK(format_date(d, Lang::en) == "07/03/2026");
  CHECK(format_date(d, Lang::zh) == "2026年3月7日");
  CHECK(format_date(d, Lang::pl) == "07.03.2026");
  CHECK(format_date(d, Lang::es) == "07/03/2026");
  CHECK(format_date(d, Lang::uk) == "07.03.2026");
  CHECK(iso_date(d) == "2026-03-07");
}
