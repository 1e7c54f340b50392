// Plan and duration: the choice so far on top, the operator's plans as cards a page at a time
// below (no drag-scrolling in Dear ImGui 1.86; big buttons page), then the durations.
#include <algorithm>

#include "core/locale_format.hpp"
#include "core/pricing.hpp"
#include "plan_card.hpp"
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

// The cards start at the lower two thirds: within reach from a wheelchair (ux.md).
constexpr float cards_top = 640;

// The plan chosen so far, whatever page is shown (Next buys this one): its name, what the
// chosen duration costs in all and how long it runs, its contents in words (what the cards'
// icons mean) where there is room, and its promotions.
void draw_choice(const View& v, const Plan& chosen, float top) {
  const Session& se = v.s.session;
  const Lang lang = se.lang;
  constexpr float pad = 24;
  const float inner = content_w - 2 * pad;
  std::string facts = months_label(v.t, se.months);
  std::string total;
  if (se.subscriber) {
    const Quote q = quote(chosen, se.months, *se.subscriber, v.s.today);
    total = format_money(q.total, lang);
    facts += " · " + v.t.count("plans.days", days_between(q.valid_from, q.valid_until)) + " · " +
             v.fmt("plans.until", {{"date", format_date(q.valid_until, lang)}});
  }
  std::string promos;
  for (const Promotion& p : chosen.promotions) {
    if (!promos.empty()) promos += "\n";
    promos += promotion_text(v.t, p, lang);
  }
  const std::vector<std::pair<Icon, std::string>> lines = plan_lines(v.t, chosen);
  // The total in the digit size: what this choice costs, at a glance.
  const float name_lh = v.ui.line_height(FontRole::button), total_lh = v.ui.line_height(FontRole::digits);
  const float total_w = total.empty() ? 0 : v.ui.text_width(total, FontRole::digits);
  const float row_h = std::max(name_lh, total_lh);
  const float facts_h = v.ui.text_height(facts, FontRole::hint, inner);
  const float room = cards_top - 10 - (top + 10);
  FontRole promo_role = FontRole::body;
  const auto promo_height = [&] { return promos.empty() ? 0 : v.ui.text_height(promos, promo_role, inner) + 8; };
  if (2 * pad + row_h + facts_h + promo_height() > room) promo_role = FontRole::hint;
  const float base_h = 2 * pad + row_h + facts_h + promo_height();
  // The words, each line after its icon: in two columns, else one, else left out (the cards
  // show the same as figures).
  const float line_h = v.ui.line_height(FontRole::hint), d = line_h * 0.8f;
  int columns = 0;
  for (int c : {2, 1}) {
    const float column_w = (inner - 24 * static_cast<float>(c - 1)) / static_cast<float>(c);
    bool fits = true;
    for (const auto& [icon, words] : lines) fits &= v.ui.text_width(words, FontRole::hint) <= column_w - d - 12;
    const float h = static_cast<float>((lines.size() + c - 1) / c) * line_h + 8;
    if (fits && base_h + h <= room) {
      columns = c;
      break;
    }
  }
  const float column_w = columns ? (inner - 24 * static_cast<float>(columns - 1)) / static_cast<float>(columns) : 0;
  const float list_h = columns ? static_cast<float>((lines.size() + columns - 1) / columns) * line_h + 8 : 0;
  // In the middle of the room above the cards.
  const float panel_h = base_h + list_h;
  const Rect panel{margin, top + 10 + std::max(0.0f, (room - panel_h) / 2), content_w, panel_h};
  v.ui.panel(panel, v.theme().surface, true);
  float y = panel.y + pad;
  v.ui.text({panel.x + pad, y + (row_h - name_lh) / 2, inner - total_w - 24, name_lh}, chosen.name, FontRole::button,
            v.theme().text);
  if (!total.empty())
    v.ui.text({panel.x + pad + inner - total_w - 2, y + (row_h - total_lh) / 2, total_w + 2, total_lh}, total,
              FontRole::digits, v.theme().text, Align::right);
  y += row_h;
  v.ui.text({panel.x + pad, y, inner, facts_h}, facts, FontRole::hint, v.theme().text_muted);
  y += facts_h;
  if (columns) {
    y += 8;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const float x = panel.x + pad + static_cast<float>(i % columns) * (column_w + 24);
      const float ly = y + static_cast<float>(i / columns) * line_h;
      v.ui.icon(lines[i].first, x + d / 2, ly + line_h / 2, d / 2, v.theme().text, v.theme().surface);
      v.ui.text({x + d + 12, ly, column_w - d - 12, line_h}, lines[i].second, FontRole::hint, v.theme().text);
    }
    y += list_h - 8;
  }
  if (!promos.empty())
    v.ui.text({panel.x + pad, y + 8, inner, promo_height() - 8}, promos, promo_role, v.theme().success);
  if (panel.bottom() > cards_top - 10) v.ui.overflow("plans: the chosen plan runs into the cards");
}

