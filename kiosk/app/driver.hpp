#pragma once
#include <cstdint>
#include <string>

#include "kiosk_app.hpp"
#include "ui_host.hpp"

namespace kiosk::app {

// Drives the kiosk the way a person would, for scripts, the demo, the gallery and the
// benchmark: real frames, real taps on widgets found by id, simulated time.
class Driver {
 public:
  Driver(KioskApp& app, UiHost& ui, std::int64_t start_ms) : app_(app), ui_(ui), now_(start_ms) {}

  // One frame; what the user did goes to the core.
  void render();
  // Lets queued events and gateway calls finish (real time, bounded), then redraws. A payment
  // on a real terminal is waited for only when asked (the script's "wait").
  bool settle(std::string* error, bool including_payment = false);
  // Taps the widget with this id: pointer over it, down, up, away (one frame each).
  bool tap(const std::string& id, std::string* error);
  // A key of the navigation keypad, then the kiosk settles.
  bool key(ui::NavKey key, std::string* error);
  void advance(int seconds);
  // A finger held at (x, y) for whole seconds of simulated time, then lifted: the hidden
  // corner's long press (CornerPress).
  bool hold(float x, float y, int seconds, std::string* error);
  std::int64_t now() const { return now_; }

 private:
  KioskApp& app_;
  UiHost& ui_;
  std::int64_t now_;
};

// Runs a --script file; returns 0 when every line held, else prints the failing line and
// returns 1. Screenshots (shot NAME) go to shots_dir.
int run_script(const std::string& path, KioskApp& app, UiHost& ui, const std::string& shots_dir);

}  // namespace kiosk::app
