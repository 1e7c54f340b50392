#include "sim_payment.hpp"

#include <cstdio>

namespace kiosk::sim {

namespace {
// ZVT result codes the kiosk translates (PA00P015 list of error codes).
constexpr int zvt_declined = 0x05;
constexpr int zvt_card_unreadable = 0x64;
constexpr int zvt_abort_timeout_or_key = 0x6C;
}  // namespace

bool parse_outcome(const std::string& w, Outcome* out) {
  if (w == "approve") *out = Outcome::approve;
  else if (w == "decline") *out = Outcome::decline;
  else if (w == "timeout") *out = Outcome::timeout;
  else if (w == "unreadable") *out = Outcome::unreadable;
  else return false;
  return true;
}

SimPayment::SimPayment(Kind kind, hal::EventSink sink, bool automatic)
    : kind_(kind), sink_(std::move(sink)), automatic_(automatic) {}

void SimPayment::prompt(TerminalPrompt p) { sink_(ev::PaymentPrompted{p}); }

void SimPayment::start_payment(const std::string& reference, Cents amount) {
  if (!plugged_) {
    sink_(ev::PaymentFailed{reference, PaymentFailure::terminal_unavailable, 0});
    return;
  }
  active_ = Active{reference, amount, now_, 0};
  if (kind_ == Kind::wallet) {
    char payload[160];
    std::snprintf(payload, sizeof payload, "WALLETSIM:%s:%lld:EUR", reference.c_str(),
                  static_cast<long long>(amount));
    sink_(ev::WalletCodeReady{reference, payload});
  } else {
    prompt(TerminalPrompt::present_card);
  }
  poll(now_);  // an outcome scripted in advance applies at once
}

void SimPayment::abort_payment(const std::string& reference) {
  if (!active_ || active_->reference != reference) return;
  active_.reset();
  sink_(ev::PaymentFailed{reference, PaymentFailure::cancelled, zvt_abort_timeout_or_key});
}

void SimPayment::reverse(const std::string& reference, Cents amount, const std::string&) {
  if (plugged_) day_total_ -= amount;
  sink_(ev::PaymentReversed{reference, plugged_});
}

bool SimPayment::close_day(DayClosed done) {
  if (kind_ != Kind::card) return false;
  if (!plugged_) {
    done(false, -1);
    return true;
  }
  done(true, day_total_);
  day_total_ = 0;
  return true;
}

std::vector<std::pair<std::string, std::string>> SimPayment::diagnosis() const {
  return {{"simulated", "yes"}, {"connected", plugged_ ? "yes" : "no"}};
}

void SimPayment::look_up_payment(const std::string& reference, Cents, const std::string&) {
  sink_(ev::PaymentLookedUp{reference, ev::PaymentLookup::not_taken, {}});
}

void SimPayment::script(Outcome next) {
  queued_.push_back(next);
  poll(now_);
}

void SimPayment::set_plugged(bool plugged) {
  if (plugged == plugged_) return;
  plugged_ = plugged;
  if (kind_ == Kind::card) sink_(ev::TerminalAvailabilityChanged{plugged});
  if (!plugged && active_) {
    const std::string ref = active_->reference;
    active_.reset();
    sink_(ev::PaymentFailed{ref, PaymentFailure::terminal_unavailable, 0});
  }
}

void SimPayment::poll(std::int64_t now_ms) {
  now_ = now_ms;
  if (!active_) return;
  if (!queued_.empty()) {
    const Outcome o = queued_.front();
    queued_.pop_front();
    finish(o);
    return;
  }
  if (!automatic_) return;
  // The demo customer: taps, types a PIN, waits, and the bank approves.
  const std::int64_t t = now_ - active_->started_ms;
  if (kind_ == Kind::card) {
    if (active_->stage == 0 && t >= 2000) { active_->stage = 1; prompt(TerminalPrompt::enter_pin); }
    if (active_->stage == 1 && t >= 4500) { active_->stage = 2; prompt(TerminalPrompt::please_wait); }
    if (active_->stage == 2 && t >= 6000) finish(Outcome::approve);
  } else if (t >= 8000) {
    finish(Outcome::approve);
  }
}

void SimPayment::finish(Outcome o) {
  const Active a = *active_;
  active_.reset();
  switch (o) {
    case Outcome::approve: {
      PaymentReceipt r;
      r.card_type = kind_ == Kind::card ? "Bancontact" : "Bancontact Pay";
      r.pan_masked = kind_ == Kind::card ? "670300******1234" : "";
      r.terminal_id = kind_ == Kind::card ? "52500123" : "WALLET01";
      r.trace = next_trace_++;
      r.provider_ref = std::to_string(next_receipt_++);
      char auth[8];
      std::snprintf(auth, sizeof auth, "%06u", (r.trace * 7919u) % 1000000u);
      r.auth_code = auth;
      if (kind_ == Kind::card) prompt(TerminalPrompt::remove_card);
      day_total_ += a.amount;
      sink_(ev::PaymentApproved{a.reference, r, kind_ == Kind::card ? PayMethod::card : PayMethod::wallet});
      break;
    }
    case Outcome::decline: sink_(ev::PaymentFailed{a.reference, PaymentFailure::declined, zvt_declined}); break;
    case Outcome::timeout: sink_(ev::PaymentFailed{a.reference, PaymentFailure::timeout, zvt_abort_timeout_or_key}); break;
    case Outcome::unreadable: sink_(ev::PaymentFailed{a.reference, PaymentFailure::card_unreadable, zvt_card_unreadable}); break;
  }
}

}  // namespace kiosk::sim