// Two lines of a button's words in large text ("Vorherige Tarife").
float paging_height(const View& v) { return v.large() ? action_h : button_h; }

void draw_paging(const View& v, float y, int pages) {
  const Session& se = v.s.session;
  // The page count between the two buttons, where the eye is when paging.
  const float count_w = 220, w = (content_w - count_w) / 2, h = paging_height(v);
  if (v.ui.button("plans_prev", {margin, y, w, h}, v.tr("plans.previous"), ButtonKind::secondary,
                  se.plans_page > 0))
    v.emit(ev::PlansPaged{-1});
  const std::string page = v.fmt("plans.page", {{"page", std::to_string(se.plans_page + 1)}, {"pages", std::to_string(pages)}});
  const float ph = v.ui.text_height(page, FontRole::hint, count_w - 20);
  v.ui.text({margin + w + 10, y + (h - ph) / 2, count_w - 20, ph}, page, FontRole::hint, v.theme().text_muted,
            Align::centre);
  if (v.ui.button("plans_next", {margin + w + count_w, y, w, h}, v.tr("plans.more"), ButtonKind::secondary,
                  se.plans_page + 1 < pages))
    v.emit(ev::PlansPaged{+1});
}

// The durations' buttons at `y`, under their question when `labelled`.
void draw_durations(const View& v, const Plan& chosen, float y, bool labelled) {
  const Session& se = v.s.session;
  if (labelled) {
    const float lh = v.ui.line_height(FontRole::body);
    v.ui.text({margin, y - lh - 4, content_w, lh}, v.tr("plans.duration"), FontRole::body, v.theme().text);
  }
  const int n = static_cast<int>(chosen.durations_months.size());
  const float gap = 20, w = (content_w - gap * (n - 1)) / n;
  for (int i = 0; i < n; ++i) {
    const int months = chosen.durations_months[static_cast<std::size_t>(i)];
    const std::string id = "dur_" + std::to_string(months);
    const ButtonKind kind = months == se.months ? ButtonKind::selected : ButtonKind::secondary;
    if (v.ui.button(id.c_str(), {margin + i * (w + gap), y, w, button_h}, months_label(v.t, months), kind))
      v.emit(ev::DurationChosen{months});
  }
}

}  // namespace

void draw_plans(const View& v) {
  const Session& se = v.s.session;
  const int per_page = plans_per_page(v.s);
  const int count = static_cast<int>(se.plans.size());
  const int pages = std::max(1, (count + per_page - 1) / per_page);
  const float top = v.heading(v.tr("plans.title"));
  const Plan* chosen = chosen_plan(v.s);
  if (chosen) draw_choice(v, *chosen, top);

  // The controls stand on the action row, so that paging moves none of them: the durations,
  // their question above them, the paging row above that. The cards take the room between
  // that and the top of the reach.
  const float durations_y = action_y - 20 - button_h;
  const float label_h = v.ui.line_height(FontRole::body) + 4;
  const float paging_h = pages > 1 ? paging_height(v) + 16 : 0;
  const int first = se.plans_page * per_page, last = std::min(count, first + per_page);
  std::vector<PlanCardLayout> layouts;
  bool small_figures = false;
  for (int pass = 0; pass < 2; ++pass) {
    layouts.clear();
    for (int i = first; i < last; ++i) {
      layouts.push_back(plan_card_layout(v, se.plans[static_cast<std::size_t>(i)], content_w, small_figures));
      small_figures |= layouts.back().figure_role == FontRole::hint;
    }
    if (!small_figures || pass == 1) break;  // one card's figures are small: all of the page's are
  }
  float card_h = 0;
  for (const PlanCardLayout& l : layouts) card_h = std::max(card_h, l.height);
  constexpr float card_gap = 14;
  const float cards_h = static_cast<float>(per_page) * (card_h + card_gap);
  // The question is left out where the cards need its line ("3 months" on a button says enough).
  const bool labelled = cards_top + cards_h + paging_h + label_h <= durations_y;
  if (cards_top + cards_h + paging_h + (labelled ? label_h : 0) > durations_y)
    v.ui.overflow("plans: the cards run into the durations");
  float y = cards_top;
  for (int i = first; i < last; ++i) {
    const Plan& p = se.plans[static_cast<std::size_t>(i)];
    if (draw_plan_card(v, p, {margin, y, content_w, card_h}, layouts[static_cast<std::size_t>(i - first)]))
      v.emit(ev::PlanChosen{p.id});
    y += card_h + card_gap;
  }
  if (pages > 1) draw_paging(v, durations_y - (labelled ? label_h : 0) - paging_h, pages);
  if (chosen) draw_durations(v, *chosen, durations_y, labelled);
  v.actions("cancel", v.tr("app.cancel"), ev::CancelPressed{}, "next", v.tr("app.next"), ev::PlanConfirmed{},
            chosen != nullptr);
}

}  // namespace kiosk::ui
