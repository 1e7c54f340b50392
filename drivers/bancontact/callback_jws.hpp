#pragma once
// Bancontact's status callbacks are signed as a detached JWS (RFC 7515, RFC 7797) with ES256:
// the Signature header holds BASE64URL(header) ".." BASE64URL(signature) over
// BASE64URL(header) "." BASE64URL(body). The protected header names the key (kid), the signing
// certificate's SHA-256 thumbprint (x5t#S256), and critical claims: the issuer
// (https://payconiq.com/iss), when it was made (/iat), a unique id (/jti) and the request path
// (/path). Verification is OpenSSL's; the key set is a JWKS whose keys carry their certificate.
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "request_signer.hpp"

typedef struct evp_pkey_st EVP_PKEY;

namespace kiosk::bancontact {

std::string base64url(const std::string& bytes);
bool from_base64url(const std::string& text, std::string* bytes);

// The keys callbacks may be signed with, by kid: EC P-256 keys with their certificate (x5c).
class CallbackKeys {
 public:
  CallbackKeys();
  ~CallbackKeys();
  CallbackKeys(CallbackKeys&&) noexcept;
  CallbackKeys& operator=(CallbackKeys&&) noexcept;
  // From a JWKS document; false with `error` when it holds no usable key.
  bool load(const std::string& jwks_json, std::string* error);
  std::size_t size() const;

  struct Key;
  const Key* find(const std::string& kid) const;

 private:
  std::map<std::string, std::unique_ptr<Key>> keys_;
};

struct VerifiedCallback {
  std::string kid;
  std::string jti;
  std::int64_t iat = 0;  // seconds since the epoch
};

// "" when `signature_header` signs `body` for `path` with one of `keys`, issued by Payconiq
// no more than `max_age_s` before `now_s` (nor that far after it); else why not.
std::string verify_callback(const std::string& signature_header, const std::string& body, const std::string& path,
                            const CallbackKeys& keys, std::int64_t now_s, int max_age_s, VerifiedCallback* out);

// The other side (the simulator): signs `body` for `path` with `key` (P-256), naming `kid` and
// the thumbprint of `cert_der`; `sub` (a merchant profile), when given, is a critical claim
// too. Empty when signing failed.
std::string sign_callback(EVP_PKEY* key, const std::string& kid, const std::string& cert_der, const std::string& body,
                          const std::string& path, const std::string& jti, std::int64_t iat, const std::string& sub = "");
// A signing key and its certificate from PEM files: the key (the caller frees it with
// EVP_PKEY_free) and the certificate's DER in `cert_der`; nullptr when either cannot be read.
EVP_PKEY* read_signing_key(const std::string& key_path, const std::string& cert_path, std::string* cert_der);

// A JWKS with one key: its kid, x and y, and the certificate (x5c).
std::string jwks_for(EVP_PKEY* key, const std::string& kid, const std::string& cert_der);

// nullptr with `error` set when the key or certificate cannot be read.
std::unique_ptr<RequestSigner> make_request_signer(const SignerOptions& options, std::string* error);

}  // namespace kiosk::bancontact
