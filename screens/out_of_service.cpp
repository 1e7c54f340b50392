// A device the kiosk needs is missing: say so plainly; the support number stays visible.
#include "outcome.hpp"
#include "screens.hpp"

namespace kiosk::ui {

namespace {
const char* reason_key(OutOfServiceReason r) {
  switch (r) {
    case OutOfServiceReason::journal: return "oos.reason.journal";
    case OutOfServiceReason::recovering: return "oos.reason.recovering";
    case OutOfServiceReason::terminal: return "oos.reason.terminal";
    case OutOfServiceReason::none: break;
  }
  return nullptr;
}
}  // namespace

void draw_out_of_service(const View& v) {
  // Nobody chose a language yet: say it in every language. The reason, for the technician and
  // for whoever waits, in the kiosk's language first.
  std::vector<std::string> lines;
  if (const char* key = reason_key(out_of_service_reason(v.s))) lines.push_back(v.tr(key));
  for (Lang lang : all_langs) lines.push_back(v.all[lang].text("oos.title") + " · " + v.all[lang].text("oos.body"));
  draw_outcome(v, v.tr("oos.title"), lines, v.theme().danger);
}

}  // namespace kiosk::ui
