// Card on the terminal, or an e-wallet by QR code. Prices are in euro only.
#include "screens.hpp"

namespace kiosk::ui {

void draw_pay_method(const View& v) {
  const Session& se = v.s.session;
  const Cents total = se.quote ? se.quote->total : 0;
  float y = v.heading(v.tr("pay.title"));
  const std::string amount = v.fmt("pay.amount", {{"amount", format_money(total, se.lang)}});
  v.ui.text({margin, y, content_w, v.ui.text_height(amount, FontRole::title, content_w)}, amount, FontRole::title,
            v.theme().text);
  y = 640;
  const bool card_ok = v.s.terminal_available;
  if (v.ui.button("pay_card", {margin, y, content_w, 280}, v.tr("pay.card"), ButtonKind::primary, card_ok,
                  v.tr("pay.card.hint")))
    v.emit(ev::PayMethodChosen{PayMethod::card});
  y += 300;
  if (!card_ok) {
    const float h = v.ui.text_height(v.tr("pay.card_unavailable"), FontRole::hint, content_w);
    v.ui.text({margin, y, content_w, h}, v.tr("pay.card_unavailable"), FontRole::hint, v.theme().danger);
    y += h + 20;
  }
  // Offered only where the operator of the kiosk has an e-wallet.
  if (v.s.settings.wallet_enabled &&
      v.ui.button("pay_wallet", {margin, y, content_w, 280}, v.tr("pay.wallet"), ButtonKind::primary, true,
                  v.tr("pay.wallet.hint")))
    v.emit(ev::PayMethodChosen{PayMethod::wallet});
  v.actions("cancel", v.tr("app.cancel"), ev::CancelPressed{}, nullptr, "", ev::CancelPressed{});
}

}  // namespace kiosk::ui
