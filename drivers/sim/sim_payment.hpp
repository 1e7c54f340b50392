#pragma once
#include <deque>
#include <optional>
#include <string>

#include "hal/payment_terminal.hpp"

namespace kiosk::sim {

// What the simulated customer and bank do with the next payment.
enum class Outcome { approve, decline, timeout, unreadable };
bool parse_outcome(const std::string& word, Outcome* out);

// A simulated card terminal or e-wallet. Scripted: each payment waits for an outcome given by
// script(). Automatic (the demo): it walks through the usual prompts and approves by itself.
class SimPayment : public hal::PaymentTerminal {
 public:
  enum class Kind { card, wallet };
  SimPayment(Kind kind, hal::EventSink sink, bool automatic);

  void start_payment(const std::string& reference, Cents amount) override;
  void abort_payment(const std::string& reference) override;
  void reverse(const std::string& reference, Cents amount, const std::string& provider_ref) override;
  // The simulated terminal lives in the kiosk's process: a payment it had not finished died
  // with the process, so nothing was taken.
  void look_up_payment(const std::string& reference, Cents amount, const std::string& provider_ref) override;
  bool available() const override { return plugged_; }
  void poll(std::int64_t now_ms) override;
  // A simulated card terminal closes its day like a real one: the total taken since the last
  // closing (approvals less reversals). A wallet has no closing.
  bool close_day(DayClosed done) override;
  std::vector<std::pair<std::string, std::string>> diagnosis() const override;

  void script(Outcome next);
  void set_plugged(bool plugged);
  bool busy() const { return active_.has_value(); }

 private:
  struct Active {
    std::string reference;
    Cents amount = 0;
    std::int64_t started_ms = 0;
    int stage = 0;  // prompts shown so far (automatic mode)
  };
  void finish(Outcome outcome);
  void prompt(TerminalPrompt p);

  Kind kind_;
  hal::EventSink sink_;
  bool automatic_;
  bool plugged_ = true;
  std::int64_t now_ = 0;
  std::deque<Outcome> queued_;
  std::optional<Active> active_;
  std::uint32_t next_receipt_ = 1001;
  std::uint32_t next_trace_ = 501;
  Cents day_total_ = 0;  // since the last closing
};

}  // namespace kiosk::sim
