#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/money.hpp"
#include "event_sink.hpp"

namespace kiosk::hal {

// A way to take money: a card terminal, or an e-wallet that the customer pays by QR code.
// Every operation is asynchronous; outcomes arrive as events (PaymentPrompted, WalletCodeReady,
// PaymentApproved, PaymentFailed, PaymentUnknown, PaymentReversed, PaymentLookedUp,
// TerminalAvailabilityChanged).
class PaymentTerminal {
 public:
  virtual ~PaymentTerminal() = default;
  virtual void start_payment(const std::string& reference, Cents amount) = 0;
  // Ask to stop a payment in progress; the terminal answers PaymentFailed(cancelled) or, if
  // the card went through first, PaymentApproved.
  virtual void abort_payment(const std::string& reference) = 0;
  // Give back an approved payment, by the handle the provider gave it (PaymentReceipt::provider_ref).
  virtual void reverse(const std::string& reference, Cents amount, const std::string& provider_ref) = 0;
  virtual bool available() const = 0;
  // Lets timers run: called by the app's loop with the monotonic time.
  virtual void poll(std::int64_t now_ms) = 0;
  // An operation is under way (scripts wait for it).
  virtual bool busy() const { return false; }
  // For terminals that hold an approved payment until the goods are delivered: take it, or
  // refuse it (the terminal gives the money back and reports PaymentReversed).
  virtual void settle(const std::string& /*reference*/, bool /*delivered*/) {}
  // Recovery after the kiosk stopped mid-payment: did the provider take the money for this
  // reference? Answers PaymentLookedUp. `provider_ref`: the payment's handle when the journal
  // has one (empty: the provider finds it by the kiosk's reference, or by what it knows).
  virtual void look_up_payment(const std::string& reference, Cents amount, const std::string& provider_ref) = 0;

  // For the technician: what the device says of itself, as name and value ("software", "status"
  // …); empty when it has nothing to say.
  virtual std::vector<std::pair<std::string, std::string>> diagnosis() const { return {}; }
  // Asks the device about itself now (a ZVT status enquiry); `done` is called once, from any
  // thread, when diagnosis() has the answer (or the device did not give one).
  virtual void diagnose(std::function<void()> done) { done(); }
  // The day's closing, for a terminal that has one: false when it has none; otherwise `done` is
  // called once, from any thread, with whether it closed and the total it reported (-1: none).
  using DayClosed = std::function<void(bool ok, Cents total)>;
  virtual bool close_day(DayClosed /*done*/) { return false; }
};

}  // namespace kiosk::hal
