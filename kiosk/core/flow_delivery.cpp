// The renewal at the operator and what the customer takes away: receipt and SMS.
#include "flow.hpp"

namespace kiosk::flow {

void print_or_note_missing(Step& st, const ReceiptData& receipt) {
  if (receipt_printable(st.s)) {
    st.fx.push_back(fx::RequestReceipt{receipt});
    return;
  }
  // The paper ran out (or the printer went) while the customer paid: the outcome screen says
  // that nothing was printed and offers the SMS.
  st.s.session.txn->receipt_failed = true;
  st.journal(receipt.reference, JournalStep::receipt_failed, {{"why", "printer_not_ready"}});
}

void confirm_renewal(Step& st, const ev::RenewalDelivered& e) {
  Transaction* t = &*st.s.session.txn;
  t->phase = Transaction::Phase::delivered;
  t->confirmation_id = e.confirmation_id;
  t->new_expiry = e.new_expiry;
  st.journal(t->reference, JournalStep::delivered,
             {{"confirmation_id", e.confirmation_id}, {"new_expiry", iso_date(e.new_expiry)}});
  // A terminal that held the payment takes it now that the renewal is there.
  if (held_by_terminal(st.s, *t)) st.fx.push_back(fx::RequestPaymentSettle{t->reference, true});
  const ReceiptData receipt = make_receipt(st.s, ReceiptData::Kind::renewal);
  // The SMS is queued before the settled record, which erases the number it goes to.
  if (st.s.session.want_sms) {
    st.journal(t->reference, JournalStep::sms_requested, {{"kind", std::string(sms_kind(receipt.kind))}});
    st.fx.push_back(fx::RequestSms{receipt, *st.s.session.number});
  }
  st.journal(t->reference, JournalStep::settled);
  if (st.s.session.want_receipt) print_or_note_missing(st, receipt);
}

void give_back_undelivered(Step& st, const ev::RenewalFailed& e) {
  Transaction* t = &*st.s.session.txn;
  st.journal(t->reference, JournalStep::delivery_failed, {{"reason", e.reason}});
  return_payment(st, *t);
}

void keep_unknown_delivery(Step& st, const ev::RenewalUnknown& e) {
  Transaction* t = &*st.s.session.txn;
  // Neither delivered nor failed as far as we know: reversing could refund a delivered
  // renewal, retrying could deliver twice. The journal keeps it open for recovery.
  t->phase = Transaction::Phase::unresolved;
  if (e.why.empty()) st.journal(t->reference, JournalStep::delivery_unknown);
  else st.journal(t->reference, JournalStep::delivery_unknown, {{"why", e.why}});
  adopt(st, *t, OpenTransaction::Need::delivery_outcome);
  // Proof of payment now; the outcome follows by SMS when recovery resolves it.
  if (receipt_printable(st.s)) st.fx.push_back(fx::RequestReceipt{make_receipt(st.s, ReceiptData::Kind::pending)});
}

void record_receipt(Step& st, const ev::ReceiptPrinted& e) {
  st.journal(e.reference, e.ok ? JournalStep::receipt_printed : JournalStep::receipt_failed);
  Session& se = st.s.session;
  // The outcome screen says so and offers the SMS; one the customer turned off is not sent
  // unasked.
  if (!e.ok && se.txn && se.txn->reference == e.reference) se.txn->receipt_failed = true;
}

void ask_reminder(Step& st) {
  Session& se = st.s.session;
  se.reminder_asked = true;
  st.fx.push_back(fx::RequestReminder{make_receipt(st.s, ReceiptData::Kind::renewal), *se.number,
                                      st.s.settings.reminder_days_before});
}

void send_sms_instead(Step& st) {
  Session& se = st.s.session;
  se.want_sms = true;
  const auto kind = se.txn->phase == Transaction::Phase::delivered ? ReceiptData::Kind::renewal : ReceiptData::Kind::refund;
  st.journal(se.txn->reference, JournalStep::sms_requested,
             {{"kind", std::string(sms_kind(kind))}, {"instead_of", "receipt"}});
  st.fx.push_back(fx::RequestSms{make_receipt(st.s, kind), *se.number});
}

}  // namespace kiosk::flow
