// Where a customer is in a renewal: five steps, as a bar of segments and in words, above every
// screen of the flow ("Step 3 of 5 · Plan"), said first when speech is on; under it, what is
// chosen so far (operator, number, plan, total) as one strip.
#include "core/locale_format.hpp"
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

constexpr float bar_top = 14, strip_gap = 8, strip_pad = 8, chip_d = 26;

// What is known so far, left to right; empty where the screen says it all itself (the summary)
// or nothing is known yet. Each fact is an isolate: lines break between facts, not inside one
// ("Pay&Go / Unlimited").
std::string choices_so_far(const View& v) {
  const Session& se = v.s.session;
  const int step = step_of(v.s.screen);
  if (step < 2 || v.s.screen == Screen::summary || !se.brand) return "";
  std::string out;
  const auto add = [&out](std::string_view fact) {
    if (!out.empty()) out += " · ";
    out += "\u2068" + std::string(fact) + "\u2069";
  };
  add(brand_name(v.s, *se.brand));
  // The number once it has been looked up (the number screen shows it being typed).
  if (se.number && step >= 3) add(shown_number(se));
  const Plan* plan = chosen_plan(v.s);
  if (plan && step >= 4) add(plan->name);
  if (se.quote && step >= 4) add(format_money(se.quote->total, se.lang));
  return out;
}

float strip_words_width() { return content_w - 2 * strip_pad - chip_d - 14; }

}  // namespace

bool has_progress(Screen s) { return step_of(s) != 0; }

float progress_height(const View& v) {
  if (!has_progress(v.s.screen)) return 0;
  const float bar = bar_top + v.ui.line_height(FontRole::hint);
  const std::string choices = choices_so_far(v);
  if (choices.empty()) return bar;
  return bar + strip_gap + v.ui.text_height(choices, FontRole::hint, strip_words_width()) + 2 * strip_pad;
}

void draw_progress(const View& v) {
  const int step = step_of(v.s.screen);
  if (step == 0) return;
  // One row: the words, then a bar of segments in the rest of the width (the step's name is
  // left out where both would not fit).
  const float top = bar_top, lh = v.ui.line_height(FontRole::hint), min_bar = 260;
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
  // The strip: the operator's colour as a chip, then the choices in words.
  const std::string choices = choices_so_far(v);
  if (choices.empty()) return;
  const float words_h = v.ui.text_height(choices, FontRole::hint, strip_words_width());
  const Rect strip{margin, top + lh + strip_gap, content_w, words_h + 2 * strip_pad};
  v.ui.panel(strip, v.theme().surface, true);
  // A brand a newer catalog no longer has keeps a neutral chip.
  const BrandInfo* brand = brand_info(v.s, *v.s.session.brand);
  v.ui.icon(Icon::phone, strip.x + strip_pad + chip_d / 2 + 6, strip.y + strip.h / 2, chip_d / 2 + 4,
            brand ? brand->colour : 0x333333, brand ? brand->text_colour : 0xFFFFFF);
  v.ui.text({strip.x + strip_pad + chip_d + 20, strip.y + strip_pad, strip_words_width(), words_h}, choices,
            FontRole::hint, v.theme().text);
}

}  // namespace kiosk::ui
