#include "zvt_terminal.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "channel.hpp"
#include "log/log.hpp"

namespace kiosk::zvt {

TerminalPrompt prompt_for(int s) {
  switch (s) {
    case 0x0A: return TerminalPrompt::insert_card;
    case 0x01:
    case 0x02: return TerminalPrompt::enter_pin;
    case 0x0B: return TerminalPrompt::remove_card;
    case 0x07: case 0x08: case 0x09: case 0x0C: case 0x10: case 0x15: case 0x19:
      return TerminalPrompt::try_again;  // card not admitted, unknown, expired, unreadable, wrong PIN
    default: return TerminalPrompt::please_wait;
  }
}

PaymentFailure failure_for(int rc) {
  if (rc == 0x64 || rc == 0x65) return PaymentFailure::card_unreadable;
  if (rc == 0x6C) return PaymentFailure::cancelled;
  if (rc >= 0x01 && rc <= 0x63) return PaymentFailure::declined;  // the authorisation system said no
  return PaymentFailure::declined;
}

std::uint32_t receipt_from_ref(const std::string& ref) {
  if (ref.empty() || ref.size() > 9) return 0;
  std::uint32_t n = 0;
  for (char c : ref) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + static_cast<std::uint32_t>(c - '0');
  }
  return n;
}

bool receipt_after(std::uint32_t receipt, std::uint32_t newest) {
  if (newest == 0) return receipt != 0;
  const std::uint32_t distance = (receipt % 10000 + 10000 - newest % 10000) % 10000;
  return distance != 0 && distance < 5000;
}

namespace {
// What the kiosk keeps of an approved payment: never more than the masked PAN.
PaymentReceipt receipt_from(const Message& status) {
  PaymentReceipt r;
  r.card_type = status.card_name.value_or("card");
  r.pan_masked = mask_pan(status.pan_masked.value_or(""));
  r.terminal_id = status.terminal_id.value_or("");
  r.trace = status.trace.value_or(0);
  if (status.receipt) r.provider_ref = std::to_string(*status.receipt);
  r.auth_code = status.aid.value_or("");
  r.terminal_lines = status.text_lines;
  return r;
}
}  // namespace

ZvtTerminal::ZvtTerminal(hal::EventSink sink, ZvtOptions options)
    : sink_(std::move(sink)),
      options_(std::move(options)),
      last_receipt_seen_(options_.newest_known_receipt),
      jobs_({.run = [this](Job& job) { run(job); },
             // Keeps the kiosk's idea of availability current, and closes the day when due.
             .idle = [this] { if (ensure_connected()) end_of_day_if_due(); },
             .idle_every = std::chrono::seconds(2),
             // Taken and marked active in one step, so that an abort finds the payment either
             // still queued or under way.
             .started = [this](const Job& job) {
               active_reference_ = job.reference;
               abort_requested_ = false;
             },
             .finished = [this] { active_reference_.clear(); }}) {}

ZvtTerminal::~ZvtTerminal() {
  shutting_down_ = true;
  jobs_.stop();
}

bool ZvtTerminal::busy() const { return jobs_.busy(); }

void ZvtTerminal::start_payment(const std::string& reference, Cents amount) {
  jobs_.post({Job::Kind::payment, reference, amount, 0});
}

void ZvtTerminal::abort_payment(const std::string& reference) {
  jobs_.locked([&](std::deque<Job>& queue) {
    if (reference == active_reference_) abort_requested_ = true;
    // A payment still queued never reaches the terminal.
    for (auto it = queue.begin(); it != queue.end(); ++it)
      if (it->reference == reference && it->kind == Job::Kind::payment) {
        queue.erase(it);
        sink_(ev::PaymentFailed{reference, PaymentFailure::cancelled, 0x6C});
        break;
      }
  });
}

void ZvtTerminal::reverse(const std::string& reference, Cents amount, const std::string& provider_ref) {
  jobs_.post({Job::Kind::reversal, reference, amount, receipt_from_ref(provider_ref)});
}

void ZvtTerminal::look_up_payment(const std::string& reference, Cents amount, const std::string&) {
  jobs_.post({Job::Kind::lookup, reference, amount, 0});
}

void ZvtTerminal::refund(const std::string& reference, Cents amount) {
  jobs_.post({Job::Kind::refund, reference, amount, 0});
}

