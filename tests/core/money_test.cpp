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
}

TEST_CASE("A PAN never keeps more than the first six and last four digits") {
  CHECK(mask_pan("6703001234561234") == "670300******1234");
  CHECK(mask_pan("4111 1111 1111 1111") == "411111******1111");
  CHECK(mask_pan("670300******1234") == "670300******1234");
  CHECK(mask_pan("12345") == "*****");
}
