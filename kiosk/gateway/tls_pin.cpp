#include "tls_pin.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace kiosk::gateway {

std::string spki_pin(X509* cert) {
  if (!cert) return {};
  EVP_PKEY* key = X509_get0_pubkey(cert);
  if (!key) return {};
  unsigned char* der = nullptr;
  const int len = i2d_PUBKEY(key, &der);
  if (len <= 0) return {};
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(der, static_cast<std::size_t>(len), digest);
  OPENSSL_free(der);
  unsigned char b64[64];
  const int n = EVP_EncodeBlock(b64, digest, SHA256_DIGEST_LENGTH);
  return std::string(reinterpret_cast<char*>(b64), static_cast<std::size_t>(n));
}

std::string spki_pin_of_file(const std::string& pem_path, std::string* error) {
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(pem_path.c_str(), "r"), std::fclose);
  if (!f) {
    if (error) *error = "cannot open " + pem_path;
    return {};
  }
  X509* cert = PEM_read_X509(f.get(), nullptr, nullptr, nullptr);
  if (!cert) {
    if (error) *error = pem_path + " holds no PEM certificate";
    return {};
  }
  std::string pin = spki_pin(cert);
  X509_free(cert);
  return pin;
}

namespace {
int verify_then_pin(X509_STORE_CTX* store, void* arg) {
  auto* check = static_cast<PinCheck*>(arg);
  if (X509_verify_cert(store) != 1) return 0;
  const std::string pin = spki_pin(X509_STORE_CTX_get0_cert(store));
  if (std::find(check->pins.begin(), check->pins.end(), pin) != check->pins.end()) return 1;
  check->mismatch = true;
  X509_STORE_CTX_set_error(store, X509_V_ERR_APPLICATION_VERIFICATION);
  return 0;
}
}  // namespace

void require_pins(SSL_CTX* ctx, PinCheck* check) {
  if (!ctx || check->pins.empty()) return;
  SSL_CTX_set_cert_verify_callback(ctx, verify_then_pin, check);
}

}  // namespace kiosk::gateway
