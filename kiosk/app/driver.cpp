#include "driver.hpp"

#include <chrono>
#include <thread>

#include "core/service_mode.hpp"
#include "corner_press.hpp"

namespace kiosk::app {

void Driver::render() {
  ui_.discard_window_events();
  for (Event& e : ui_.frame(app_.state(), app_.catalogs())) app_.queue().post(std::move(e));
  app_.pump();
}

bool Driver::settle(std::string* error, bool including_payment) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  for (;;) {
    if (std::string failure = app_.start_failure(); !failure.empty()) {
      if (error) *error = failure;
      return false;
    }
    app_.pump();
    if (!app_.busy(including_payment) && !(ui_.speech() && ui_.speech()->busy())) break;
    if (std::chrono::steady_clock::now() > deadline) {
      if (error) *error = "the kiosk did not settle within 30 s";
      return false;
    }
    // Not every job ends with an event (a journal check, a printer status poll): look again
    // soon rather than sleep a long tick through it.
    app_.queue().wait_for(std::chrono::milliseconds(1));
  }
  render();
  render();  // a second frame: widgets placed in the first are where the report says
  return true;
}

bool Driver::tap(const std::string& id, std::string* error) {
  render();
  const ui::FrameReport::Widget* w = ui_.report().find(id);
  if (!w) {
    if (error) *error = "no widget '" + id + "' on screen " + std::string(screen_name(app_.state().screen));
    return false;
  }
  if (!w->enabled) {
    if (error) *error = "widget '" + id + "' is disabled";
    return false;
  }
  const float x = w->rect.x + w->rect.w / 2, y = w->rect.y + w->rect.h / 2;
  ui_.pointer(x, y, false);
  render();
  ui_.pointer(x, y, true);
  render();
  ui_.pointer(x, y, false);
  render();
  ui_.pointer_gone();  // nothing stays hovered after the finger lifts
  render();
  return settle(error);
}

bool Driver::key(ui::NavKey key, std::string* error) {
  render();
  ui_.key(key);
  render();  // OK acts in this frame, as a tap's release would
  return settle(error);
}

bool Driver::hold(float x, float y, int seconds, std::string* error) {
  CornerPress corner;
  ui_.pointer(x, y, false);
  render();
  ui_.pointer(x, y, true);
  corner.pointer(x, y, true, now_);
  render();
  for (int i = 0; i < seconds; ++i) {
    advance(1);
    if (corner.due(now_) && service_mode_allowed(app_.state())) app_.queue().post(ev::Technician{svc::Asked{}});
    render();
  }
  ui_.pointer(x, y, false);
  render();
  ui_.pointer_gone();
  render();
  return settle(error);
}

void Driver::advance(int seconds) {
  for (int i = 0; i < seconds; ++i) {
    now_ += 1000;
    app_.tick(now_);
    app_.pump();
  }
}

}  // namespace kiosk::app
