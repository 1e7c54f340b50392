// What every store keeps and answers the same way, whatever its database.
#include "store.hpp"

#include <variant>

#include "core/phone.hpp"

namespace kiosk::gateway {

bool same_request(const RenewalRecord& a, const RenewalRecord& b) {
  return a.kiosk_id == b.kiosk_id && a.brand == b.brand && a.msisdn == b.msisdn && a.plan_id == b.plan_id &&
         a.months == b.months && a.amount == b.amount;
}

std::string masked_number(const std::string& msisdn) {
  const PhoneParse parsed = parse_mobile(msisdn);
  if (const auto* n = std::get_if<MobileNumber>(&parsed)) return mask_mobile(*n);
  return "";
}

std::string confirmation_prefix(const Brand& brand) {
  // The simulated operator's confirmation ids start with the brand's first three letters.
  std::string prefix;
  for (char c : brand.id)
    if (prefix.size() < 3 && c != '_') prefix += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return prefix.empty() ? "GW" : prefix;
}

std::string confirmation_id(const Brand& brand, long long n) {
  return confirmation_prefix(brand) + "-" + std::to_string(100000 + n);
}

int wallet_status_rank(const std::string& status) {
  if (status == "PENDING") return 0;
  if (status == "IDENTIFIED") return 1;
  if (status == "AUTHORIZED" || status == "PENDING_MERCHANT_ACKNOWLEDGEMENT") return 2;
  return 3;
}

}  // namespace kiosk::gateway
