#pragma once
// What the kiosk asks of its operator gateway, without how: the HTTPS client (OpenSSL,
// cpp-httplib) implements it in a module the kiosk loads off its UI thread (module.hpp), so
// that none of those libraries is loaded or set up before the first screen.
#include <optional>
#include <string>
#include <vector>

#include "core/brand.hpp"
#include "core/phone.hpp"
#include "core/plan.hpp"
#include "core/subscriber.hpp"

namespace kiosk::gateway {

struct Link {
  std::string host = "127.0.0.1";
  int port = 0;
  std::string ca_cert_path;  // the gateway's certificate (self-signed) or its CA; always verified
  // The gateway's key (SPKI SHA-256, base64), checked on top of the chain: a certificate from a
  // trusted CA with another key is refused. Empty: the chain check alone.
  std::vector<std::string> spki_pins;
  std::string client_cert_path;  // mutual TLS: the kiosk's certificate and key, when set
  std::string client_key_path;
  int timeout_ms = 5000;          // per call: connect, read and write each
  int renewal_budget_ms = 20000;  // one renewal, every retry and question included
};

struct LookupResult {
  enum class Kind { found, not_found, unavailable };
  Kind kind = Kind::unavailable;
  Subscriber subscriber;
  std::optional<MobileNumber> number;  // by customer number: the phone number it stands for
  std::vector<Plan> plans;
  std::string detail;  // why, for the log
};

struct RenewalResult {
  enum class Kind { delivered, failed, unknown };
  Kind kind = Kind::unknown;
  std::string confirmation_id;
  CivilDate new_expiry;
  std::string detail;
  int attempts = 0;   // POSTs sent (always with the same reference)
  // unknown because the gateway answered about another renewal (number, brand, plan, months,
  // amount or reference differ, or it says the reference is bound to another request): an
  // alarm, never a delivery.
  bool mismatch = false;
};

struct RenewalRequest {
  std::string reference;
  Brand brand;
  MobileNumber number;
  std::string plan_id;
  int months;
  Cents amount;
};

// The body of POST /v1/sms: what the outbox keeps and hands over.
std::string sms_payload(const std::string& reference, const std::string& kind, const MobileNumber& number,
                        const std::string& text);

// The body of POST /v1/reminders: an expiry reminder the customer asked for.
std::string reminder_payload(const std::string& reference, Brand brand, const MobileNumber& number, CivilDate expiry,
                             std::string_view lang, int days_before, const std::string& text);

// Calls block; the app runs them off the UI thread.
class Service {
 public:
  virtual ~Service() = default;

  virtual LookupResult lookup(Brand brand, const MobileNumber& number) = 0;
  // By the customer number on the SIM card's holder (where the brand takes them).
  virtual LookupResult lookup_customer(Brand brand, const std::string& customer_number) = 0;
  // Delivers once per reference. When an answer is lost it asks by reference before it sends
  // again, and says "unknown" rather than guess.
  virtual RenewalResult renew(const RenewalRequest& request) = 0;
  // Recovery: closes the reference unless it was delivered, so that the answer stays true (a late
  // request with it is refused). unknown when the gateway could not be asked, or when it says
  // "delivered" about another renewal than `expected` (mismatch; the number is checked when the
  // request still has one).
  struct Resolution {
    enum class Kind { delivered, closed_undelivered, unknown } kind = Kind::unknown;
    std::string confirmation_id;
    CivilDate new_expiry;
    std::string detail;
    bool mismatch = false;
  };
  struct Expected {
    std::string reference;
    Brand brand;
    std::optional<MobileNumber> number;
    std::string plan_id;
    int months;
    Cents amount;
  };
  virtual Resolution resolve(const Expected& expected) = 0;
  // What the gateway knows of this kiosk (from its certificate): its id and the newest
  // reference it saw from it. nullopt when it could not be asked.
  struct KioskRecord {
    std::string kiosk_id;
    std::string last_reference;
  };
  virtual std::optional<KioskRecord> kiosk_record(std::string* detail) = 0;
  // Hands over an outbox item (an SMS to send, a transaction report): POST of `body` (JSON,
  // keyed by its reference) to /v1/sms or /v1/reports.
  // too_soon: the gateway's rate limit (429); nothing is wrong with the item or the link, so it
  // is sent again shortly without counting as a failed attempt.
  enum class Handover { delivered, refused, retry, too_soon };
  virtual Handover hand_over(const std::string& kind, const std::string& body, std::string* detail) = 0;
  bool send_sms(const std::string& reference, const std::string& kind, const MobileNumber& number,
                const std::string& text, std::string* detail);
};

}  // namespace kiosk::gateway
