#include "no_receipt.hpp"

#include <algorithm>

#include "screens.hpp"

namespace kiosk::ui {

namespace {

// The reference and the receipt code, each under its label across the whole width: the
// reference on one line (a smaller size where it would wrap), the code in the digit size.
float draw_keepsakes(const View& v, float y, const std::string& reference) {
  constexpr float pad = 28, gap = 12;
  const float inner = content_w - 2 * pad;
  const std::string& ref_label = v.tr("done.reference_label");
  const std::string& code_label = v.tr("done.code_label");
  const FontRole ref_role = v.ui.fits_width(reference, FontRole::button, inner) ? FontRole::button : FontRole::body;
  const float l1 = v.ui.text_height(ref_label, FontRole::hint, inner);
  const float r1 = v.ui.text_height(reference, ref_role, inner);
  const float l2 = v.ui.text_height(code_label, FontRole::hint, inner);
  const float r2 = v.ui.line_height(FontRole::digits);
  const float h = 2 * pad + l1 + r1 + gap + l2 + r2;
  v.ui.panel({margin, y, content_w, h}, v.theme().surface, true);
  float ty = y + pad;
  const auto line = [&](std::string_view text, FontRole role, float th, std::uint32_t rgb) {
    v.ui.text({margin + pad, ty, inner, th}, text, role, rgb, Align::centre);
    ty += th;
  };
  line(ref_label, FontRole::hint, l1, v.theme().text_muted);
  line(reference, ref_role, r1, v.theme().text);
  ty += gap;
  line(code_label, FontRole::hint, l2, v.theme().text_muted);
  line(reprint_code(reference), FontRole::digits, r2, v.theme().text);
  return y + h;
}

}  // namespace

void draw_no_receipt(const View& v, float top) {
  const Session& se = v.s.session;
  const Transaction& t = *se.txn;
  const std::string& title = v.tr("done.no_receipt");
  const std::string& keep = v.tr("done.keep_these");
  const std::string& offer = v.tr("done.sms_offer");
  const float bottom = action_y - 30;
  const float offer_h = std::max(button_h, v.ui.text_height(offer, FontRole::button, content_w - 80) + 40);
  // A size smaller for the two sentences where everything would not fit above the actions
  // (long languages in large text, below the refund's own words).
  FontRole title_role = FontRole::button, keep_role = FontRole::body;
  const float keepsakes_h = 2 * 28 + 12 + v.ui.line_height(FontRole::digits) +
                            2 * v.ui.line_height(FontRole::hint) + v.ui.line_height(FontRole::button);
  const auto words_h = [&] {
    return v.ui.text_height(title, title_role, content_w) + 8 + v.ui.text_height(keep, keep_role, content_w) + 16;
  };
  if (top + words_h() + keepsakes_h + 24 + offer_h > bottom) {
    title_role = FontRole::body;
    keep_role = FontRole::hint;
  }
  float y = top;
  const float th = v.ui.text_height(title, title_role, content_w);
  v.ui.text({margin, y, content_w, th}, title, title_role, v.theme().danger, Align::centre);
  y += th + 8;
  const float kh = v.ui.text_height(keep, keep_role, content_w);
  v.ui.text({margin, y, content_w, kh}, keep, keep_role, v.theme().text, Align::centre);
  y += kh + 16;
  y = draw_keepsakes(v, y, t.reference);
  // The SMS: offered where the customer had turned it off, else where it goes.
  if (sms_can_stand_in(v.s)) {
    const float by = std::max(y + 24, bottom - offer_h);
    if (v.ui.button("sms_instead", {margin, by, content_w, offer_h}, offer, ButtonKind::secondary))
      v.emit(ev::SmsInsteadAsked{});
    if (by + offer_h > action_y) v.ui.overflow(offer);
  } else if (se.want_sms && se.number) {
    const std::string to = v.fmt("done.sms_to", {{"number", mask_mobile(*se.number)}});
    const float h = v.ui.text_height(to, FontRole::body, content_w);
    v.ui.text({margin, std::max(y + 24, bottom - h), content_w, h}, to, FontRole::body, v.theme().text, Align::centre);
  }
}

}  // namespace kiosk::ui
