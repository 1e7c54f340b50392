#pragma once
#include <string>

namespace kiosk::gateway {

// Makes a self-signed certificate for 127.0.0.1/localhost (P-256, SHA-256, ten years) unless
// both files exist. The kiosk pins this certificate as its only trust anchor for the gateway.
bool ensure_self_signed(const std::string& cert_path, const std::string& key_path, std::string* error);

}  // namespace kiosk::gateway
