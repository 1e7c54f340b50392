// Where a customer is in a renewal: five steps, as a bar of segments and in words, above every
// screen of the flow ("Step 3 of 5 · Plan"). Said first when speech is on.
#include "screens.hpp"

namespace kiosk::ui {

namespace {

constexpr int step_count = 5;

// The step a screen belongs to, 1 to 5, or 0 outside the flow.
int step_of(Screen s) {
  switch (s) {
    case Screen::brand: return 1;
    case Screen::number: case Screen::lookup: case Screen::balance: case Screen::suspended: return 2;
    case Screen::plans: return 3;
    case Screen::summary: return 4;
    case Screen::pay_method: case Screen::paying: case Screen::wallet: case Screen::delivering: return 5;
    default: return 0;
  }
}

const char* step_name_key(int step) {
  static constexpr const char* keys[step_count] = {"summary.operator", "receipt.number", "summary.plan", "steps.check",
                                                   "steps.pay"};
  return keys[step - 1];
}

}  // namespace

bool has_progress(Screen s) { return step_of(s) != 0; }

void draw_progress(const View& v) {
  const int step = step_of(v.s.screen);
  if (step == 0) return;
  // One row: the words, then a bar of segments in the rest of the width (the step's name is
  // left out where both would not fit).
  const float top = 14, lh = v.ui.line_height(FontRole::hint), min_bar = 260;
  const std::string count = v.fmt("steps.count", {{"n", std::to_string(step)}, {"total", std::to_string(step_count)}});
  std::string words = count + " · " + v.tr(step_name_key(step));
  if (v.ui.text_width(words, FontRole::hint) > content_w - min_bar - 24) words = count;
  const float words_w = v.ui.text_width(words, FontRole::hint);
  v.ui.text({margin, top, words_w + 2, lh}, words, FontRole::hint, v.theme().text_muted);
  // Done and current steps are full bars in the action colour, the steps to come thin ones.
  const float bar_x = margin + words_w + 24, bar_w = content_w - words_w - 24, gap = 10;
  const float w = (bar_w - gap * (step_count - 1)) / step_count, mid = top + lh / 2;
  for (int i = 1; i <= step_count; ++i) {
    const float x = bar_x + static_cast<float>(i - 1) * (w + gap);
    if (i <= step) v.ui.panel({x, mid - 5, w, 10}, v.theme().primary, false);
    else v.ui.panel({x, mid - 2, w, 4}, v.theme().outline, false);
  }
}

}  // namespace kiosk::ui