void ZvtTerminal::end_of_day() { jobs_.post({Job::Kind::end_of_day, "end-of-day", 0, 0}); }

bool ZvtTerminal::close_day(DayClosed done) {
  jobs_.post({Job::Kind::end_of_day, "end-of-day", 0, 0, std::move(done)});
  return true;
}

std::vector<std::pair<std::string, std::string>> ZvtTerminal::diagnosis() const {
  const TerminalInfo info = terminal_info();
  std::vector<std::pair<std::string, std::string>> out;
  out.emplace_back("connected", connected_ ? "yes" : "no");
  if (!info.software_version.empty()) out.emplace_back("software", info.software_version);
  if (info.status >= 0) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "%02X", static_cast<unsigned>(info.status) & 0xFFu);
    out.emplace_back("status", hex);
  }
  return out;
}

// The daily closing at the configured minute, once per day, when no sale is under way.
void ZvtTerminal::end_of_day_if_due() {
  if (options_.end_of_day_minute < 0) return;
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  if (tm.tm_yday == last_end_of_day_yday_ || tm.tm_hour * 60 + tm.tm_min < options_.end_of_day_minute) return;
  last_end_of_day_yday_ = tm.tm_yday;
  run_admin(Job{Job::Kind::end_of_day, "end-of-day", 0, 0});
}

void ZvtTerminal::settle(const std::string& reference, bool delivered) {
  jobs_.locked([&](const std::deque<Job>&) {
    if (reference == active_reference_) hold_decision_ = delivered;
  });
}

void ZvtTerminal::drop(const std::string& why) {
  log_warn("zvt: " + why);
  channel_.reset();
  if (connected_.exchange(false)) sink_(ev::TerminalAvailabilityChanged{false});
}

bool ZvtTerminal::ensure_connected() {
  if (channel_) return true;
  std::string error;
  std::unique_ptr<Channel> c;
  if (!options_.serial_path.empty()) {
    c = open_serial(options_.serial_path, options_.serial, &error);
  } else if (auto s = net::TcpStream::connect(options_.host, options_.port, options_.connect_timeout_ms, &error)) {
    c = tcp_channel(std::move(s), options_.host + ":" + std::to_string(options_.port));
  }
  if (!c) {
    // The kiosk assumes a terminal until told otherwise: say so the first time too.
    if (connected_.exchange(false) || !availability_reported_) sink_(ev::TerminalAvailabilityChanged{false});
    availability_reported_ = true;
    return false;
  }
  // Registration: the terminal answers ACK, then a completion that we ACK.
  Apdu reply;
  const int t = options_.ack_timeout_ms;
  if (c->send(registration(options_.password, options_.config_byte), t) != IoStatus::ok ||
      c->receive(&reply, t) != IoStatus::ok || !is_ack(reply) || c->receive(&reply, t) != IoStatus::ok ||
      reply.cls != 0x06 || reply.instr != 0x0F || c->send(ack(), t) != IoStatus::ok) {
    log_warn("zvt: registration with " + c->describe() + " failed");
    return false;
  }
  ask_status(*c);
  channel_ = std::move(c);
  if (!connected_.exchange(true)) sink_(ev::TerminalAvailabilityChanged{true});
  availability_reported_ = true;
  return true;
}

// Status enquiry (05 01): the terminal's software version and state, for the log and the
// technician. A terminal that does not answer it is used all the same.
void ZvtTerminal::ask_status(Channel& line) {
  const int t = options_.ack_timeout_ms;
  Apdu reply;
  if (line.send(status_enquiry(options_.password), t) != IoStatus::ok || line.receive(&reply, t) != IoStatus::ok ||
      !is_ack(reply)) {
    log_warn("zvt: the terminal does not answer a status enquiry");
    return;
  }
  for (int messages = 0; messages < 8; ++messages) {  // intermediate statuses, then the completion
    if (line.receive(&reply, t) != IoStatus::ok) break;
    line.send(ack(), t);
    if (reply.cls == 0x06 && reply.instr == 0x1E) break;
    if (reply.cls != 0x06 || reply.instr != 0x0F) continue;
    std::string error;
    const auto m = parse(reply, &error, options_.charset);
    if (!m) {
      log_warn("zvt: status enquiry answer: " + error);
      return;
    }
    TerminalInfo info{m->software_version.value_or(""), m->terminal_status.value_or(-1)};
    log_info("zvt: terminal software '" + info.software_version + "', status " + std::to_string(info.status));
    std::lock_guard lock(info_mutex_);
    info_ = std::move(info);
    return;
  }
  log_warn("zvt: no completion to the status enquiry");
}

