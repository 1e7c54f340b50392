// From the payment method to money taken, refused or returned. Every step that moves money is
// journaled first, and one transaction reference never sees a second payment request.
#include "flow.hpp"
#include "reference.hpp"

namespace kiosk::flow {

namespace {

std::string next_reference(State& s) { return make_reference(s.settings.kiosk_id, s.reference_key, s.next_sequence++); }

bool held(const State& s, PayMethod method) { return method == PayMethod::card && s.settings.terminal_holds_payment; }
}  // namespace

bool held_by_terminal(const State& s, const Transaction& t) { return held(s, t.method); }

namespace {
// Journals the give-back, then asks for it: a held card payment is refused (the terminal
// returns it), anything else is reversed by the provider's handle on the payment.
void give_back(Step& st, const std::string& reference, Cents amount, const std::string& provider_ref, PayMethod method) {
  const bool refuse = held(st.s, method);
  st.journal(reference, JournalStep::reversal_requested,
             {{"provider_ref", provider_ref}, {"by", refuse ? "refusing the held payment" : "reversal"}});
  if (refuse) st.fx.push_back(fx::RequestPaymentSettle{reference, false});
  else st.fx.push_back(fx::RequestReversal{reference, amount, provider_ref, method});
}
}  // namespace

void return_payment(Step& st, Transaction& t) {
  t.phase = Transaction::Phase::reversing;
  give_back(st, t.reference, t.amount, t.payment.provider_ref, t.method);
}

void start_payment(Step& st, const ev::PayMethodChosen& e) {
  Session& se = st.s.session;
  const Plan* plan = chosen_plan(st.s);

  Transaction t;
  t.reference = next_reference(st.s);
  t.amount = se.quote->total;
  t.method = e.method;
  t.phase = Transaction::Phase::paying;
  t.new_expiry = se.quote->valid_until;

  JournalEntry intent{t.reference, JournalStep::intent,
                      {{"brand", std::string(brand_id(*se.brand))},
                       {"number", mask_mobile(*se.number)},
                       {"plan", plan->id},
                       {"months", std::to_string(se.months)},
                       {"amount_cents", std::to_string(t.amount)},
                       {"method", e.method == PayMethod::card ? "card" : "wallet"},
                       // what recovery needs to tell the customer the outcome in their language
                       {"lang", std::string(lang_code(se.lang))},
                       {"plan_name", plan->name},
                       {"valid_until", iso_date(se.quote->valid_until)}},
                      e164(*se.number)};
  st.fx.push_back(fx::RequestJournal{std::move(intent)});
  st.journal(t.reference, JournalStep::payment_started);
  st.fx.push_back(fx::RequestPayment{t.reference, t.amount, t.method});
  se.prompt = e.method == PayMethod::card ? TerminalPrompt::present_card : TerminalPrompt::please_wait;
  se.txn = std::move(t);
}

void abort_payment(Step& st) {
  st.s.session.txn->phase = Transaction::Phase::aborting;
  st.fx.push_back(fx::RequestPaymentAbort{st.s.session.txn->reference});
}

void show_prompt(Step& st, const ev::PaymentPrompted& e) { st.s.session.prompt = e.prompt; }

void show_wallet_code(Step& st, const ev::WalletCodeReady& e) {
  Transaction& t = *st.s.session.txn;
  // Journaled before the code shows: after a crash, recovery asks the wallet by this handle.
  if (!e.provider_ref.empty()) st.journal(t.reference, JournalStep::payment_created, {{"provider_ref", e.provider_ref}});
  t.wallet_qr = e.qr_payload;
  t.wallet_expires_ms = e.seconds_left > 0 ? st.s.now_ms + e.seconds_left * 1000LL : 0;
}

void give_back_stale(Step& st, const ev::PaymentApproved& e) {
  // Money taken for a reference this session no longer follows (or whose customer was told it
  // failed): give it back, never keep it, and follow it until it is home.
  if (followed_by_recovery(st.s, e.reference)) return;  // recovery finds it on its own
  const Transaction* t = is_current(st.s, e.reference) ? &*st.s.session.txn : nullptr;
  const Cents amount = t ? t->amount : 0;  // 0: the provider knows it
  st.journal(e.reference, JournalStep::payment_approved, {{"provider_ref", e.receipt.provider_ref}, {"stale", "1"}});
  give_back(st, e.reference, amount, e.receipt.provider_ref, e.method);
  follow_give_back(st, e.reference, amount, e.method, e.receipt, held(st.s, e.method));
}

namespace {
Transaction& record_approval(Step& st, const ev::PaymentApproved& e) {
  Transaction& t = *st.s.session.txn;
  t.payment = e.receipt;
  t.payment.pan_masked = mask_pan(e.receipt.pan_masked);
  t.phase = Transaction::Phase::approved;
  st.journal(t.reference, JournalStep::payment_approved,
             {{"provider_ref", t.payment.provider_ref},
              {"card_type", t.payment.card_type},
              {"pan_masked", t.payment.pan_masked},
              {"terminal_id", t.payment.terminal_id},
              {"trace", std::to_string(t.payment.trace)},
              {"auth_code", t.payment.auth_code}});
  return t;
}
}  // namespace

void return_cancelled_payment(Step& st, const ev::PaymentApproved& e) {
  // The user asked to stop but the card went through anyway: honour the cancel.
  return_payment(st, record_approval(st, e));
}

void deliver(Step& st, const ev::PaymentApproved& e) {
  Transaction& t = record_approval(st, e);
  const Session& se = st.s.session;
  t.phase = Transaction::Phase::delivering;
  st.journal(t.reference, JournalStep::delivery_requested);
  st.fx.push_back(fx::RequestDelivery{t.reference, *se.brand, *se.number, se.plan_id, se.months,
                                      t.amount});
}

void record_failure(Step& st, const ev::PaymentFailed& e) {
  Transaction& t = *st.s.session.txn;
  t.phase = Transaction::Phase::failed;
  st.journal(t.reference, JournalStep::payment_failed,
             {{"reason", std::string(payment_failure_key(e.failure))},
              {"result_code", std::to_string(e.result_code)}});
  st.journal(t.reference, JournalStep::settled);
  st.s.session.failure = e.failure;
  st.s.session.failure_code = e.result_code;
}

void keep_unknown_payment(Step& st, const ev::PaymentUnknown&) {
  Transaction& t = *st.s.session.txn;
  // Never guessed: recovery asks the terminal again; money it took goes back.
  t.phase = Transaction::Phase::unresolved;
  st.journal(t.reference, JournalStep::payment_unknown);
  adopt(st, t, OpenTransaction::Need::payment_outcome);
}

void note_stale_reversal(Step& st, const ev::PaymentReversed& e) {
  st.journal(e.reference, e.ok ? JournalStep::reversed : JournalStep::reversal_failed, e.ok ? reversal_fields(e) : Fields{});
  if (e.ok) st.journal(e.reference, JournalStep::settled);
}

void keep_unreturned(Step& st, const ev::PaymentReversed&) {
  Transaction& t = *st.s.session.txn;
  t.phase = Transaction::Phase::unresolved;
  st.journal(t.reference, JournalStep::reversal_failed);
  adopt(st, t, OpenTransaction::Need::give_back);
  if (receipt_printable(st.s)) st.fx.push_back(fx::RequestReceipt{make_receipt(st.s, ReceiptData::Kind::pending)});
}

void refund(Step& st, const ev::PaymentReversed& e) {
  Transaction& t = *st.s.session.txn;
  t.phase = Transaction::Phase::reversed;
  st.journal(t.reference, JournalStep::reversed, reversal_fields(e));
  const ReceiptData refund = make_receipt(st.s, ReceiptData::Kind::refund);
  if (st.s.session.want_sms && st.s.session.number) {
    st.journal(t.reference, JournalStep::sms_requested, {{"kind", std::string(sms_kind(refund.kind))}});
    st.fx.push_back(fx::RequestSms{refund, *st.s.session.number});
  }
  st.journal(t.reference, JournalStep::settled);
  // The slip that says the money went back is printed whatever was chosen for the renewal.
  print_or_note_missing(st, refund);
}

}  // namespace kiosk::flow
