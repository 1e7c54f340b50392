// Start-up, time, idle timeouts, the availability of devices, and the technician's out of
// service.
#include "flow.hpp"

namespace kiosk::flow {

void start(Step& st, const ev::Started& e) {
  st.s.reference_key = e.reference_key;
  st.s.now_ms = e.now_ms;
  st.s.last_input_ms = e.now_ms;
  st.s.today = e.today;
}

void keep_time(Step& st, const ev::Ticked& e) {
  st.s.now_ms = e.now_ms;
  st.s.today = e.today;
  recovery_tick(st);
}

void withdraw_wallet_code(Step& st, const ev::Ticked& e) {
  keep_time(st, e);
  abort_payment(st);  // cancelled at the wallet, asked again before "nothing was charged"
}

void time_out(Step& st, const ev::Ticked& e) {
  st.s.now_ms = e.now_ms;
  st.s.today = e.today;
  end_session(st);
  recovery_tick(st);
}

void grant_more_time(Step& st) {
  st.s.extensions_used += 1;
  st.s.last_input_ms = st.s.now_ms;
}

void note_terminal(Step& st, const ev::TerminalAvailabilityChanged& e) { st.s.terminal_available = e.available; }

void note_journal_failed(Step& st) { st.s.journal_ok = false; }

void stop_announced_payment(Step& st, const ev::JournalFailed&) {
  // The app stops a batch at the failed record, so a payment it announced never started.
  st.s.journal_ok = false;
  st.s.session.txn->phase = Transaction::Phase::failed;
  // A wallet's payment exists once its code is ready (the record that failed was that step):
  // withdrawn, so that nobody pays a code that is no longer shown.
  st.fx.push_back(fx::RequestPaymentAbort{st.s.session.txn->reference});
}

void note_printer(Step& st, const ev::PrinterStatusChanged& e) {
  st.s.printer = e.status;
  // Before paying the choice follows the printer (the summary shows it off); once paid for, the
  // wish stands, and the outcome screen says if no receipt came.
  if (!printer_can_print(e.status) && !st.s.session.txn) st.s.session.want_receipt = false;
}

void keep_catalog(Step& st, const ev::CatalogLoaded& e) { st.s.catalog = e.catalog; }

void take_out_of_service(Step& st, const ev::TakenOutOfService& e) { st.s.technician_reason = e.reason; }

void put_back_in_service(Step& st) { st.s.technician_reason.reset(); }

}  // namespace kiosk::flow