TerminalInfo ZvtTerminal::terminal_info() const {
  std::lock_guard lock(info_mutex_);
  return info_;
}

void ZvtTerminal::check_status() { jobs_.post({Job::Kind::status, "status", 0, 0}); }

void ZvtTerminal::diagnose(std::function<void()> done) {
  jobs_.post({Job::Kind::status, "status", 0, 0, {}, std::move(done)});
}

void ZvtTerminal::run(const Job& job) {
  if (job.kind == Job::Kind::payment) run_payment(job);
  else if (job.kind == Job::Kind::reversal) run_reversal(job);
  else if (job.kind == Job::Kind::lookup) run_lookup(job);
  else if (job.kind == Job::Kind::status) {
    if (ensure_connected()) {
      std::lock_guard lock(write_mutex_);
      ask_status(*channel_);
    }
    if (job.checked) job.checked();
  } else run_admin(job);
}

bool ZvtTerminal::exchange(const Job& job, Message* status, bool* completed, int* abort_code) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.payment_timeout_ms);
  bool abort_sent = false;
  while (std::chrono::steady_clock::now() < deadline && !shutting_down_) {
    if (abort_requested_ && !abort_sent) {
      std::lock_guard lock(write_mutex_);
      abort_sent = channel_->send(abort_command(), options_.ack_timeout_ms) == IoStatus::ok;
    }
    Apdu a;
    const IoStatus st = channel_->receive(&a, 200);
    if (st == IoStatus::timeout) continue;
    if (st != IoStatus::ok) return false;
    std::string error;
    auto m = parse(a, &error, options_.charset);
    if (!m) {
      // A message we cannot read: say so (NACK) rather than guess what it meant.
      channel_->send(nack(0x83), options_.ack_timeout_ms);
      log_warn("zvt: " + job.reference + ": " + error);
      continue;
    }
    for (const std::string& why : m->skipped) log_warn("zvt: " + job.reference + ": left out " + why);
    if (a.cls == 0x80 || a.cls == 0x84) continue;  // the ACK of our abort
    if (a.cls == 0x04 && a.instr == 0x0F && job.kind == Job::Kind::payment && options_.hold_until_delivered &&
        m->result_code.value_or(0xFF) == 0) {
      answer_held(job, *m);
      *status = *m;
      continue;
    }
    channel_->send(ack(), options_.ack_timeout_ms);
    if (a.cls == 0x04 && a.instr == 0xFF && m->intermediate_status) {
      if (job.kind == Job::Kind::payment) sink_(ev::PaymentPrompted{prompt_for(*m->intermediate_status)});
    } else if (a.cls == 0x04 && a.instr == 0x0F) {
      *status = *m;
    } else if (a.cls == 0x06 && (a.instr == 0xD1 || a.instr == 0xD3)) {
      status->text_lines.insert(status->text_lines.end(), m->text_lines.begin(), m->text_lines.end());
    } else if (a.cls == 0x06 && a.instr == 0x0F) {
      *completed = true;
      return true;
    } else if (a.cls == 0x06 && a.instr == 0x1E) {
      *abort_code = m->result_code.value_or(0xFF);
      return true;
    }
  }
  return false;
}

