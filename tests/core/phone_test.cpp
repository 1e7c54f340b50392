#include <catch2/catch.hpp>

#include "core/phone.hpp"

using namespace kiosk;

namespace {
std::string parsed(const char* text) {
  auto r = parse_mobile(text);
  if (auto* n = std::get_if<MobileNumber>(&r)) return n->digits;
  return std::string("error:") + std::string(phone_error_key(std::get<PhoneError>(r)));
}
}  // namespace

TEST_CASE("Belgian mobile numbers are accepted in every usual spelling") {
  CHECK(parsed("0470123456") == "470123456");
  CHECK(parsed("470123456") == "470123456");
  CHECK(parsed("+32470123456") == "470123456");
  CHECK(parsed("0032470123456") == "470123456");
  CHECK(parsed("+32 470 12 34 56") == "470123456");
  CHECK(parsed("0470/12.34.56") == "470123456");
  CHECK(parsed("0499-99-99-99") == "499999999");
  CHECK(parsed("0456 00 00 00") == "456000000");
}

TEST_CASE("Numbers that are not Belgian mobiles are refused with a reason") {
  CHECK(parsed("") == "error:number.error.empty");
  CHECK(parsed("04701234a6") == "error:number.error.bad_character");
  CHECK(parsed("+33612345678") == "error:number.error.not_belgian");
  CHECK(parsed("0031612345678") == "error:number.error.not_belgian");
  CHECK(parsed("025551234") == "error:number.error.not_mobile");   // Brussels landline
  CHECK(parsed("0440123456") == "error:number.error.not_mobile");  // 44x is not a mobile range
  CHECK(parsed("047012345") == "error:number.error.too_short");
  CHECK(parsed("04701234567") == "error:number.error.too_long");
  CHECK(parsed("+") == "error:number.error.empty");
  CHECK(parsed("12+3") == "error:number.error.bad_character");
}

TEST_CASE("Mobile numbers are shown as 04xx xx xx xx and masked for receipts") {
  const MobileNumber n{"470123456"};
  CHECK(format_mobile(n) == "0470 12 34 56");
  CHECK(mask_mobile(n) == "0470 xx x4 56");
  CHECK(e164(n) == "+32470123456");
}
