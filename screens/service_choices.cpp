// Two pages that ask the technician to choose: what customers read while the kiosk is out of
// service (in the technician's language here, in theirs on the customer's screen), and yes or
// no before an action that cannot be undone.
#include <iterator>

#include "service_screens.hpp"

namespace kiosk::ui {

void draw_service_note(const View& v, float top) {
  float y = service_title(v, top, v.tr("svc.note.title"));
  const float hh = v.ui.text_height(v.tr("svc.note.hint"), FontRole::hint, content_w);
  v.ui.text({margin, y, content_w, hh}, v.tr("svc.note.hint"), FontRole::hint, v.theme().text_muted);
  y += hh + 40;
  static constexpr const char* ids[] = {"tech_note_back_soon", "tech_note_back_hour", "tech_note_back_tomorrow"};
  static_assert(std::size(ids) == std::size(customer_notes));
  // The customer's catalog in the technician's language says it as customers will read it.
  const Catalog& customers = v.all[service_of(v).lang];
  for (std::size_t i = 0; i < std::size(customer_notes); ++i) {
    const std::string note = std::string(1, customer_note_mark) + std::string(customer_notes[i]);
    const std::string label = customers.text("oos.note." + std::string(customer_notes[i]));
    if (v.ui.button(ids[i], {margin, y, content_w, action_h}, label, ButtonKind::secondary, !service_of(v).running, {},
                    v.ui.fitting_role(label, FontRole::body, content_w - 40)))
      v.emit(ev::Technician{svc::ActionAsked{ServiceAction::out_of_service, note}});
    y += action_h + 30;
  }
}

void draw_service_confirm(const View& v, float top) {
  const ServiceMode& m = service_of(v);
  if (!m.confirming) return;
  float y = service_title(v, top, service_action_label(v, *m.confirming));
  const std::string question =
      v.tr(*m.confirming == ServiceAction::restart ? "svc.confirm.restart" : "svc.confirm.end_of_day");
  const float qh = v.ui.text_height(question, FontRole::body, content_w);
  v.ui.text({margin, y + 20, content_w, qh}, question, FontRole::body, v.theme().text);
  v.actions("tech_no", v.tr("svc.confirm.no"), ev::Technician{svc::PageOpened{ServicePage::menu}}, "tech_yes",
            v.tr("svc.confirm.yes"), ev::Technician{svc::ActionConfirmed{}});
}

}  // namespace kiosk::ui
