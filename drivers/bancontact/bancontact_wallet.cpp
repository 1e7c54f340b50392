#include "bancontact_wallet.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "log/log.hpp"

namespace kiosk::bancontact {

namespace {

std::int64_t now_s() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// What the kiosk keeps of a wallet payment: the provider's name and its paymentId, nothing of
// the payer (the API tells a masked IBAN and a first name; neither is kept).
PaymentReceipt receipt_for(const Payment& p) {
  PaymentReceipt r;
  r.card_type = "Bancontact Pay";
  r.provider_ref = p.id;
  return r;
}

std::string answer_of(const net::HttpsReply& r) {
  if (!r.answered()) return r.error;
  const std::string code = error_code(r.body);
  return "HTTP " + std::to_string(r.status) + (code.empty() ? "" : " " + code);
}

}  // namespace

BancontactWallet::BancontactWallet(hal::EventSink sink, WalletOptions options)
    : sink_(std::move(sink)),
      options_(std::move(options)),
      jobs_({.run = [this](Job& job) { run(job); },
             .idle = [this] { run_late_checks(); },
             .idle_every = std::chrono::seconds(1),
             .started = [this](const Job& job) {
               if (job.kind == Job::Kind::payment) {
                 active_reference_ = job.reference;
                 abort_requested_ = false;
               }
             },
             .finished = [this] { active_reference_.clear(); }}) {}

BancontactWallet::~BancontactWallet() {
  shutting_down_ = true;
  jobs_.stop();
}

bool BancontactWallet::busy() const { return jobs_.busy(); }

void BancontactWallet::start_payment(const std::string& reference, Cents amount) {
  jobs_.post({Job::Kind::payment, reference, amount, ""});
}

void BancontactWallet::abort_payment(const std::string& reference) {
  jobs_.locked([&](std::deque<Job>& queue) {
    if (reference == active_reference_) abort_requested_ = true;
    // Not created yet: it never will be.
    for (auto it = queue.begin(); it != queue.end(); ++it)
      if (it->reference == reference && it->kind == Job::Kind::payment) {
        queue.erase(it);
        sink_(ev::PaymentFailed{reference, PaymentFailure::cancelled, 0});
        break;
      }
  });
}

void BancontactWallet::reverse(const std::string& reference, Cents amount, const std::string& provider_ref) {
  jobs_.post({Job::Kind::reversal, reference, amount, provider_ref});
}

void BancontactWallet::look_up_payment(const std::string& reference, Cents amount, const std::string& provider_ref) {
  jobs_.post({Job::Kind::lookup, reference, amount, provider_ref});
}

void BancontactWallet::run(Job& job) {
  switch (job.kind) {
    case Job::Kind::payment: run_payment(job); break;
    case Job::Kind::reversal: run_reversal(job); break;
    case Job::Kind::lookup: run_lookup(job); break;
  }
}

net::HttpsReply BancontactWallet::call(const std::string& method, const std::string& path, const std::string& body,
                                       const net::Headers& extra) {
  if (!transport_) {
    std::string error = "no way to make HTTPS requests";
    if (options_.connect) transport_ = options_.connect(&error);
    if (transport_ && options_.make_signer && !signer_) {
      signer_ = options_.make_signer(&error);
      if (!signer_) transport_.reset();  // unsigned requests would be refused: none at all
    }
    if (!transport_) {
      net::HttpsReply r;
      r.error = error;
      return r;
    }
  }
  net::Headers headers{{"Authorization", "Bearer " + options_.api_key}};
  if (signer_) {
    const std::string full = options_.path_prefix + path;
    headers.emplace_back("Signature", signer_->sign(body, full.substr(0, full.find('?'))));
  }
  headers.insert(headers.end(), extra.begin(), extra.end());
  return transport_->send(method, options_.path_prefix + path, body, headers);
}

void BancontactWallet::pause(int ms, bool wake_on_abort) {
  const std::int64_t until = steady_ms() + ms;
  while (steady_ms() < until && !shutting_down_ && !(wake_on_abort && abort_requested_))
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
}

std::string BancontactWallet::fetch(const Expected& expected, Payment* out) {
  const net::HttpsReply r = call("GET", "/v3/payments/" + expected.id, "");
  if (!r.answered() || r.status != 200) return answer_of(r);
  return read_payment(r.body, expected, out);
}

bool BancontactWallet::cancel(const std::string& id) {
  const net::HttpsReply r = call("DELETE", "/v3/payments/" + id, "");
  // 204 cancelled; 422 PAYMENT_NOT_PENDING: too late to cancel, the status will tell what it became.
  if (r.answered() && (r.status == 204 || r.status == 422)) return true;
  log_warn("bancontact: cancel of " + id + ": " + answer_of(r));
  return false;
}

void BancontactWallet::run_payment(const Job& job) {
  if (job.reference.size() > 35) {  // the API's limit for a merchant reference
    log_warn("bancontact: reference " + job.reference + " is longer than 35 characters");
    sink_(ev::PaymentFailed{job.reference, PaymentFailure::terminal_unavailable, 0});
    return;
  }
  const net::HttpsReply r =
      call("POST", "/v3/payments", create_body(job.reference, job.amount, options_.description, options_.callback_url));
  Payment created;
  const std::string why = !r.answered() || r.status != 201 ? answer_of(r)
                                                            : read_created(r.body, {"", job.reference, job.amount}, &created);
  if (!why.empty()) {
    // No code was shown, so nobody can pay it; one that was made is withdrawn all the same.
    log_warn("bancontact: payment " + job.reference + " not created: " + why);
    if (valid_id(created.id)) cancel(created.id);
    sink_(ev::PaymentFailed{job.reference, PaymentFailure::terminal_unavailable, 0});
    return;
  }
  const std::int64_t left = created.expires_at - now_s();
  log_info("bancontact: payment " + job.reference + " is " + created.id);
  sink_(ev::WalletCodeReady{job.reference, created.deeplink, created.id, static_cast<int>(std::max<std::int64_t>(left, 1))});
  follow(job, created);
}

void BancontactWallet::follow(const Job& job, const Payment& created) {
  const std::int64_t give_up_at = std::max(created.expires_at, now_s()) + options_.grace_s;
  const Expected expected{created.id, job.reference, job.amount};
  bool cancelled = false;
  std::string last_problem;
  for (;;) {
    if (abort_requested_ && !cancelled) cancelled = cancel(created.id);
    Payment now;
    const std::string why = fetch(expected, &now);
    if (why.empty() && is_final(now.status)) {
      report_final(job.reference, now);
      return;
    }
    if (!why.empty() && why != last_problem) log_warn("bancontact: status of " + created.id + ": " + why);
    last_problem = why;
    if (shutting_down_) return;  // the journal keeps it open; recovery asks after the restart
    if (now_s() > give_up_at) {
      // Never guessed: recovery asks again by the paymentId.
      sink_(ev::PaymentUnknown{job.reference});
      return;
    }
    pause(options_.poll_ms, !cancelled);
  }
}

void BancontactWallet::report_final(const std::string& reference, const Payment& p) {
  switch (p.status) {
    case Status::succeeded: sink_(ev::PaymentApproved{reference, receipt_for(p), PayMethod::wallet}); return;
    case Status::cancelled:
    case Status::expired: {
      std::lock_guard lock(late_mutex_);
      if (!options_.late_checks_ms.empty()) late_.push_back({reference, p, steady_ms() + options_.late_checks_ms[0], 0});
      break;
    }
    default: break;
  }
  const PaymentFailure why = p.status == Status::cancelled ? PaymentFailure::cancelled
                             : p.status == Status::expired ? PaymentFailure::timeout
                                                           : PaymentFailure::declined;
  log_info("bancontact: " + p.id + " ended " + std::string(status_name(p.status)));
  sink_(ev::PaymentFailed{reference, why, 0});
}

void BancontactWallet::run_late_checks() {
  std::vector<LateCheck> due;
  {
    std::lock_guard lock(late_mutex_);
    const std::int64_t now = steady_ms();
    for (auto it = late_.begin(); it != late_.end();) {
      if (it->due_ms <= now) {
        due.push_back(std::move(*it));
        it = late_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (const LateCheck& c : due) {
    Payment p;
    const std::string why = fetch({c.payment.id, c.reference, c.payment.amount}, &p);
    if (!why.empty()) {
      log_warn("bancontact: late check of " + c.payment.id + ": " + why);
      continue;
    }
    if (p.status == Status::succeeded) {
      log_warn("bancontact: " + c.payment.id + " SUCCEEDED after it was reported " +
               std::string(status_name(c.payment.status)) + ": given back");
      sink_(ev::PaymentApproved{c.reference, receipt_for(p), PayMethod::wallet});
    } else if (c.round + 1 < options_.late_checks_ms.size()) {
      std::lock_guard lock(late_mutex_);
      late_.push_back({c.reference, c.payment, steady_ms() + options_.late_checks_ms[c.round + 1], c.round + 1});
    }
  }
}

void BancontactWallet::run_reversal(const Job& job) {
  const auto fail = [&](const std::string& why) {
    log_warn("bancontact: refund " + job.reference + ": " + why);
    sink_(ev::PaymentReversed{job.reference, false});
  };
  if (!valid_id(job.provider_ref)) return fail("no paymentId to refund");
  // The payment as the provider has it: only SUCCEEDED money is refunded, and its own amount
  // goes back (the give-back of a late approval does not know it).
  Payment p;
  if (std::string why = fetch({job.provider_ref, job.reference, job.amount}, &p); !why.empty()) return fail(why);
  if (p.status != Status::succeeded) {
    if (!is_final(p.status)) return fail("payment is " + std::string(status_name(p.status)) + ", not final yet");
    log_info("bancontact: " + p.id + " is " + std::string(status_name(p.status)) + ": no money to give back");
    sink_(ev::PaymentReversed{job.reference, true});
    return;
  }
  // The kiosk's reference as the idempotency key: asked again after a lost answer, it is the
  // same refund, never a second one.
  net::HttpsReply r = call("POST", "/v3/payments/" + p.id + "/refunds", refund_body(p.amount, options_.description),
                           {{"Idempotency-Key", job.reference}});
  if (!r.answered() || (r.status != 201 && r.status != 200)) return fail(answer_of(r));
  Refund refund;
  if (std::string why = read_refund(r.body, p.id, p.amount, "", &refund); !why.empty()) return fail(why);
  const std::int64_t give_up_at = now_s() + 60;
  while (refund.status == RefundStatus::pending) {
    if (shutting_down_ || now_s() > give_up_at) return fail("refund " + refund.id + " still PENDING");
    pause(options_.poll_ms, false);
    r = call("GET", "/v3/payments/" + p.id + "/refunds/" + refund.id, "");
    Refund now;
    const std::string why = !r.answered() || r.status != 200 ? answer_of(r) : read_refund(r.body, p.id, p.amount, refund.id, &now);
    if (why.empty()) refund = now;
    else log_warn("bancontact: refund " + refund.id + ": " + why);
  }
  if (refund.status == RefundStatus::failed) return fail("refund " + refund.id + " FAILED");
  log_info("bancontact: " + p.id + " refunded (" + refund.id + ")");
  sink_(ev::PaymentReversed{job.reference, true, refund.id});
}

void BancontactWallet::run_lookup(const Job& job) {
  const auto unknown = [&](const std::string& why) {
    log_warn("bancontact: lookup " + job.reference + ": " + why);
    sink_(ev::PaymentLookedUp{job.reference, ev::PaymentLookup::unknown, {}});
  };
  std::vector<Payment> found;
  if (valid_id(job.provider_ref)) {
    Payment p;
    if (std::string why = fetch({job.provider_ref, job.reference, job.amount}, &p); !why.empty()) return unknown(why);
    found.push_back(p);
  } else {
    // No paymentId journaled: the code was never shown, but a payment may have been made.
    const net::HttpsReply r = call("POST", "/v3/payments/search?page=0&size=50", search_body(job.reference, now_s() - 7 * 86400));
    if (!r.answered() || r.status != 200) return unknown(answer_of(r));
    if (std::string why = read_search(r.body, job.reference, &found); !why.empty()) return unknown(why);
  }
  bool open = false;
  for (const Payment& p : found) {
    if (p.amount != job.amount) return unknown(p.id + " has another amount");
    if (p.status == Status::succeeded) {
      sink_(ev::PaymentLookedUp{job.reference, ev::PaymentLookup::taken, receipt_for(p)});
      return;
    }
    if (!is_final(p.status)) {
      // The customer is gone: withdrawn, and asked again once it is final.
      if (is_cancellable(p.status)) cancel(p.id);
      open = true;
    }
  }
  if (open) return unknown("a payment is still open");
  sink_(ev::PaymentLookedUp{job.reference, ev::PaymentLookup::not_taken, {}});
}

}  // namespace kiosk::bancontact
