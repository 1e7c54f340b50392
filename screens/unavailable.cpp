// The operator could not be reached before any payment: nothing charged, try again later.
#include "outcome.hpp"
#include "screens.hpp"

namespace kiosk::ui {

void draw_unavailable(const View& v) {
  draw_outcome(v, v.tr("unavailable.title"), {v.tr("unavailable.body")}, v.theme().danger, Icon::cross);
  v.actions("finish", v.tr("app.finish"), ev::FinishPressed{}, "retry", v.tr("unavailable.retry"), ev::RetryPressed{});
}

}  // namespace kiosk::ui
