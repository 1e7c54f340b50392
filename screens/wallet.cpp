// E-wallet: the QR code to scan with the banking app, and the amount to confirm there.
#include "render/qr.hpp"
#include "screens.hpp"

namespace kiosk::ui {

void draw_wallet(const View& v) {
  const Session& se = v.s.session;
  if (!se.txn) return;
  const bool aborting = se.txn->phase == Transaction::Phase::aborting;
  const float y = v.heading(v.tr("wallet.title"), v.fmt("wallet.hint", {{"amount", format_money(se.txn->amount, se.lang)}}));
  // The amount to confirm in the app, the largest figure, above the code.
  const float dh = v.ui.line_height(FontRole::digits);
  v.ui.text({margin, y, content_w, dh}, format_money(se.txn->amount, se.lang), FontRole::digits, v.theme().text,
            Align::centre);
  const float side = 620;
  const Rect box{(screen_w - side) / 2, std::max(y + dh + 20, 420.0f), side, side};
  if (!se.txn->wallet_qr.empty()) v.ui.qr(box, qr_raster(se.txn->wallet_qr, 1));
  // A phone beside the code: it is scanned with one.
  v.ui.icon(Icon::phone, (margin + box.x) / 2, box.y + side / 2, 60, v.theme().primary);
  v.ui.text({margin, box.bottom() + 30, content_w, 130}, v.tr(aborting ? "paying.cancelling" : "wallet.waiting"),
            FontRole::body, v.theme().text, Align::centre);
  // The time the wallet gives the code, as m:ss, when it said.
  float spinner_y = box.bottom() + 230;
  if (const int left = wallet_seconds_left(v.s); left >= 0 && !aborting) {
    char time[16];
    std::snprintf(time, sizeof time, "%d:%02d", left / 60, left % 60);
    const float lh = v.ui.line_height(FontRole::body) + 8;
    v.ui.text({margin, box.bottom() + 160, content_w, lh}, v.fmt("wallet.time_left", {{"time", time}}), FontRole::body,
              v.theme().text_muted, Align::centre);
    spinner_y = box.bottom() + 160 + lh + 60;
  }
  if (spinner_y < action_y - 40) v.ui.spinner(screen_w / 2, spinner_y, 40);
  if (!aborting) v.actions("cancel", v.tr("app.cancel"), ev::CancelPressed{}, nullptr, "", ev::CancelPressed{});
}

}  // namespace kiosk::ui
