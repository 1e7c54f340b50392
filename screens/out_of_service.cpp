// The kiosk does not sell (a device it needs is missing, a technician took it out of service):
// say so plainly; the support number stays visible.
#include "outcome.hpp"
#include "screens.hpp"

namespace kiosk::ui {

void draw_out_of_service(const View& v) {
  // The reason, for the technician and for whoever waits, in the kiosk's language first.
  std::vector<std::string> lines;
  const OutOfServiceReason why = out_of_service_reason(v.s);
  if (why != OutOfServiceReason::none) lines.push_back(v.tr("oos.reason." + std::string(out_of_service_reason_name(why))));
  // The technician's own words, as typed (checked for length and printable characters), or a
  // note chosen on the service screen, in the customer's language.
  if (why == OutOfServiceReason::technician && !v.s.technician_reason->empty()) {
    const std::string& reason = *v.s.technician_reason;
    lines.push_back(reason[0] == customer_note_mark ? v.tr("oos.note." + reason.substr(1)) : reason);
  }
  lines.push_back(v.tr("oos.body"));
  float y = draw_outcome(v, v.tr("oos.title"), lines, v.theme().danger, Icon::cross, false) + 24;
  // Nobody chose a language yet: the title in every other language, two columns.
  const float gap = 30, w = (content_w - gap) / 2;
  int column = 0;
  float row_h = 0;
  for (Lang lang : all_langs) {
    if (lang == v.s.session.lang) continue;
    const std::string& title = v.all[lang].text("oos.title");
    const float h = v.ui.text_height(title, FontRole::hint, w);
    v.ui.set_language(lang);
    v.ui.text({margin + column * (w + gap), y, w, h}, title, FontRole::hint, v.theme().text);
    row_h = std::max(row_h, h);
    if (++column == 2) {
      y += row_h + 12;
      column = 0;
      row_h = 0;
    }
  }
  v.ui.set_language(std::nullopt);
  y += row_h;
  // Customers read plain words above; the technician the code of the reason, the same in every
  // language (the log and `kioskctl status` have the detail). Not spoken: it means nothing to a
  // customer.
  if (why != OutOfServiceReason::none) {
    v.ui.set_quiet(true);
    v.ui.text({margin, y + 16, content_w, v.ui.line_height(FontRole::hint)}, "Service code " + out_of_service_code(why),
              FontRole::hint,
              v.theme().text_muted);
    v.ui.set_quiet(false);
    y += 16 + v.ui.line_height(FontRole::hint);
  }
  if (y > support_line_top(v) - 8) v.ui.overflow("out of service: the languages run into the support line");
}

}  // namespace kiosk::ui
