#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "hal/payment_terminal.hpp"
#include "net/https.hpp"
#include "payment_api.hpp"
#include "request_signer.hpp"
#include "thread/job_thread.hpp"

namespace kiosk::bancontact {

struct WalletOptions {
  std::string path_prefix;   // before /v3 (the base URL's path)
  std::string api_key;       // sent as a bearer token
  std::string callback_url;  // where the provider posts status changes (the gateway); may be empty
  std::string description = "Prepaid renewal";
  int poll_ms = 1000;        // GET /v3/payments/{id} while the customer pays
  int grace_s = 30;          // asked this long after the payment's expiry before "unknown"
  // A cancelled or expired payment is asked again after each of these (a confirmation may have
  // crossed the cancel).
  std::vector<int> late_checks_ms{5000, 60000};
  // Makes the HTTPS transport (on the driver's thread, at its first request): nullptr with
  // `error` set when TLS is not to be had.
  std::function<std::unique_ptr<net::HttpsTransport>(std::string* error)> connect;
  // Makes the signer of the merchant's requests (same thread, same time); none: unsigned.
  std::function<std::unique_ptr<RequestSigner>(std::string* error)> make_signer;
};

// Bancontact Pay (Payconiq by Bancontact, Payment API v3) as a way to pay: the kiosk's
// reference is the merchant reference, the paymentId the provider reference. Creates the
// payment, shows its link as a QR code, follows it by polling until a final status (only
// SUCCEEDED is money), cancels it when the customer stops (and asks again before saying
// nothing was charged), refunds through the refund API, and after a crash finds a payment by
// its id or by the reference. One request at a time, on its own thread.
class BancontactWallet : public hal::PaymentTerminal {
 public:
  BancontactWallet(hal::EventSink sink, WalletOptions options);
  ~BancontactWallet() override;

  void start_payment(const std::string& reference, Cents amount) override;
  void abort_payment(const std::string& reference) override;
  void reverse(const std::string& reference, Cents amount, const std::string& provider_ref) override;
  void look_up_payment(const std::string& reference, Cents amount, const std::string& provider_ref) override;
  bool available() const override { return true; }
  void poll(std::int64_t) override {}
  bool busy() const override;

 private:
  struct Job {
    enum class Kind { payment, reversal, lookup } kind;
    std::string reference;
    Cents amount = 0;
    std::string provider_ref;
  };
  // A payment that ended without money: asked once more later, in case the customer's
  // confirmation crossed the cancel.
  struct LateCheck {
    std::string reference;
    Payment payment;
    std::int64_t due_ms = 0;
    std::size_t round = 0;
  };

  void run(Job& job);
  void run_payment(const Job& job);
  void follow(const Job& job, const Payment& created);
  void report_final(const std::string& reference, const Payment& p);
  void run_reversal(const Job& job);
  void run_lookup(const Job& job);
  void run_late_checks();
  bool cancel(const std::string& id);
  // GET /v3/payments/{id}, checked against what was asked; "" on success, else why not.
  std::string fetch(const Expected& expected, Payment* out);
  net::HttpsReply call(const std::string& method, const std::string& path, const std::string& body,
                       const net::Headers& extra = {});
  // Sleeps up to `ms`, waking early when the customer stops or the driver shuts down.
  void pause(int ms, bool wake_on_abort);

  hal::EventSink sink_;
  WalletOptions options_;
  std::unique_ptr<net::HttpsTransport> transport_;  // the driver's thread only
  std::unique_ptr<RequestSigner> signer_;          // likewise
  std::mutex late_mutex_;
  std::vector<LateCheck> late_;
  std::atomic<bool> abort_requested_{false};
  std::atomic<bool> shutting_down_{false};
  std::string active_reference_;  // under the job thread's lock
  JobThread<Job> jobs_;           // last: stops before the members its jobs use
};

}  // namespace kiosk::bancontact
