// Plan and duration, a page at a time (no drag-scrolling in Dear ImGui 1.86; big buttons page).
#include <algorithm>

#include "screens.hpp"

namespace kiosk::ui {

namespace {
std::string promotion_text(const Catalog& t, const Promotion& p, Lang lang) {
  switch (p.kind) {
    case Promotion::Kind::new_customer_percent:
      return t.format("plans.promo.new_customer", {{"percent", std::to_string(p.percent)}});
    case Promotion::Kind::returning_bonus_cents:
      return t.format("plans.promo.returning", {{"amount", format_money(p.amount, lang)}});
    case Promotion::Kind::multi_month_percent:
      return t.count("plans.promo.multi_month", p.min_months, {{"percent", std::to_string(p.percent)}});
    case Promotion::Kind::none: return "";
  }
  return "";
}
}  // namespace

void draw_plans(const View& v) {
  const Session& se = v.s.session;
  const Lang lang = se.lang;
  const int per_page = plans_per_page(v.s);
  const int count = static_cast<int>(se.plans.size());
  const int pages = std::max(1, (count + per_page - 1) / per_page);
  const std::string page =
      pages > 1 ? v.fmt("plans.page", {{"page", std::to_string(se.plans_page + 1)}, {"pages", std::to_string(pages)}}) : "";
  float top = v.heading(v.tr("plans.title"), page);
  const Plan* chosen = chosen_plan(v.s);
  // The chosen plan's promotions, above the cards where nothing is touched: they read before
  // the choice of duration and nothing covers them.
  if (chosen) {
    std::string promos;
    for (const Promotion& p : chosen->promotions) {
      if (!promos.empty()) promos += "\n";
      promos += promotion_text(v.t, p, lang);
    }
    if (!promos.empty()) {
      const float ph = v.ui.text_height(promos, FontRole::body, content_w - 48);
      const Rect panel{margin, top + 10, content_w, ph + 48};
      v.ui.panel(panel, v.theme().surface, true);
      v.ui.text(panel.inset(24), promos, FontRole::body, v.theme().success);
      top = panel.bottom();
    }
  }
  const int first = se.plans_page * per_page;
  // The cards start at the lower two thirds: within reach from a wheelchair (ux.md).
  constexpr float cards_top = 640;
  if (top > cards_top - 10) v.ui.overflow("plans: the promotions run into the cards");
  // One card a page in large text takes the room of two.
  const float card_h = v.large() ? 340 : 200, card_step = card_h + 16;
  float y = cards_top;
  for (int i = first; i < std::min(count, first + per_page); ++i) {
    const Plan& p = se.plans[static_cast<std::size_t>(i)];
    const std::string id = "plan_" + p.id;
    std::string sub = plan_contents(v.t, p);
    if (se.subscriber && se.subscriber->current_plan_id == p.id) sub = v.tr("plans.current") + " · " + sub;
    const std::string label = p.name + " · " + v.fmt("plans.per_month", {{"price", format_money(p.price_per_month, lang)}});
    const ButtonKind kind = p.id == se.plan_id ? ButtonKind::selected : ButtonKind::secondary;
    if (v.ui.button(id.c_str(), {margin, y, content_w, card_h}, label, kind, true, sub)) v.emit(ev::PlanChosen{p.id});
    y += card_step;
  }
  y = cards_top + per_page * card_step;
  if (pages > 1) {
    const float w = (content_w - 30) / 2;
    if (v.ui.button("plans_prev", {margin, y, w, button_h}, v.tr("plans.previous"), ButtonKind::secondary,
                    se.plans_page > 0))
      v.emit(ev::PlansPaged{-1});
    if (v.ui.button("plans_next", {margin + w + 30, y, w, button_h}, v.tr("plans.more"), ButtonKind::secondary,
                    se.plans_page + 1 < pages))
      v.emit(ev::PlansPaged{+1});
  }
  y += button_h + 20;

  if (chosen) {
    // The chosen plan by name, whatever page is shown: Next buys this one.
    const std::string choice =
        chosen->name + " · " + v.fmt("plans.per_month", {{"price", format_money(chosen->price_per_month, lang)}});
    const FontRole choice_role =
        v.ui.text_height(choice, FontRole::button, content_w) <= v.ui.line_height(FontRole::button) ? FontRole::button
                                                                                                  : FontRole::body;
    const float ch = v.ui.text_height(choice, choice_role, content_w);
    v.ui.text({margin, y, content_w, ch}, choice, choice_role, v.theme().text);
    y += ch;
    const float lh = v.ui.line_height(FontRole::body);
    v.ui.text({margin, y, content_w, lh}, v.tr("plans.duration"), FontRole::body, v.theme().text);
    y += lh + 4;
    const int n = static_cast<int>(chosen->durations_months.size());
    const float gap = 20, w = (content_w - gap * (n - 1)) / n;
    for (int i = 0; i < n; ++i) {
      const int months = chosen->durations_months[static_cast<std::size_t>(i)];
      const std::string id = "dur_" + std::to_string(months);
      const ButtonKind kind = months == se.months ? ButtonKind::selected : ButtonKind::secondary;
      if (v.ui.button(id.c_str(), {margin + i * (w + gap), y, w, button_h}, months_label(v.t, months), kind))
        v.emit(ev::DurationChosen{months});
    }
    y += button_h;
    if (y > action_y - 10) v.ui.overflow("plans: the durations run into the buttons");
  }
  v.actions("cancel", v.tr("app.cancel"), ev::CancelPressed{}, "next", v.tr("app.next"), ev::PlanConfirmed{},
            chosen != nullptr);
}

}  // namespace kiosk::ui
