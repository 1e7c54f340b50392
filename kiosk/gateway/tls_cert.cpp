#include "tls_cert.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <filesystem>

#include "sys/durable_file.hpp"

namespace kiosk::gateway {

namespace x509 {

void KeyFree::operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
void CertFree::operator()(X509* c) const { X509_free(c); }

namespace {
struct FileClose { void operator()(FILE* f) const { std::fclose(f); } };

// PEM text as `write` leaves it in a memory BIO; "" when it fails.
template <typename Write>
std::string pem_text(Write write) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  if (!bio || write(bio.get()) != 1) return "";
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

bool write_pem(const std::string& path, mode_t mode, const std::string& pem, std::string* error) {
  if (pem.empty()) {
    if (error) *error = "cannot encode " + path;
    return false;
  }
  return write_file_durably(path, pem, mode, error);
}
}  // namespace

Key new_key() { return Key(EVP_EC_gen("P-256")); }

Cert new_cert(EVP_PKEY* key, std::initializer_list<std::pair<const char*, std::string>> subject, long days) {
  Cert cert(X509_new());
  if (!cert || !key) return nullptr;
  X509_set_version(cert.get(), 2);
  unsigned char serial[16];
  if (RAND_bytes(serial, sizeof serial) != 1) return nullptr;
  serial[0] &= 0x7f;  // a positive INTEGER
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 60L * 60 * 24 * days);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  for (const auto& [field, value] : subject)
    X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(value.c_str()), -1,
                               -1, 0);
  return cert;
}

bool add_extension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (!ext) return false;
  const bool ok = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return ok;
}

bool write_key(const std::string& path, EVP_PKEY* key, std::string* error) {
  const std::string pem =
      pem_text([key](BIO* b) { return PEM_write_bio_PrivateKey(b, key, nullptr, nullptr, 0, nullptr, nullptr); });
  return write_pem(path, 0600, pem, error);
}

bool write_cert(const std::string& path, X509* cert, std::string* error) {
  return write_pem(path, 0644, pem_text([cert](BIO* b) { return PEM_write_bio_X509(b, cert); }), error);
}

Cert self_signed(EVP_PKEY* key, const std::string& common_name, long days,
                 std::initializer_list<std::pair<int, const char*>> extensions) {
  Cert cert = new_cert(key, {{"CN", common_name}}, days);
  if (!cert) return nullptr;
  X509_set_issuer_name(cert.get(), X509_get_subject_name(cert.get()));
  for (const auto& [nid, value] : extensions)
    if (!add_extension(cert.get(), cert.get(), nid, value)) return nullptr;
  if (X509_sign(cert.get(), key, EVP_sha256()) == 0) return nullptr;
  return cert;
}

bool ensure_self_signed(const std::string& cert_path, const std::string& key_path, const std::string& common_name,
                        std::initializer_list<std::pair<int, const char*>> extensions, std::string* error) {
  namespace fs = std::filesystem;
  if (fs::exists(cert_path) && fs::exists(key_path)) return true;
  Key key = new_key();
  Cert cert = key ? self_signed(key.get(), common_name, 3650, extensions) : nullptr;
  if (!cert) {
    if (error) *error = "certificate for " + common_name + ": key generation or signing failed";
    return false;
  }
  // The key first: a certificate without its key would be taken as complete on the next start.
  return write_key(key_path, key.get(), error) && write_cert(cert_path, cert.get(), error);
}

Cert read_cert(const std::string& path, std::string* error) {
  std::unique_ptr<FILE, FileClose> f(std::fopen(path.c_str(), "r"));
  Cert cert(f ? PEM_read_X509(f.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!cert && error) *error = f ? path + " holds no PEM certificate" : "cannot open " + path;
  return cert;
}

Key read_key(const std::string& path, std::string* error) {
  std::unique_ptr<FILE, FileClose> f(std::fopen(path.c_str(), "r"));
  Key key(f ? PEM_read_PrivateKey(f.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!key && error) *error = f ? path + " holds no PEM private key" : "cannot open " + path;
  return key;
}

}  // namespace x509

bool ensure_self_signed(const std::string& cert_path, const std::string& key_path, std::string* error) {
  return x509::ensure_self_signed(cert_path, key_path, "kiosk-gateway",
                                  {{NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1"},
                                   {NID_basic_constraints, "critical,CA:TRUE"},
                                   {NID_key_usage, "critical,digitalSignature,keyCertSign"}},
                                  error);
}

}  // namespace kiosk::gateway
