// The user stopped: nothing was charged and nothing about them stays on the kiosk.
#include "outcome.hpp"
#include "screens.hpp"

namespace kiosk::ui {

void draw_cancelled(const View& v) {
  draw_outcome(v, v.tr("cancelled.title"), {v.tr("cancelled.body")}, v.theme().text, Icon::info);
  v.actions(nullptr, "", ev::FinishPressed{}, "finish", v.tr("app.finish"), ev::FinishPressed{});
}

}  // namespace kiosk::ui
