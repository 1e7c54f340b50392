#pragma once
// The technician's PIN as the configuration keeps it: a salted scrypt hash (OpenSSL) in the
// PHC string form, "$scrypt$ln=15,r=8,p=1$<salt>$<hash>" (base64 without padding), made by
// kioskctl service-pin hash. The kiosk itself links no OpenSSL: it will check a PIN through its
// TLS module (module.hpp).
#include <string>
#include <string_view>

namespace kiosk::gateway {

// A new hash of `secret` with a random 16-byte salt; "" with `error` set if it cannot be made.
std::string hash_secret(std::string_view secret, std::string* error);

// Whether `secret` is the one `stored` was made from (compared in constant time). A stored hash
// that is not one (wrong form, parameters out of bounds) is false with `error` set.
bool verify_secret(std::string_view stored, std::string_view secret, std::string* error);

}  // namespace kiosk::gateway
