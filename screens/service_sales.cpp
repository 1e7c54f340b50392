// Today's sales by operator and way of paying, the money net of what was given back, and the
// transactions recovery is still finishing, with "retry now".
#include "core/service_mode.hpp"
#include "service_screens.hpp"

namespace kiosk::ui {

namespace {

std::string method_name(const View& v, const std::string& method) {
  return method == "card" || method == "wallet" ? v.tr("svc.method." + method) : method;
}

std::string open_line(const View& v, const ServiceStatus::Open& o) {
  std::string when = o.need == "technician" ? v.tr("svc.open.waits")
                     : o.next_try_s < 0     ? v.tr("svc.open.asking")
                                            : v.fmt("svc.open.next", {{"s", std::to_string(o.next_try_s)}});
  return service_money(v, o.amount) + " · " + v.tr("svc.need." + o.need) + " · " + when;
}

// This kiosk's references start with its id: the token after it is enough to tell them apart.
std::string short_reference(const View& v, const std::string& reference) {
  const std::string& id = v.s.settings.kiosk_id;
  if (reference.size() > id.size() + 1 && reference.compare(0, id.size(), id) == 0 && reference[id.size()] == '-')
    return "\u2026" + reference.substr(id.size());
  return reference;
}

}  // namespace

void draw_service_sales(const View& v, float top) {
  const ServiceMode& m = service_of(v);
  float y = service_title(v, top, v.tr("svc.sales.title"));
  const std::uint32_t ink = v.theme().text;
  if (!m.status) return;
  const ServiceStatus& st = *m.status;
  if (st.sales_today.empty()) y = service_row(v, y, "", v.tr("svc.sales.none"), ink);
  for (const ServiceStatus::SalesLine& l : st.sales_today)
    y = service_row(v, y, l.brand + ", " + method_name(v, l.method),
                    std::to_string(l.renewals) + " × · " + service_money(v, l.cents), ink);
  y = service_row(v, y, v.tr("svc.sales.card"), service_money(v, st.card_net_today), ink);
  y = service_row(v, y, v.tr("svc.sales.wallet"), service_money(v, st.wallet_net_today), ink);
  y = service_row(v, y, v.tr("svc.sales.returned"), std::to_string(st.returned_today), ink);

  y = service_title(v, y + 24, v.tr("svc.open.title"));
  const int pages = std::max<int>(1, (static_cast<int>(st.open.size()) + service_open_per_page - 1) / service_open_per_page);
  if (st.open.empty()) y = service_row(v, y, "", v.tr("svc.open.none"), ink);
  for (std::size_t i = static_cast<std::size_t>(m.open_page) * service_open_per_page;
       i < st.open.size() && i < static_cast<std::size_t>(m.open_page + 1) * service_open_per_page; ++i)
    y = service_row(v, y, short_reference(v, st.open[i].reference), open_line(v, st.open[i]),
                    st.open[i].need == "technician" ? v.theme().danger : ink);

  // Paging and "retry now" above the way out.
  const float gap = 20, row = 1745 - 2 * 120 - gap;
  if (y > row - 8) v.ui.overflow("service sales: the lines run into the buttons");
  const float w = (content_w - 2 * gap) / 3;
  if (pages > 1) {
    if (v.ui.button("tech_open_previous", {margin, row, w, 120}, v.tr("svc.page.previous"), ButtonKind::secondary,
                    m.open_page > 0))
      v.emit(ev::Technician{svc::PagedOpen{-1}});
    const std::string page = v.fmt("svc.page", {{"page", std::to_string(m.open_page + 1)}, {"pages", std::to_string(pages)}});
    v.ui.text({margin + w + gap, row + 30, w, v.ui.line_height(FontRole::hint)}, page, FontRole::hint, ink, Align::centre);
    if (v.ui.button("tech_open_next", {margin + 2 * (w + gap), row, w, 120}, v.tr("svc.page.next"), ButtonKind::secondary,
                    m.open_page + 1 < pages))
      v.emit(ev::Technician{svc::PagedOpen{1}});
  }
  std::string said;
  if (m.running) said = v.fmt("svc.running", {{"action", service_action_label(v, *m.running)}});
  if (!said.empty()) v.ui.text({margin, row - 70, content_w, v.ui.line_height(FontRole::hint)}, said, FontRole::hint, ink);
  if (v.ui.button("tech_retry", {margin, row + 120 + gap, content_w, 120}, v.tr("svc.action.retry"), ButtonKind::primary,
                  !m.running && !st.open.empty()))
    v.emit(ev::Technician{svc::ActionAsked{ServiceAction::retry}});
}

}  // namespace kiosk::ui
