#include <catch2/catch.hpp>

#include "core/money.hpp"
#include "core/payment.hpp"

using namespace kiosk;

TEST_CASE("Money is formatted per language from integer cents") {
  CHECK(format_money(1250, Lang::nl) == "€ 12,50");
  CHECK(format_money(1250, Lang::de) == "12,50\u00A0€");
  CHECK(format_money(1250, Lang::fr) == "12,50\u00A0€");
  CHECK(format_money(1250, Lang::en) == "€12.50");
  CHECK(format_money(5, Lang::en) == "€0.05");
  CHECK(format_money(123456789, Lang::de) == "1.234.567,89\u00A0€");
  CHECK(format_money(123456789, Lang::fr) == "1\u202F234\u202F567,89\u00A0€");
  CHECK(format_money(123456789, Lang::en) == "€1,234,567.89");
  CHECK(format_money(-500, Lang::nl) == "-€ 5,00");
  CHECK(format_money(1250, Lang::tr) == "€12,50");
  CHECK(format_money(123456, Lang::pl) == "1234,56\u00A0€");  // four digits stay together
  CHECK(format_money(1234567, Lang::es) == "12.345,67\u00A0€");
  CHECK(format_money(123456, Lang::uk) == "1\u00A0234,56\u00A0€");
  CHECK(format_money(1250, Lang::zh) == "€12.50");
}

TEST_CASE("A PAN never keeps more than the first six and last four digits") {
  CHECK(mask_pan("6703001234561234") == "670300******1234");
  CHECK(mask_pan("4111 1111 1111 1111") == "411111******1111");
  CHECK(mask_pan("670300******1234") == "670300******1234");
  CHECK(mask_pan("12345") == "*****");
}
