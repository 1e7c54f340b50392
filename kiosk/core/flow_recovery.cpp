// Recovery: every transaction ends as exactly one delivered renewal or with the money back,
// and the customer is told which. An answer that says nothing is asked again later; nothing is
// inferred from silence.
#include "flow.hpp"

namespace kiosk::flow {

namespace {

using Need = OpenTransaction::Need;

OpenTransaction* find_open(State& s, const std::string& reference) {
  for (OpenTransaction& t : s.open)
    if (t.reference == reference) return &t;
  return nullptr;
}

// The customer is still on the "still confirming" screen: the session learns the outcome, and
// the table's completions move the screen on to it.
void tell_waiting_customer(Step& st, const OpenTransaction& t, ReceiptData::Kind kind) {
  Session& se = st.s.session;
  Transaction& txn = *se.txn;
  using P = Transaction::Phase;
  switch (kind) {
    case ReceiptData::Kind::renewal:
      txn.phase = P::delivered;
      txn.confirmation_id = t.receipt.confirmation_id;
      txn.new_expiry = t.receipt.valid_until;
      break;
    case ReceiptData::Kind::refund: txn.phase = P::reversed; break;
    case ReceiptData::Kind::not_charged:
      txn.phase = P::failed;
      se.failure = PaymentFailure::terminal_unavailable;
      return;  // nothing to print: the declined screen says nothing was charged
    default: return;
  }
  se.want_sms = se.want_sms || t.number.has_value();  // the SMS below goes whatever was chosen
  if (se.want_receipt || kind == ReceiptData::Kind::refund) print_or_note_missing(st, t.receipt);
}

// The outcome is known: tell the customer (SMS; paper too when they saw the kiosk stop), then
// settle. The SMS effect comes before the settled record, which erases the number.
void close(Step& st, const std::string& reference, ReceiptData::Kind kind) {
  OpenTransaction* t = find_open(st.s, reference);
  if (!t) return;
  t->receipt.kind = kind;
  // The journal keeps the brand's id; its name is the catalog's of today.
  if (t->receipt.brand_name.empty()) t->receipt.brand_name = brand_name(st.s, t->receipt.brand);
  if (is_current(st.s, reference)) tell_waiting_customer(st, *t, kind);
  if (t->number) {
    st.journal(reference, JournalStep::sms_requested, {{"kind", std::string(sms_kind(kind))}, {"by", "recovery"}});
    st.fx.push_back(fx::RequestSms{t->receipt, *t->number});
  }
  if (t->from_earlier_run && receipt_printable(st.s)) st.fx.push_back(fx::RequestReceipt{t->receipt});
  st.journal(reference, JournalStep::settled, {{"by", "recovery"}});
  std::erase_if(st.s.open, [&](const OpenTransaction& o) { return o.reference == reference; });
}

void ask(Step& st, OpenTransaction& t) {
  t.in_flight = true;
  switch (t.need) {
    case Need::payment_outcome:
      st.fx.push_back(fx::RequestPaymentLookup{t.reference, t.amount, t.method, t.receipt.payment.provider_ref});
      break;
    case Need::delivery_outcome:
      st.fx.push_back(fx::RequestRenewalResolve{t.reference, t.receipt.brand, t.plan_id, t.receipt.months, t.amount, t.number});
      break;
    case Need::give_back:
      st.journal(t.reference, JournalStep::reversal_requested,
                 {{"provider_ref", t.receipt.payment.provider_ref},
                  {"by", t.held_by_terminal ? "refusing the held payment" : "reversal"}});
      if (t.held_by_terminal) st.fx.push_back(fx::RequestPaymentSettle{t.reference, false});
      else st.fx.push_back(fx::RequestReversal{t.reference, t.amount, t.receipt.payment.provider_ref, t.method});
      break;
    case Need::close:
      close(st, t.reference, t.receipt.kind);  // t is gone after this
      break;
    case Need::technician:
      t.in_flight = false;  // stays open, unasked, until a person settles it
      break;
  }
}

// The answer said nothing: ask again after a while.
void later(Step& st, OpenTransaction& t) {
  t.in_flight = false;
  ++t.attempts;
  t.next_try_ms = st.s.now_ms + recovery_backoff_ms(t.attempts);
}

// At most this many asked at once: a hundred transactions left open by a long outage must not
// reach the gateway (or the terminal) as one burst, which its rate limit would refuse and send
// back to wait out their backoff. Each answer asks the next.
constexpr int recovery_in_flight_max = 8;

// Asks the due transactions, oldest first, while fewer than the maximum are out.
void ask_due(Step& st) {
  int in_flight = 0;
  std::vector<std::string> due;
  for (const OpenTransaction& t : st.s.open) {
    if (t.in_flight) ++in_flight;
    else if (t.need != Need::technician && t.next_try_ms <= st.s.now_ms) due.push_back(t.reference);
  }
  for (const std::string& r : due) {
    if (in_flight >= recovery_in_flight_max) break;
    if (OpenTransaction* t = find_open(st.s, r)) {
      ask(st, *t);
      ++in_flight;
    }
  }
}

}  // namespace

bool recovery_blocks_sales(const State& s) {
  // A payment the terminal has not accounted for: its last receipt must answer for it before
  // another card is taken, or the answers could be mixed up.
  for (const OpenTransaction& t : s.open)
    if (t.need == Need::payment_outcome || (t.need == Need::give_back && t.from_earlier_run)) return true;
  return false;
}

bool followed_by_recovery(const State& s, const std::string& reference) {
  for (const OpenTransaction& t : s.open)
    if (t.reference == reference) return true;
  return false;
}

void take_over_open(Step& st, const ev::JournalReadBack& e) {
  for (const JournalRecord& record : e.open) {
    std::optional<OpenTransaction> t = open_transaction_from(record, st.s.settings);
    if (!t || find_open(st.s, t->reference)) continue;
    t->from_earlier_run = true;
    st.s.open.push_back(std::move(*t));
  }
  // In journal order: the terminal's last receipt answers for the newest payment only after
  // the older ones are known.
  ask_due(st);
}

namespace {

void looked_up(Step& st, const ev::PaymentLookedUp& e) {
  OpenTransaction* t = find_open(st.s, e.reference);
  if (!t || t->need != Need::payment_outcome) return;
  switch (e.outcome) {
    case ev::PaymentLookup::taken:
      t->money_taken = true;
      t->receipt.payment = e.receipt;
      t->receipt.payment.pan_masked = mask_pan(e.receipt.pan_masked);
      st.journal(t->reference, JournalStep::payment_approved,
                 {{"provider_ref", e.receipt.provider_ref},
                  {"card_type", e.receipt.card_type},
                  {"pan_masked", t->receipt.payment.pan_masked},
                  {"terminal_id", e.receipt.terminal_id},
                  {"trace", std::to_string(e.receipt.trace)},
                  {"auth_code", e.receipt.auth_code},
                  {"by", "recovery"}});
      // Nothing was delivered (the journal stopped before the request): the money goes back.
      t->need = Need::give_back;
      ask(st, *t);
      break;
    case ev::PaymentLookup::not_taken:
      st.journal(t->reference, JournalStep::payment_failed, {{"reason", "not_taken"}, {"by", "recovery"}});
      close(st, t->reference, ReceiptData::Kind::not_charged);
      break;
    case ev::PaymentLookup::unknown:
      later(st, *t);
      break;
  }
}

void resolved(Step& st, const ev::RenewalResolved& e) {
  OpenTransaction* t = find_open(st.s, e.reference);
  if (!t || t->need != Need::delivery_outcome) return;
  switch (e.outcome) {
    case ev::RenewalOutcome::delivered: {
      t->receipt.confirmation_id = e.confirmation_id;
      t->receipt.valid_until = e.new_expiry;
      Fields fields{{"confirmation_id", e.confirmation_id}, {"new_expiry", iso_date(e.new_expiry)}, {"by", "recovery"}};
      // A held payment whose hold ran out before the gateway could be asked: the customer has
      // both; the operator's loss is on record.
      if (!t->money_taken) fields["note"] = "delivered after the terminal returned the money";
      st.journal(t->reference, JournalStep::delivered, fields);
      if (t->held_by_terminal) st.fx.push_back(fx::RequestPaymentSettle{t->reference, true});
      close(st, t->reference, ReceiptData::Kind::renewal);
      break;
    }
    case ev::RenewalOutcome::closed_undelivered:
      st.journal(t->reference, JournalStep::delivery_failed, {{"reason", "closed_undelivered"}, {"by", "recovery"}});
      if (!t->money_taken) {
        close(st, t->reference, ReceiptData::Kind::refund);
        break;
      }
      t->need = Need::give_back;
      ask(st, *t);
      break;
    case ev::RenewalOutcome::unknown:
      // An answer about another renewal is kept on record; a silent network is not.
      if (!e.why.empty()) st.journal(t->reference, JournalStep::delivery_unknown, {{"why", e.why}, {"by", "recovery"}});
      later(st, *t);
      break;
  }
}

void reversed(Step& st, const ev::PaymentReversed& e) {
  OpenTransaction* t = find_open(st.s, e.reference);
  if (!t) return;
  if (t->need == Need::delivery_outcome && e.ok && t->held_by_terminal) {
    // A terminal that held the payment gave it back on its own (its hold ran out): the money is
    // home; the delivery is still to be closed.
    t->money_taken = false;
    t->held_by_terminal = false;
    Fields fields = reversal_fields(e);
    fields["by"] = "terminal, hold expired";
    st.journal(t->reference, JournalStep::reversed, fields);
    return;
  }
  if (t->need != Need::give_back) return;
  if (!e.ok) {
    st.journal(t->reference, JournalStep::reversal_failed, {{"by", "recovery"}});
    later(st, *t);
    return;
  }
  t->money_taken = false;
  Fields fields = reversal_fields(e);
  fields["by"] = "recovery";
  st.journal(t->reference, JournalStep::reversed, fields);
  close(st, t->reference, ReceiptData::Kind::refund);
}

}  // namespace

// An answer frees a place for the next transaction due.
void settle_looked_up(Step& st, const ev::PaymentLookedUp& e) {
  looked_up(st, e);
  ask_due(st);
}

void settle_resolved(Step& st, const ev::RenewalResolved& e) {
  resolved(st, e);
  ask_due(st);
}

void recovery_reversal(Step& st, const ev::PaymentReversed& e) {
  reversed(st, e);
  ask_due(st);
}

void recovery_tick(Step& st) { ask_due(st); }

void retry_recovery_now(Step& st) {
  for (OpenTransaction& t : st.s.open)
    if (!t.in_flight && t.need != Need::technician) t.next_try_ms = st.s.now_ms;
  ask_due(st);
}

void follow_give_back(Step& st, const std::string& reference, Cents amount, PayMethod method,
                      const PaymentReceipt& payment, bool held) {
  if (find_open(st.s, reference)) return;
  OpenTransaction t;
  t.reference = reference;
  t.need = Need::give_back;
  t.amount = amount;
  t.method = method;
  t.money_taken = true;
  t.held_by_terminal = held;
  t.receipt.kind = ReceiptData::Kind::refund;
  t.receipt.reference = reference;
  t.receipt.payment = payment;
  t.in_flight = true;  // the reversal is asked for already
  t.attempts = 1;
  t.next_try_ms = st.s.now_ms + recovery_backoff_ms(t.attempts);
  st.s.open.push_back(std::move(t));
}

void adopt(Step& st, const Transaction& txn, Need need) {
  if (find_open(st.s, txn.reference)) return;
  OpenTransaction t;
  t.reference = txn.reference;
  t.need = need;
  t.amount = txn.amount;
  t.plan_id = st.s.session.plan_id;
  t.method = txn.method;
  t.money_taken = need != Need::payment_outcome;
  t.held_by_terminal = need == Need::delivery_outcome && held_by_terminal(st.s, txn);
  t.receipt = make_receipt(st.s, ReceiptData::Kind::pending);
  t.number = st.s.session.number;
  t.attempts = 1;
  t.next_try_ms = st.s.now_ms + recovery_backoff_ms(t.attempts);
  st.s.open.push_back(std::move(t));
}

}  // namespace kiosk::flow
