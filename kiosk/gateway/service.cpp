#include "service.hpp"

#include <nlohmann/json.hpp>

namespace kiosk::gateway {

std::string sms_payload(const std::string& reference, const std::string& kind, const MobileNumber& number,
                        const std::string& text) {
  return nlohmann::json{{"reference", reference}, {"kind", kind}, {"msisdn", e164(number)}, {"text", text}}.dump();
}

bool Service::send_sms(const std::string& reference, const std::string& kind, const MobileNumber& number,
                       const std::string& text, std::string* detail) {
  return hand_over("sms", sms_payload(reference, kind, number, text), detail) == Handover::delivered;
}

}  // namespace kiosk::gateway
