#pragma once
#include <memory>
#include <string>

typedef struct x509_st X509;
typedef struct evp_pkey_st EVP_PKEY;

namespace kiosk::gateway {

// Makes a self-signed certificate for 127.0.0.1/localhost (P-256, SHA-256, ten years) unless
// both files exist. The kiosk pins this certificate as its only trust anchor for the gateway.
bool ensure_self_signed(const std::string& cert_path, const std::string& key_path, std::string* error);

// The pieces both the server certificate and the client CA are made of.
namespace x509 {
struct KeyFree { void operator()(EVP_PKEY* k) const; };
struct CertFree { void operator()(X509* c) const; };
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;
using Cert = std::unique_ptr<X509, CertFree>;

Key new_key();  // P-256
// A certificate for `key` named by `subject` entries ("CN", "OU" pairs), valid from an hour
// ago for `days`, with a random serial; not signed yet.
Cert new_cert(EVP_PKEY* key, std::initializer_list<std::pair<const char*, std::string>> subject, long days);
bool add_extension(X509* cert, X509* issuer, int nid, const char* value);
// A self-signed certificate named `common_name` with these extensions (NID, value), signed.
Cert self_signed(EVP_PKEY* key, const std::string& common_name, long days,
                 std::initializer_list<std::pair<int, const char*>> extensions);
// Writes a new key and its self-signed certificate unless both files exist.
bool ensure_self_signed(const std::string& cert_path, const std::string& key_path, const std::string& common_name,
                        std::initializer_list<std::pair<int, const char*>> extensions, std::string* error);
// The key is written readable by its owner only, through a temporary file renamed into place.
bool write_key(const std::string& path, EVP_PKEY* key, std::string* error);
bool write_cert(const std::string& path, X509* cert, std::string* error);
Cert read_cert(const std::string& path, std::string* error);
Key read_key(const std::string& path, std::string* error);
}  // namespace x509

}  // namespace kiosk::gateway
