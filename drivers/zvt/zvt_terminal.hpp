#pragma once
#include <atomic>
#include <chrono>
#include <optional>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "hal/payment_terminal.hpp"
#include "channel.hpp"
#include "message.hpp"
#include "thread/job_thread.hpp"

namespace kiosk::zvt {

struct ZvtOptions {
  std::string host = "127.0.0.1";
  int port = 20007;
  std::string serial_path;         // set: the serial transport on this tty instead of TCP
  SerialOptions serial;
  std::string password = "000000";
  // 0xBE: the ECR prints payment and administration receipts (the terminal sends its lines),
  // the terminal sends intermediate status, the ECR controls payment and administration, and
  // print lines come as text blocks.
  std::uint8_t config_byte = 0xBE;
  int connect_timeout_ms = 3000;
  int ack_timeout_ms = 5000;       // an answer to each message
  int payment_timeout_ms = 180000; // the whole payment, PIN entry included
  int end_of_day_minute = -1;      // minutes after local midnight for the daily closing; -1: none
  // Hold an approved payment (answer its status information with 84 9C) until settle() says
  // whether the renewal was delivered; refusing makes the terminal reverse it.
  bool hold_until_delivered = false;
  int hold_timeout_ms = 600000;    // undecided this long: refused, the customer keeps the money
  // The newest receipt number the kiosk's journal knows: after a lost line, only a newer
  // approval can be the payment that was under way.
  std::uint32_t newest_known_receipt = 0;
  // The terminal's character set for the texts it sends (print lines, display texts).
  Charset charset = Charset::cp437;
};

// What the terminal said of itself in its answer to a status enquiry (05 01).
struct TerminalInfo {
  std::string software_version;
  int status = -1;  // the terminal status byte; -1: not asked or not answered
};

// A provider reference as this driver makes them (the receipt number in decimal); 0 for any
// other text.
std::uint32_t receipt_from_ref(const std::string& provider_ref);
// Whether receipt number `receipt` came after `newest` (0: none known). Receipt numbers have
// four BCD digits and wrap from 9999 to 0000: the later half of the circle counts as after.
bool receipt_after(std::uint32_t receipt, std::uint32_t newest);

// Prompt for an intermediate status code (04 FF), as the kiosk shows it.
TerminalPrompt prompt_for(int intermediate_status);
// What a result code means for the customer.
PaymentFailure failure_for(int result_code);

// The card terminal over ZVT (TCP or serial): registers on connect, runs one operation at a time on its
// own thread, reports through events. After a lost connection it asks the terminal for the last
// receipt before it says anything about the money.
class ZvtTerminal : public hal::PaymentTerminal {
 public:
  ZvtTerminal(hal::EventSink sink, ZvtOptions options);
  ~ZvtTerminal() override;

  void start_payment(const std::string& reference, Cents amount) override;
  void abort_payment(const std::string& reference) override;
  void reverse(const std::string& reference, Cents amount, const std::string& provider_ref) override;
  void settle(const std::string& reference, bool delivered) override;
  // Asks the terminal for its last receipt (repeat receipt, 06 20): an approval for this amount
  // newer than any receipt the kiosk knows can only be this payment.
  void look_up_payment(const std::string& reference, Cents amount, const std::string& provider_ref) override;
  // Administrative operations (not part of a sale); outcomes are logged, and also
  // reported as PaymentReversed for a refund.
  void refund(const std::string& reference, Cents amount);
  void end_of_day();
  // The technician's closing: end of day now, told to `done` with the terminal's total.
  bool close_day(DayClosed done) override;
  std::vector<std::pair<std::string, std::string>> diagnosis() const override;
  void diagnose(std::function<void()> done) override;
  bool available() const override { return connected_; }
  void poll(std::int64_t) override {}
  bool busy() const override;
  // The last status enquiry's answer (at each connection, and by check_status()).
  TerminalInfo terminal_info() const;
  // A technician's check: asks the terminal's status again (answered in terminal_info()).
  void check_status();

 private:
  struct Job {
    enum class Kind { payment, reversal, refund, end_of_day, lookup, status } kind;
    std::string reference;
    Cents amount = 0;
    std::uint32_t receipt_no = 0;
    DayClosed closed = {};             // end of day: who waits for it
    std::function<void()> checked = {};  // status enquiry: who waits for it
  };
  void run(const Job& job);
  bool ensure_connected();
  void ask_status(Channel& line);
  void run_payment(const Job& job);
  void run_reversal(const Job& job);
  void run_admin(const Job& job);  // refund and end of day
  Apdu refund_command(const Job& job) const;
  void end_of_day_if_due();
  // Reads terminal messages until a final one, ACKing each; false if the line was lost.
  bool exchange(const Job& job, Message* status, bool* completed, int* abort_code);
  bool recover_after_loss(const Job& job);
  void run_lookup(const Job& job);
  // The terminal's last receipt (repeat receipt); nullopt when the line failed.
  std::optional<Message> last_receipt(const Job& job);
  void answer_held(const Job& job, const Message& status);
  std::chrono::steady_clock::time_point held_since_;
  void drop(const std::string& why);

  hal::EventSink sink_;
  ZvtOptions options_;
  std::unique_ptr<Channel> channel_;
  std::mutex write_mutex_;
  std::atomic<bool> connected_{false};
  bool availability_reported_ = false;  // driver thread only
  std::atomic<bool> abort_requested_{false};
  // The held payment: reported to the kiosk already, and what the kiosk decided.
  bool hold_reported_ = false;
  std::optional<bool> hold_decision_;   // guarded by the job queue's lock (jobs_.locked)
  std::atomic<bool> shutting_down_{false};  // ends a wait on the terminal when the kiosk stops
  std::string active_reference_;        // guarded by the job queue's lock
  mutable std::mutex info_mutex_;
  TerminalInfo info_;
  std::uint32_t last_receipt_seen_ = 0;
  int last_end_of_day_yday_ = -1;
  JobThread<Job> jobs_;  // last: its thread stops before the members it uses go
};

}  // namespace kiosk::zvt
