#include "signed_envelope.hpp"

#include <nlohmann/json.hpp>


namespace kiosk::catalog {

std::optional<SignedEnvelope> read_envelope(std::string_view signed_text, std::string* error) {
  using nlohmann::json;
  if (signed_text.size() > max_signed_catalog_bytes) {
    *error = "the signed file is too large";
    return std::nullopt;
  }
  const json j = json::parse(signed_text, nullptr, false);
  if (!j.is_object() || j.size() != 4 || !j.contains("signed_catalog") || j["signed_catalog"] != 1 ||
      !j.contains("key_id") || !j["key_id"].is_string() || !j.contains("catalog") || !j["catalog"].is_string() ||
      !j.contains("signature") || !j["signature"].is_string()) {
    *error = "not a signed catalog (signed_catalog 1 with key_id, catalog and signature)";
    return std::nullopt;
  }
  return SignedEnvelope{j["key_id"].get<std::string>(), j["catalog"].get<std::string>(),
                        j["signature"].get<std::string>()};
}

}  // namespace kiosk::catalog
