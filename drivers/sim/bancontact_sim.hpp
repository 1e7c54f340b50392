#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace kiosk::sim {

// What the simulated customer does with each new payment, in turn (the last one repeats):
//   approve                  scans, confirms: SUCCEEDED
//   decline                  scans, confirms, the bank says no: AUTHORIZATION_FAILED
//   never-scan               nobody scans it: EXPIRED when it runs out
//   scan-never-confirm       scanned, never confirmed: EXPIRED when it runs out
//   confirm-while-cancelling scanned; the kiosk's cancel comes as the customer confirms (422
//                            PAYMENT_NOT_PENDING), then SUCCEEDED
//   succeed-after-cancel     scanned; the cancel is taken (CANCELLED), yet the payment reads
//                            SUCCEEDED a second later (a confirmation that crossed the cancel)
//   garbage-status           approve, but the first two status answers are not JSON
struct BancontactSimOptions {
  std::string ledger_path;  // JSON lines: payments and refunds as they change; survives restarts
  std::vector<std::string> script{"approve"};
  std::string api_key;      // empty: any bearer key is accepted
  std::string cert_path, key_path;  // the server's TLS certificate and key
  int expiry_s = 120;       // a new payment's time to be paid
  int scan_ms = 300;        // creation → IDENTIFIED
  int confirm_ms = 600;     // IDENTIFIED → AUTHORIZED → SUCCEEDED (or the bank's no)
  int refund_ms = 300;      // PENDING → REFUNDED
  // Status callbacks to a payment's callbackUrl, signed (detached JWS, ES256, kid "wallet-sim")
  // with this key and certificate (PEM); none without them. `callback_ca`: the certificate to
  // trust for the receiver. `callback_mode`: normal, duplicate (each sent twice), out-of-order
  // (a payment's callbacks held until it is final, then sent newest first), bad-signature.
  std::string signing_key_path, signing_cert_path;
  std::string callback_ca;
  std::string callback_mode = "normal";
  // The merchant's key set (JWKS): when given, every request must carry the merchant's
  // detached JWS signature for its path, recent and never seen before.
  std::string merchant_keys_path;
};

bool known_callback_mode(const std::string& name);

bool known_bancontact_behaviour(const std::string& name);

// The Bancontact Payment API v3 over HTTPS, as far as a kiosk uses it: create, get, cancel and
// search payments, create and get refunds (idempotent by Idempotency-Key). Every request needs a
// bearer key; bodies, connections and time are bounded. What moves money goes to the ledger
// before the answer.
class BancontactSim {
 public:
  explicit BancontactSim(BancontactSimOptions options);
  ~BancontactSim();
  bool listen(const std::string& host, int port, std::string* error);
  int port() const;
  void start();          // serves on its own thread
  void serve_forever();  // until stop()
  void stop();

  struct LedgerEntry {
    std::string type;  // payment, refund
    std::string id;
    std::string payment_id;  // a refund's payment
    std::string reference;
    std::int64_t amount_cents = 0;
    std::string status;
  };
  // The last state of every payment and refund, in the order they were made.
  std::vector<LedgerEntry> ledger() const;
  // The HTTP status of each callback delivered so far (0: no answer), in the order sent.
  std::vector<int> callback_answers() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::sim
