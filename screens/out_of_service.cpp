// A device the kiosk needs is missing: say so plainly; the support number stays visible.
#include "outcome.hpp"
#include "screens.hpp"

namespace kiosk::ui {

void draw_out_of_service(const View& v) {
  // Nobody chose a language yet: say it in every language. The reason, for the technician and
  // for whoever waits, in the kiosk's language first.
  std::vector<std::string> lines;
  if (const OutOfServiceReason r = out_of_service_reason(v.s); r != OutOfServiceReason::none)
    lines.push_back(v.tr("oos.reason." + std::string(out_of_service_reason_name(r))));
  for (Lang lang : all_langs) lines.push_back(v.all[lang].text("oos.title") + " · " + v.all[lang].text("oos.body"));
  draw_outcome(v, v.tr("oos.title"), lines, v.theme().danger);
}

}  // namespace kiosk::ui
