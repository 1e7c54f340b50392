#include "client_ca.hpp"

#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include <filesystem>

#include "core/reference.hpp"
#include "tls_cert.hpp"

namespace kiosk::gateway {

namespace {
constexpr const char* kiosk_unit = "kiosk";
constexpr const char* operator_unit = "operator";

std::string name_entry(X509_NAME* name, int nid) {
  const int i = X509_NAME_get_index_by_NID(name, nid, -1);
  if (i < 0 || X509_NAME_get_index_by_NID(name, nid, i) >= 0) return {};  // absent or ambiguous
  const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i));
  unsigned char* utf8 = nullptr;
  const int n = ASN1_STRING_to_UTF8(&utf8, data);
  if (n < 0) return {};
  std::string out(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(n));
  OPENSSL_free(utf8);
  return out;
}
}  // namespace

std::string client_ca_cert_path(const std::string& dir) { return dir + "/kiosk-ca.crt"; }
std::string client_ca_key_path(const std::string& dir) { return dir + "/kiosk-ca.key"; }

bool ensure_client_ca(const std::string& dir, std::string* error) {
  return x509::ensure_self_signed(client_ca_cert_path(dir), client_ca_key_path(dir), "kiosk-gateway client CA",
                                  {{NID_basic_constraints, "critical,CA:TRUE,pathlen:0"},
                                   {NID_key_usage, "critical,keyCertSign,cRLSign"},
                                   {NID_subject_key_identifier, "hash"}},
                                  error);
}

bool issue_client_certificate(const std::string& dir, Role role, const std::string& id, const std::string& out_dir,
                              std::string* error) {
  if (!valid_caller_id(id)) {
    if (error) *error = "'" + id + "' is not a valid id (1 to 32 of A-Z a-z 0-9 _ -)";
    return false;
  }
  x509::Cert ca = x509::read_cert(client_ca_cert_path(dir), error);
  x509::Key ca_key = ca ? x509::read_key(client_ca_key_path(dir), error) : nullptr;
  if (!ca || !ca_key) return false;
  if (X509_check_private_key(ca.get(), ca_key.get()) != 1) {
    if (error) *error = "the client CA's key does not match its certificate";
    return false;
  }
  const bool kiosk = role == Role::kiosk;
  x509::Key key = x509::new_key();
  x509::Cert cert = x509::new_cert(key.get(), {{"OU", kiosk ? kiosk_unit : operator_unit}, {"CN", id}},
                                   kiosk ? 3650 : 365);
  if (!cert) {
    if (error) *error = "key generation failed";
    return false;
  }
  X509_set_issuer_name(cert.get(), X509_get_subject_name(ca.get()));
  if (!x509::add_extension(cert.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE") ||
      !x509::add_extension(cert.get(), ca.get(), NID_key_usage, "critical,digitalSignature") ||
      !x509::add_extension(cert.get(), ca.get(), NID_ext_key_usage, "clientAuth") ||
      X509_sign(cert.get(), ca_key.get(), EVP_sha256()) == 0) {
    if (error) *error = "signing failed";
    return false;
  }
  const std::string base = out_dir + "/" + (kiosk ? "kiosk" : "operator");
  return x509::write_key(base + ".key", key.get(), error) && x509::write_cert(base + ".crt", cert.get(), error);
}

std::string certificate_kiosk_id(const std::string& cert_path) {
  x509::Cert cert = x509::read_cert(cert_path, nullptr);
  const std::optional<Caller> c = caller_of(cert.get());
  return c && c->role == Role::kiosk ? c->id : std::string();
}

std::optional<Caller> caller_of(X509* peer) {
  if (!peer) return std::nullopt;
  X509_NAME* subject = X509_get_subject_name(peer);
  const std::string unit = name_entry(subject, NID_organizationalUnitName);
  Caller c;
  c.id = name_entry(subject, NID_commonName);
  if (unit == kiosk_unit) c.role = Role::kiosk;
  else if (unit == operator_unit) c.role = Role::operator_;
  else return std::nullopt;
  if (!valid_caller_id(c.id)) return std::nullopt;
  return c;
}

}  // namespace kiosk::gateway
