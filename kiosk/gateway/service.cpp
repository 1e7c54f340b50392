#include "service.hpp"

#include <nlohmann/json.hpp>

namespace kiosk::gateway {

std::string sms_payload(const std::string& reference, const std::string& kind, const MobileNumber& number,
                        const std::string& text) {
  return nlohmann::json{{"reference", reference}, {"kind", kind}, {"msisdn", e164(number)}, {"text", text}}.dump();
}

std::string reminder_payload(const std::string& reference, Brand brand, const MobileNumber& number, CivilDate expiry,
                             std::string_view lang, int days_before, const std::string& text) {
  return nlohmann::json{{"reference", reference},   {"brand", brand_id(brand)}, {"msisdn", e164(number)},
                        {"expiry", iso_date(expiry)}, {"lang", lang},            {"days_before", days_before},
                        {"text", text}}
      .dump();
}

bool Service::send_sms(const std::string& reference, const std::string& kind, const MobileNumber& number,
                       const std::string& text, std::string* detail) {
  return hand_over("sms", sms_payload(reference, kind, number, text), detail) == Handover::delivered;
}

}  // namespace kiosk::gateway
