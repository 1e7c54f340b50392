#pragma once
// A plan as a card that compares at a glance: its name and monthly price on top, its contents
// as figures with icons beneath (data, calls, texts, roaming, calls abroad).
#include <string>
#include <vector>

#include "view.hpp"

namespace kiosk::ui {

// Neighbours that say the same ("Unlimited" calls and texts) share one figure with both icons.
struct PlanFigure {
  std::vector<Icon> icons;
  std::string text;  // "8 GB", "Unlimited", "EU"
};
std::vector<PlanFigure> plan_figures(const Catalog& t, const Plan& plan);
// The same contents in words, one line each ("Unlimited calls"), with their icons.
std::vector<std::pair<Icon, std::string>> plan_lines(const Catalog& t, const Plan& plan);

// How a card's words sit at a width; the same for measuring and drawing.
struct PlanCardLayout {
  std::vector<PlanFigure> figures;  // made once, for measuring and drawing
  FontRole figure_role = FontRole::body;
  std::vector<std::vector<std::size_t>> figure_rows;  // indices into the figures, a row each
  // Where "Your current plan" goes: after the name, at the end of the last row of figures, or
  // on a line of its own under the name.
  enum class Tag { none, after_name, after_figures, below_name } tag = Tag::none;
  float height = 0;
};
// `small_figures`: in the hint size even where the body size fits (cards side by side look
// alike).
PlanCardLayout plan_card_layout(const View& v, const Plan& plan, float width, bool small_figures = false);

// Draws the card at `box` (at least the layout's height); true when tapped.
bool draw_plan_card(const View& v, const Plan& plan, const Rect& box, const PlanCardLayout& layout);

}  // namespace kiosk::ui