void ZvtTerminal::run_payment(const Job& job) {
  if (!ensure_connected()) {
    sink_(ev::PaymentFailed{job.reference, PaymentFailure::terminal_unavailable, 0});
    return;
  }
  {
    std::unique_lock lock(write_mutex_);
    Apdu reply;
    if (channel_->send(authorization(job.amount), options_.ack_timeout_ms) != IoStatus::ok) {
      drop("authorization not sent");  // it never left: nothing can have been taken
      sink_(ev::PaymentFailed{job.reference, PaymentFailure::terminal_unavailable, 0});
      return;
    }
    if (channel_->receive(&reply, options_.ack_timeout_ms) != IoStatus::ok) {
      // Sent, but not acknowledged: the terminal may have started. Ask it, never guess.
      lock.unlock();
      drop("authorization not acknowledged");
      if (!recover_after_loss(job)) sink_(ev::PaymentUnknown{job.reference});
      return;
    }
    if (!is_ack(reply)) {
      sink_(ev::PaymentFailed{job.reference, PaymentFailure::declined, reply.instr});
      return;
    }
  }
  Message status;
  bool completed = false;
  int abort_code = -1;
  hold_reported_ = false;
  jobs_.locked([&](const std::deque<Job>&) { hold_decision_.reset(); });
  const bool answered = exchange(job, &status, &completed, &abort_code);
  if (hold_reported_) {
    // The kiosk already has the approval; what remains is whether the money was given back.
    const std::optional<bool> decision = jobs_.locked([&](const std::deque<Job>&) { return hold_decision_; });
    if (!answered) drop("line lost while holding " + job.reference);
    if (decision && !*decision) sink_(ev::PaymentReversed{job.reference, answered && abort_code >= 0});
    return;
  }
  if (!answered) {
    drop("line lost during payment " + job.reference);
    if (!recover_after_loss(job)) sink_(ev::PaymentUnknown{job.reference});
    return;
  }
  const int rc = status.result_code.value_or(abort_code >= 0 ? abort_code : 0xFF);
  if (completed && rc == 0 && status.receipt) {
    last_receipt_seen_ = *status.receipt;
    sink_(ev::PaymentApproved{job.reference, receipt_from(status)});
  } else {
    sink_(ev::PaymentFailed{job.reference, failure_for(rc), rc});
  }
}

std::optional<Message> ZvtTerminal::last_receipt(const Job& job) {
  if (!ensure_connected()) return std::nullopt;
  {
    std::lock_guard lock(write_mutex_);
    Apdu reply;
    if (channel_->send(repeat_receipt(options_.password), options_.ack_timeout_ms) != IoStatus::ok ||
        channel_->receive(&reply, options_.ack_timeout_ms) != IoStatus::ok || !is_ack(reply)) {
      drop("repeat receipt not acknowledged");
      return std::nullopt;
    }
  }
  Message status;
  bool completed = false;
  int abort_code = -1;
  Job quiet = job;
  quiet.kind = Job::Kind::lookup;  // no prompts to show while asking
  if (!exchange(quiet, &status, &completed, &abort_code)) {
    drop("line lost during repeat receipt");
    return std::nullopt;
  }
  if (!completed) status.result_code = abort_code >= 0 ? abort_code : 0xFF;  // no receipt to repeat
  return status;
}

namespace {
// The last receipt is this payment's: approved, for this amount, newer than any receipt known.
bool is_this_payment(const Message& last, Cents amount, std::uint32_t newest_known) {
  return last.result_code.value_or(0xFF) == 0 && last.receipt && receipt_after(*last.receipt, newest_known) &&
         last.amount_cents == amount;
}
}  // namespace

// The line dropped mid-payment: the terminal knows whether it took the money.
bool ZvtTerminal::recover_after_loss(const Job& job) {
  const std::optional<Message> last = last_receipt(job);
  if (!last) return false;
  if (is_this_payment(*last, job.amount, last_receipt_seen_)) {
    last_receipt_seen_ = *last->receipt;
    sink_(ev::PaymentApproved{job.reference, receipt_from(*last)});
    return true;
  }
  sink_(ev::PaymentFailed{job.reference, PaymentFailure::timeout, 0});
  return true;
}

// After the kiosk stopped: the newest receipt known is the journal's at start, or one a
// payment claimed since.
void ZvtTerminal::run_lookup(const Job& job) {
  const std::optional<Message> last = last_receipt(job);
  if (!last) {
    sink_(ev::PaymentLookedUp{job.reference, ev::PaymentLookup::unknown, {}});
    return;
  }
  // Claimed by this payment, the receipt cannot answer for another; one that is not claimed
  // may still be another open payment's.
  if (is_this_payment(*last, job.amount, last_receipt_seen_)) {
    last_receipt_seen_ = *last->receipt;
    sink_(ev::PaymentLookedUp{job.reference, ev::PaymentLookup::taken, receipt_from(*last)});
  } else
    sink_(ev::PaymentLookedUp{job.reference, ev::PaymentLookup::not_taken, {}});
}

