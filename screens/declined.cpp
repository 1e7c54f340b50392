// The card was refused: why, that nothing was charged, and what to do now.
#include "outcome.hpp"
#include "screens.hpp"

namespace kiosk::ui {

void draw_declined(const View& v) {
  draw_outcome(v, v.tr("declined.title"),
               {v.tr(payment_failure_key(v.s.session.failure)), v.tr("declined.nothing_charged"), v.tr("declined.other")},
               v.theme().danger, Icon::cross);
  v.actions("cancel", v.tr("app.cancel"), ev::CancelPressed{}, "retry", v.tr("declined.retry"), ev::RetryPressed{});
}

}  // namespace kiosk::ui
