#pragma once
// A catalog as kiosks and gateways load it: the catalog's exact text and an Ed25519 signature
// over those bytes (OpenSSL), in one JSON file:
//   {"signed_catalog": 1, "key_id": "…", "catalog": "<the catalog's text>", "signature": "<base64>"}
// The text is signed as it is, so nothing depends on how a JSON writer orders or spaces it.
// key_id names the key (the first 16 base64 characters of the SHA-256 of the raw public key),
// so that an operator changing keys can tell which one signed.
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::catalog {

struct KeyPair {
  std::string private_pem;  // PKCS#8
  std::string public_pem;   // SubjectPublicKeyInfo
};

std::optional<KeyPair> make_key_pair(std::string* error);
// The key id of a public key (PEM), or "" with `error` set.
std::string key_id(const std::string& public_pem, std::string* error);
// The signed file for `catalog_text`; "" with `error` set. The text is not checked here.
std::string sign_catalog(const std::string& private_pem, std::string_view catalog_text, std::string* error);
// The catalog's text from a signed file that `public_pem` signed; nothing, with why, for
// anything else (not a signed file, another key, a text or signature changed by one bit).
std::optional<std::string> verified_catalog_text(const std::string& public_pem, std::string_view signed_text,
                                                 std::string* error);

}  // namespace kiosk::catalog
