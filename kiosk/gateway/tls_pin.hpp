#pragma once
#include <string>
#include <vector>

typedef struct x509_st X509;
typedef struct ssl_ctx_st SSL_CTX;

namespace kiosk::gateway {

// The gateway key's pin: SHA-256 of the certificate's SubjectPublicKeyInfo (DER), in base64, as
// in HTTP public key pinning. It survives a certificate renewed with the same key.
std::string spki_pin(X509* cert);
// The pin of the first certificate in a PEM file; empty with `error` set if it cannot be read.
std::string spki_pin_of_file(const std::string& pem_path, std::string* error);

// Makes the handshake fail unless the normal chain check passes AND the server's key is one of
// `pins` (checked after the chain, so a pinned key with an untrusted certificate still fails).
// `pins` must outlive the context; empty pins leave the context as it was.
struct PinCheck {
  std::vector<std::string> pins;
  bool mismatch = false;  // set when a handshake failed on the pin (for the error message)
};
void require_pins(SSL_CTX* ctx, PinCheck* check);

}  // namespace kiosk::gateway