void ZvtTerminal::run_reversal(const Job& job) {
  if (!ensure_connected()) {
    sink_(ev::PaymentReversed{job.reference, false});
    return;
  }
  {
    std::lock_guard lock(write_mutex_);
    Apdu reply;
    if (channel_->send(reversal(options_.password, job.receipt_no), options_.ack_timeout_ms) != IoStatus::ok ||
        channel_->receive(&reply, options_.ack_timeout_ms) != IoStatus::ok || !is_ack(reply)) {
      drop("reversal not acknowledged");
      sink_(ev::PaymentReversed{job.reference, false});
      return;
    }
  }
  Message status;
  bool completed = false;
  int abort_code = -1;
  const bool answered = exchange(job, &status, &completed, &abort_code);
  if (!answered) drop("line lost during reversal " + job.reference);
  // B4 "already reversed": an earlier request went through before its answer was lost.
  const bool reversed = answered && ((completed && status.result_code.value_or(0xFF) == 0) || abort_code == 0xB4);
  const std::uint32_t reversal_receipt = reversed && status.receipt ? *status.receipt : 0;
  if (receipt_after(reversal_receipt, last_receipt_seen_)) last_receipt_seen_ = reversal_receipt;
  sink_(ev::PaymentReversed{job.reference, reversed, reversal_receipt ? std::to_string(reversal_receipt) : std::string()});
}

}  // namespace kiosk::zvt

namespace kiosk::zvt {

// An approved payment the terminal holds: the kiosk hears of it at once (to deliver), and the
// terminal is asked to wait (84 9C) until the kiosk settles it, or the hold times out.
void ZvtTerminal::answer_held(const Job& job, const Message& status) {
  if (!hold_reported_) {
    hold_reported_ = true;
    held_since_ = std::chrono::steady_clock::now();
    if (status.receipt) last_receipt_seen_ = *status.receipt;
    sink_(ev::PaymentApproved{job.reference, receipt_from(status)});
  }
  std::optional<bool> decision = jobs_.locked([&](const std::deque<Job>&) { return hold_decision_; });
  if (!decision && std::chrono::steady_clock::now() - held_since_ > std::chrono::milliseconds(options_.hold_timeout_ms)) {
    log_warn("zvt: " + job.reference + " held too long: refused");
    decision = false;
  }
  if (!decision) channel_->send(nack(0x9C), options_.ack_timeout_ms);     // wait, repeat the status
  else if (*decision) channel_->send(ack(), options_.ack_timeout_ms);     // delivered: take it
  else channel_->send(nack(0x83), options_.ack_timeout_ms);               // refused: give it back
}

void ZvtTerminal::run_admin(const Job& job) {
  const bool is_refund = job.kind == Job::Kind::refund;
  bool ok = false;
  Cents total = -1;  // the closing's total, when the terminal says it
  if (ensure_connected()) {
    {
      std::lock_guard lock(write_mutex_);
      Apdu reply;
      const Apdu command = is_refund ? refund_command(job) : zvt::end_of_day(options_.password);
      ok = channel_->send(command, options_.ack_timeout_ms) == IoStatus::ok &&
           channel_->receive(&reply, options_.ack_timeout_ms) == IoStatus::ok && is_ack(reply);
    }
    if (ok) {
      Message status;
      bool completed = false;
      int abort_code = -1;
      ok = exchange(job, &status, &completed, &abort_code) && completed && status.result_code.value_or(0) == 0;
      if (ok && status.amount_cents) total = *status.amount_cents;
    } else {
      drop(std::string(is_refund ? "refund" : "end of day") + " not acknowledged");
    }
  }
  const std::string what = (is_refund ? "zvt: refund " + job.reference : std::string("zvt: end of day"));
  if (ok) log_info(what + " done");
  else log_warn(what + " FAILED");
  if (is_refund) sink_(ev::PaymentReversed{job.reference, ok});
  if (job.closed) job.closed(ok, total);
}

Apdu ZvtTerminal::refund_command(const Job& job) const { return zvt::refund(options_.password, job.amount); }

}  // namespace kiosk::zvt
