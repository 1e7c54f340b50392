// The card terminal's own prompts, translated, large; cancel only while the terminal allows it.
#include <algorithm>

#include "screens.hpp"

namespace kiosk::ui {

void draw_paying(const View& v) {
  const Session& se = v.s.session;
  if (!se.txn) return;
  const bool aborting = se.txn->phase == Transaction::Phase::aborting;
  const float below = v.heading(v.fmt("paying.title", {{"amount", format_money(se.txn->amount, se.lang)}}), v.tr("paying.hint"));
  // The amount once more, the largest figure on the screen, between the words and the terminal's.
  const float dh = v.ui.line_height(FontRole::digits);
  const bool card_wanted = !aborting && (se.prompt == TerminalPrompt::present_card || se.prompt == TerminalPrompt::insert_card);
  // Asked for a card: a card and the contactless mark under the amount, tap or insert.
  const float pictures_h = card_wanted ? 150 : 0;
  if (below + dh + pictures_h < 610) {
    const float amount_y = (below + 610 - dh - pictures_h) / 2;
    v.ui.text({margin, amount_y, content_w, dh}, format_money(se.txn->amount, se.lang), FontRole::digits,
              v.theme().text, Align::centre);
    if (card_wanted) {
      const float icon_y = amount_y + dh + pictures_h / 2;
      v.ui.icon(Icon::card, screen_w / 2 - 90, icon_y, 64, v.theme().primary);
      v.ui.icon(Icon::contactless, screen_w / 2 + 90, icon_y, 64, v.theme().primary);
    }
  }
  const Rect prompt{margin, 620, content_w, 420};
  v.ui.panel(prompt, v.theme().surface, true);
  const std::string text = aborting ? v.tr("paying.cancelling") : v.tr(terminal_prompt_key(se.prompt));
  const float th = v.ui.text_height(text, FontRole::title, prompt.w - 80);
  // While the terminal works (or the payment is being stopped) nothing is asked of the
  // customer: a spinner under the words says the kiosk has not stalled.
  const bool working = aborting || se.prompt == TerminalPrompt::please_wait;
  const float text_y = prompt.y + (prompt.h - th) / 2 - (working ? 60 : 0);
  v.ui.text({prompt.x + 40, text_y, prompt.w - 80, th}, text, FontRole::title, v.theme().text, Align::centre);
  if (working) v.ui.spinner(screen_w / 2, std::min(prompt.bottom() - 70, text_y + th + 80), 50);
  // An arrow down towards the terminal under the screen.
  v.ui.arrow_down(screen_w / 2, 1120, 340, 220, v.theme().primary);
  if (!aborting) v.actions("cancel", v.tr("app.cancel"), ev::CancelPressed{}, nullptr, "", ev::CancelPressed{});
}

}  // namespace kiosk::ui
