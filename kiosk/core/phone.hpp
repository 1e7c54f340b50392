#pragma once
#include <string>
#include <string_view>
#include <variant>

namespace kiosk {

// A Belgian mobile number, kept as its nine national digits after the leading 0
// ("470123456" for 0470 12 34 56). Mobile numbers are +32 4[5-9]x xx xx xx.
struct MobileNumber {
  std::string digits;  // exactly 9 digits, first is '4', second 5..9
  bool operator==(const MobileNumber&) const = default;
};

enum class PhoneError {
  empty,
  bad_character,    // something that is not a digit, space, dot, dash, slash or leading +
  not_belgian,      // an international prefix other than +32
  not_mobile,       // a Belgian number that is not a mobile (landline, service number)
  too_short,
  too_long,
};

using PhoneParse = std::variant<MobileNumber, PhoneError>;

// Accepts 04xx…, 4xx…, +32 4xx…, 0032 4xx…, with spaces, dots, dashes or slashes.
PhoneParse parse_mobile(std::string_view text);

// "0470 12 34 56"
std::string format_mobile(const MobileNumber& number);
// "0470 12 x4 56" style masking for receipts and logs: keeps the prefix and the last three.
std::string mask_mobile(const MobileNumber& number);
// "+32470123456" for the gateway.
std::string e164(const MobileNumber& number);
std::string_view phone_error_key(PhoneError error);

}  // namespace kiosk
