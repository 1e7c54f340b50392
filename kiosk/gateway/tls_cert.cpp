#include "tls_cert.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <memory>

namespace kiosk::gateway {

namespace {
struct KeyFree { void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); } };
struct CertFree { void operator()(X509* c) const { X509_free(c); } };
struct FileClose { void operator()(FILE* f) const { std::fclose(f); } };

bool add_extension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (!ext) return false;
  const bool ok = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return ok;
}
}  // namespace

bool ensure_self_signed(const std::string& cert_path, const std::string& key_path, std::string* error) {
  namespace fs = std::filesystem;
  if (fs::exists(cert_path) && fs::exists(key_path)) return true;
  auto fail = [&](const char* what) {
    if (error) *error = std::string("certificate: ") + what;
    return false;
  };

  std::unique_ptr<EVP_PKEY, KeyFree> key(EVP_EC_gen("P-256"));
  if (!key) return fail("key generation failed");
  std::unique_ptr<X509, CertFree> cert(X509_new());
  if (!cert) return fail("out of memory");
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), static_cast<long>(std::time(nullptr)));
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 60L * 60 * 24 * 3650);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("kiosk-gateway"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  if (!add_extension(cert.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1") ||
      !add_extension(cert.get(), NID_basic_constraints, "critical,CA:TRUE") ||
      !add_extension(cert.get(), NID_key_usage, "critical,digitalSignature,keyCertSign"))
    return fail("extensions");
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) return fail("signing failed");

  std::error_code ec;
  fs::create_directories(fs::path(cert_path).parent_path(), ec);
  {
    const mode_t old = umask(077);  // the private key is readable by its owner only
    std::unique_ptr<FILE, FileClose> kf(std::fopen(key_path.c_str(), "w"));
    umask(old);
    if (!kf || PEM_write_PrivateKey(kf.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
      return fail("cannot write the key");
  }
  std::unique_ptr<FILE, FileClose> cf(std::fopen(cert_path.c_str(), "w"));
  if (!cf || PEM_write_X509(cf.get(), cert.get()) != 1) return fail("cannot write the certificate");
  return true;
}

}  // namespace kiosk::gateway
