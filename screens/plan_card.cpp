#include "plan_card.hpp"

#include <algorithm>
#include <optional>

#include "core/locale_format.hpp"

namespace kiosk::ui {

namespace {

constexpr float pad_x = 24, pad_y = 14, cell_gap = 30, icon_gap = 8;

float icon_diameter(const View& v, FontRole role) { return v.ui.line_height(role) * 0.8f; }

float icons_width(const View& v, const PlanFigure& f, FontRole role) {
  return static_cast<float>(f.icons.size()) * (icon_diameter(v, role) + icon_gap);
}

float cell_width(const View& v, const PlanFigure& f, FontRole role) {
  return icons_width(v, f, role) + v.ui.text_width(f.text, role);
}

// Cells in rows no wider than `width`, in order.
std::vector<std::vector<std::size_t>> flow(const View& v, const std::vector<PlanFigure>& figures, FontRole role,
                                           float width) {
  std::vector<std::vector<std::size_t>> rows(1);
  float x = 0;
  for (std::size_t i = 0; i < figures.size(); ++i) {
    const float w = cell_width(v, figures[i], role);
    if (!rows.back().empty() && x + cell_gap + w > width) rows.emplace_back(), x = 0;
    x += (rows.back().empty() ? 0 : cell_gap) + w;
    rows.back().push_back(i);
  }
  return rows;
}

bool is_current(const View& v, const Plan& plan) {
  const Session& se = v.s.session;
  return se.subscriber && se.subscriber->current_plan_id == plan.id;
}

std::string price_text(const View& v, const Plan& plan) {
  return v.fmt("plans.per_month", {{"price", format_money(plan.price_per_month, v.s.session.lang)}});
}

// The tag's pill around its words.
constexpr float tag_pad = 14;

float tag_width(const View& v) { return v.ui.text_width(v.tr("plans.current"), FontRole::hint) + 2 * tag_pad; }

}  // namespace

std::vector<PlanFigure> plan_figures(const Catalog& t, const Plan& p) {
  const std::string unlimited = t.text("plans.fig_unlimited");
  const Lang lang = t.lang();
  std::vector<PlanFigure> out;
  const auto add = [&out](Icon icon, std::string text) {
    if (!out.empty() && out.back().text == text) out.back().icons.push_back(icon);
    else out.push_back({{icon}, std::move(text)});
  };
  add(Icon::data, p.data_gb < 0 ? unlimited : t.format("plans.fig_data", {{"gb", format_count(p.data_gb, lang)}}));
  add(Icon::call, p.minutes < 0 ? unlimited : t.format("plans.fig_minutes", {{"n", format_count(p.minutes, lang)}}));
  add(Icon::texts, p.sms < 0 ? unlimited : t.format("plans.fig_sms", {{"n", format_count(p.sms, lang)}}));
  if (p.roaming_eu) add(Icon::eu, t.text("plans.fig_eu"));
  // Minutes abroad by the globe alone: the words beside the chosen plan say what it means.
  if (p.intl_minutes > 0) add(Icon::globe, t.format("plans.fig_minutes", {{"n", format_count(p.intl_minutes, lang)}}));
  return out;
}

std::vector<std::pair<Icon, std::string>> plan_lines(const Catalog& t, const Plan& p) {
  std::vector<std::pair<Icon, std::string>> out;
  out.emplace_back(Icon::data, p.data_gb < 0 ? t.text("plans.data_unlimited")
                                             : t.format("plans.data", {{"gb", format_count(p.data_gb, t.lang())}}));
  out.emplace_back(Icon::call, p.minutes < 0 ? t.text("plans.minutes_unlimited") : t.count("plans.minutes", p.minutes));
  out.emplace_back(Icon::texts, p.sms < 0 ? t.text("plans.sms_unlimited") : t.count("plans.sms", p.sms));
  if (p.roaming_eu) out.emplace_back(Icon::eu, t.text("plans.roaming"));
  if (p.intl_minutes > 0) out.emplace_back(Icon::globe, t.count("plans.intl", p.intl_minutes));
  return out;
}

PlanCardLayout plan_card_layout(const View& v, const Plan& plan, float width, bool small_figures) {
  PlanCardLayout out;
  const float inner = width - 2 * pad_x;
  out.figures = plan_figures(v.t, plan);
  const std::vector<PlanFigure>& figures = out.figures;
  // One row of figures in the body size if it fits, else the hint size, else more rows.
  out.figure_rows = flow(v, figures, FontRole::body, inner);
  if (small_figures || out.figure_rows.size() > 1) {
    out.figure_role = FontRole::hint;
    out.figure_rows = flow(v, figures, FontRole::hint, inner);
  }
  if (is_current(v, plan)) {
    const float tag_w = tag_width(v);
    const float name_row = v.ui.text_width(plan.name, FontRole::button) + 24 + tag_w + 24 +
                           v.ui.text_width(price_text(v, plan), FontRole::button);
    float last_row = 0;
    for (std::size_t i : out.figure_rows.back()) last_row += cell_width(v, figures[i], out.figure_role) + cell_gap;
    if (name_row <= inner) out.tag = PlanCardLayout::Tag::after_name;
    else if (last_row + tag_w <= inner) out.tag = PlanCardLayout::Tag::after_figures;
    else out.tag = PlanCardLayout::Tag::below_name;
  }
  out.height = 2 * pad_y + v.ui.line_height(FontRole::button) + 8 +
               static_cast<float>(out.figure_rows.size()) * v.ui.line_height(out.figure_role) +
               (out.tag == PlanCardLayout::Tag::below_name ? v.ui.line_height(FontRole::hint) + 8 : 0);
  return out;
}

bool draw_plan_card(const View& v, const Plan& plan, const Rect& box, const PlanCardLayout& layout) {
  const bool selected = plan.id == v.s.session.plan_id;
  const std::vector<PlanFigure>& figures = layout.figures;
  const std::string price = price_text(v, plan);
  std::string label = plan.name + ". " + price;
  if (is_current(v, plan)) label += ". " + v.tr("plans.current");
  for (const auto& [icon, words] : plan_lines(v.t, plan)) label += ". " + words;
  const std::string id = "plan_" + plan.id;
  const bool tapped = v.ui.card(id.c_str(), box, selected, label);

  const std::uint32_t ink = v.ui.card_ink(selected);
  const float x = box.x + pad_x, inner = box.w - 2 * pad_x;
  float y = box.y + pad_y;
  // The name on the left, the monthly price on the right, both in the button size.
  const float name_lh = v.ui.line_height(FontRole::button);
  const float price_w = v.ui.text_width(price, FontRole::button);
  const float name_w = v.ui.text_width(plan.name, FontRole::button);
  v.ui.text({x, y, std::min(name_w + 2, inner - price_w - 24), name_lh}, plan.name, FontRole::button, ink);
  v.ui.text({x + inner - price_w - 2, y, price_w + 2, name_lh}, price, FontRole::button, ink, Align::right);
  // The tag, a pill: the plan the number has now, to renew it as it is.
  const FontRole role = layout.figure_role;
  const float lh = v.ui.line_height(role), d = icon_diameter(v, role);
  const float tag_w = tag_width(v), tag_h = v.ui.line_height(FontRole::hint);
  const float figures_y = y + name_lh + 8 + (layout.tag == PlanCardLayout::Tag::below_name ? tag_h + 8 : 0);
  const float last_row_y = figures_y + static_cast<float>(layout.figure_rows.size() - 1) * lh;
  std::optional<Rect> pill;
  switch (layout.tag) {
    case PlanCardLayout::Tag::none: break;
    case PlanCardLayout::Tag::after_name: pill = Rect{x + name_w + 24, y + (name_lh - tag_h) / 2, tag_w, tag_h}; break;
    case PlanCardLayout::Tag::after_figures: pill = Rect{x + inner - tag_w, last_row_y + (lh - tag_h) / 2, tag_w, tag_h}; break;
    case PlanCardLayout::Tag::below_name: pill = Rect{x, y + name_lh + 4, tag_w, tag_h}; break;
  }
  if (pill) {
    v.ui.outline(*pill, ink);
    v.ui.text({pill->x + tag_pad, pill->y, tag_w - 2 * tag_pad + 2, tag_h}, v.tr("plans.current"), FontRole::hint, ink);
  }
  y = figures_y;
  // The figures, each after its icon: a disc in the words' colour with the card's colour in it.
  const std::uint32_t card_fill = selected ? v.theme().selected : v.theme().secondary;
  for (const std::vector<std::size_t>& row : layout.figure_rows) {
    float cx = x;
    for (std::size_t i : row) {
      const PlanFigure& f = figures[i];
      for (Icon icon : f.icons) {
        v.ui.icon(icon, cx + d / 2, y + lh / 2, d / 2, ink, card_fill);
        cx += d + icon_gap;
      }
      const float tw = v.ui.text_width(f.text, role);
      v.ui.text({cx, y, tw + 2, lh}, f.text, role, ink);
      cx += tw + cell_gap;
    }
    y += lh;
  }
  if (y + pad_y > box.bottom() + 0.5f) v.ui.overflow("plans: a card's contents are taller than the card");
  return tapped;
}

}  // namespace kiosk::ui
