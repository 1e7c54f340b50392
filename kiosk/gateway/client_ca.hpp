#pragma once
// Who may call the gateway. Every caller presents a client certificate issued by the gateway's
// client CA (mutual TLS); the certificate says who it is (CN) and in which role (OU).
#include <optional>
#include <string>

typedef struct x509_st X509;

namespace kiosk::gateway {

enum class Role { kiosk, operator_ };

struct Caller {
  Role role = Role::kiosk;
  std::string id;  // the kiosk id, or the operator's name
};

// The CA's files inside a gateway's data folder.
std::string client_ca_cert_path(const std::string& gateway_dir);
std::string client_ca_key_path(const std::string& gateway_dir);

// Makes the client CA (P-256, ten years) unless both files exist.
bool ensure_client_ca(const std::string& gateway_dir, std::string* error);

// Issues `<out_dir>/kiosk.crt|key` (or operator.crt|key) signed by the CA in `gateway_dir`.
bool issue_client_certificate(const std::string& gateway_dir, Role role, const std::string& id,
                              const std::string& out_dir, std::string* error);

// The kiosk id in a kiosk certificate file ("" when it cannot be read or is not a kiosk's).
std::string certificate_kiosk_id(const std::string& cert_path);

// The caller named by a certificate that the TLS layer has already verified against the CA;
// nullopt when it does not name a role and a valid id.
std::optional<Caller> caller_of(X509* verified_peer);

}  // namespace kiosk::gateway
