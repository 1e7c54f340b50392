#include "phone.hpp"

namespace kiosk {

PhoneParse parse_mobile(std::string_view text) {
  std::string digits;
  bool plus = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (c == ' ' || c == '.' || c == '-' || c == '/') {
      continue;
    } else {
      return PhoneError::bad_character;
    }
  }
  if (digits.empty()) return PhoneError::empty;

  std::string national;  // digits after the country code or the trunk 0
  if (plus) {
    if (digits.rfind("32", 0) != 0) return PhoneError::not_belgian;
    national = digits.substr(2);
  } else if (digits.rfind("00", 0) == 0) {
    if (digits.rfind("0032", 0) != 0) return PhoneError::not_belgian;
    national = digits.substr(4);
  } else if (digits[0] == '0') {
    national = digits.substr(1);
  } else {
    national = digits;
  }
  if (national.empty()) return PhoneError::too_short;
  if (national[0] != '4') return PhoneError::not_mobile;
  if (national.size() >= 2 && (national[1] < '5' || national[1] > '9')) return PhoneError::not_mobile;
  if (national.size() < 9) return PhoneError::too_short;
  if (national.size() > 9) return PhoneError::too_long;
  return MobileNumber{national};
}

std::string format_mobile(const MobileNumber& n) {
  const std::string& d = n.digits;
  if (d.size() != 9) return "0" + d;
  return "0" + d.substr(0, 3) + " " + d.substr(3, 2) + " " + d.substr(5, 2) + " " + d.substr(7, 2);
}

std::string mask_mobile(const MobileNumber& n) {
  const std::string& d = n.digits;
  if (d.size() != 9) return "0xxx xx xx xx";
  // 04xx xx x1 23: the operator prefix and the last three digits stay visible.
  return "0" + d.substr(0, 3) + " xx x" + d.substr(6, 1) + " " + d.substr(7, 2);
}

std::string e164(const MobileNumber& n) { return "+32" + n.digits; }

std::string_view phone_error_key(PhoneError error) {
  switch (error) {
    case PhoneError::empty: return "number.error.empty";
    case PhoneError::bad_character: return "number.error.bad_character";
    case PhoneError::not_belgian: return "number.error.not_belgian";
    case PhoneError::not_mobile: return "number.error.not_mobile";
    case PhoneError::too_short: return "number.error.too_short";
    case PhoneError::too_long: return "number.error.too_long";
  }
  return "number.error.empty";
}

}  // namespace kiosk
