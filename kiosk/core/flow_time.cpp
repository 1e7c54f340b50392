// Start-up, time, idle timeouts and the availability of devices.
#include "flow.hpp"

namespace kiosk::flow {

void on(Step& st, const ev::Started& e) {
  st.s.reference_key = e.reference_key;
  st.s.now_ms = e.now_ms;
  st.s.last_input_ms = e.now_ms;
  st.s.today = e.today;
  st.go(can_sell(st.s) ? Screen::attract : Screen::out_of_service);
}

void on(Step& st, const ev::Ticked& e) {
  st.s.now_ms = e.now_ms;
  st.s.today = e.today;
  if (screen_has_idle_timeout(st.s) && idle_seconds_left(st.s) == 0) end_session(st);
  recovery_tick(st);
}

void refresh_idle_screen(Step& st) {
  if (!can_sell(st.s) && st.s.screen == Screen::attract) st.go(Screen::out_of_service);
  if (can_sell(st.s) && st.s.screen == Screen::out_of_service) st.go(Screen::attract);
}

void on(Step& st, const ev::MoreTimeAsked&) {
  if (!idle_warning_visible(st.s) || st.s.extensions_used >= st.s.settings.max_extensions) return;
  st.s.extensions_used += 1;
  st.s.last_input_ms = st.s.now_ms;
}

void on(Step& st, const ev::TerminalAvailabilityChanged& e) {
  st.s.terminal_available = e.available;
  refresh_idle_screen(st);
}

void on(Step& st, const ev::JournalFailed& e) {
  st.s.journal_ok = false;
  Session& se = st.s.session;
  // The app stops a batch at the failed record, so a payment it announced never started.
  if (se.txn && se.txn->reference == e.reference && se.txn->phase == Transaction::Phase::paying) {
    se.txn->phase = Transaction::Phase::failed;
    st.go(Screen::unavailable);
  } else if (st.s.screen == Screen::attract) {
    st.go(Screen::out_of_service);
  }
}

void on(Step& st, const ev::PrinterStatusChanged& e) {
  st.s.printer = e.status;
  if (!printer_can_print(e.status)) st.s.session.want_receipt = false;
}

}  // namespace kiosk::flow
