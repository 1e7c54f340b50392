// The questions users ask (domain.md), answered in their language, as many as fit on a page.
#include <algorithm>

#include "screens.hpp"

namespace kiosk::ui {

namespace {

// The reactivation fee of each operator, as the catalog has it; in general words without one.
std::string fee_answer(const View& v) {
  if (v.s.catalog.brands.empty()) return v.tr("help.a.fee_unknown");
  std::string out = v.tr("help.a.fee");
  for (const BrandInfo& t : v.s.catalog.brands) {
    const std::string& brand = t.name;
    out += "\n";
    out += t.reactivation_fee > 0
               ? v.fmt("help.fee_line", {{"brand", brand}, {"fee", format_money(t.reactivation_fee, v.s.session.lang)}})
               : v.fmt("help.fee_none", {{"brand", brand}});
  }
  return out;
}

std::string answer(const View& v, std::string_view topic) {
  if (topic == "fee") return fee_answer(v);
  if (topic == "missing") return v.fmt("help.a.missing", {{"phone", v.s.settings.support_phone}});
  if (topic == "reminders")
    return v.fmt("help.a.reminders", {{"days", v.t.count("plans.days", v.s.settings.reminder_days_before)}});
  return v.tr(std::string("help.a.") + std::string(topic));
}

}  // namespace

void draw_help(const View& v) {
  static const char* const all_topics[help_topic_count] = {"currency", "forgot", "fee",     "reminders",
                                                           "other",    "worked", "missing", "data"};
  // Reminders are answered where this kiosk offers them.
  std::vector<const char*> topics;
  for (const char* topic : all_topics)
    if (std::string_view(topic) != "reminders" || v.s.settings.reminder_days_before > 0) topics.push_back(topic);
  const int topic_count = static_cast<int>(topics.size());
  const float top = v.heading(v.tr("help.title")) + 10, bottom = action_y - 20, text_w = content_w - 60;
  struct Answer { std::string q, a; float qh, ah; };
  std::vector<Answer> answers;
  for (const char* topic : topics) {
    Answer x{v.tr(std::string("help.q.") + topic), answer(v, topic), 0, 0};
    x.qh = v.ui.text_height(x.q, FontRole::button, text_w);
    x.ah = v.ui.text_height(x.a, FontRole::hint, text_w);
    answers.push_back(std::move(x));
  }
  // Pages are cut where the next answer would run into the buttons.
  std::vector<int> page_starts{0};
  float page_y = top;
  for (int i = 0; i < topic_count; ++i) {
    const Answer& x = answers[static_cast<std::size_t>(i)];
    const float h = x.qh + x.ah + 70;
    if (page_y + h > bottom && i != page_starts.back()) {
      page_starts.push_back(i);
      page_y = top;
    }
    page_y += h;
  }
  const int pages = static_cast<int>(page_starts.size());
  const int page = std::min(v.s.session.help_page, pages - 1);
  const int end = page + 1 < pages ? page_starts[static_cast<std::size_t>(page) + 1] : topic_count;
  float y = top;
  for (int i = page_starts[static_cast<std::size_t>(page)]; i < end; ++i) {
    const Answer& x = answers[static_cast<std::size_t>(i)];
    v.ui.panel({margin, y, content_w, x.qh + x.ah + 50}, v.theme().surface, true);
    v.ui.text({margin + 30, y + 20, text_w, x.qh}, x.q, FontRole::button, v.theme().text);
    v.ui.text({margin + 30, y + 28 + x.qh, text_w, x.ah}, x.a, FontRole::hint, v.theme().text);
    y += x.qh + x.ah + 70;
  }
  if (y > bottom + 20) v.ui.overflow("help: an answer runs into the buttons");
  if (pages > 1) {
    const float gap = 30, half = (content_w - gap) / 2;
    if (v.ui.button("help_prev", {margin, action_y, half, action_h}, v.tr("help.previous"), ButtonKind::secondary,
                    page > 0))
      v.emit(ev::HelpPaged{-1});
    if (v.ui.button("help_next", {margin + half + gap, action_y, half, action_h}, v.tr("help.more"),
                    ButtonKind::secondary, page + 1 < pages))
      v.emit(ev::HelpPaged{+1});
  }
}

}  // namespace kiosk::ui
