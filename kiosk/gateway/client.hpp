#pragma once
#include <memory>

#include "service.hpp"

namespace kiosk::gateway {

// The kiosk's side of the operator gateway, over HTTPS with certificate verification always on.
class Client final : public Service {
 public:
  explicit Client(Link link);
  ~Client() override;

  LookupResult lookup(Brand brand, const MobileNumber& number) override;
  LookupResult lookup_customer(Brand brand, const std::string& customer_number) override;
  RenewalResult renew(const RenewalRequest& request) override;
  Resolution resolve(const Expected& expected) override;
  std::optional<KioskRecord> kiosk_record(std::string* detail) override;
  Handover hand_over(const std::string& kind, const std::string& body, std::string* detail) override;
  // Test and demo hook: the gateway's fault mode ("ok", "timeout", "error", "garbage", …), for
  // the requests whose path starts with `scope` ("" = all). Needs an operator's certificate and
  // a gateway started with --allow-faults.
  bool set_fault(const std::string& mode, std::string* detail, const std::string& scope = "");
  // Operator hooks: the gateway's simulated day (`days` ahead of today; --allow-faults), and
  // an SMS reply the provider relays (STOP withdraws reminders): how many were withdrawn.
  bool set_days_ahead(int days, std::string* detail);
  std::optional<int> relay_reply(const std::string& msisdn, const std::string& text, std::string* detail);
  // New connections that resumed an earlier TLS session rather than a full handshake.
  long tls_sessions_resumed() const;

  struct Impl;
 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::gateway
