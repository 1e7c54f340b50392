// Effects on the payment terminals (card, e-wallet): each answers later with an event.
#include "hal/payment_terminal.hpp"
#include "journal/journal.hpp"
#include "kiosk_app.hpp"
#include "log/log.hpp"
#include "sim/sim_payment.hpp"

namespace kiosk::app {

hal::PaymentTerminal& KioskApp::terminal_for(PayMethod method) {
  if (method == PayMethod::card) return *devices_.card;
  return *devices_.wallet;
}

bool KioskApp::handle(const fx::RequestPayment& p) {
  terminal_for(p.method).start_payment(p.reference, p.amount);
  return true;
}

bool KioskApp::handle(const fx::RequestPaymentAbort& a) {
  devices_.card->abort_payment(a.reference);
  devices_.wallet->abort_payment(a.reference);
  return true;
}

bool KioskApp::handle(const fx::RequestPaymentSettle& h) {
  devices_.card->settle(h.reference, h.delivered);
  return true;
}

bool KioskApp::handle(const fx::RequestReversal& r) {
  terminal_for(r.method).reverse(r.reference, r.amount, r.provider_ref);
  return true;
}

bool KioskApp::handle(const fx::RequestPaymentLookup& lu) {
  log_info("recovery: asking the terminal about " + lu.reference);
  terminal_for(lu.method).look_up_payment(lu.reference, lu.amount, lu.provider_ref);
  return true;
}

}  // namespace kiosk::app
