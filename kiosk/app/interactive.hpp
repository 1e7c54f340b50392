#pragma once
#include "kiosk_app.hpp"
#include "ui_host.hpp"

namespace kiosk::app {

// The kiosk in a window: waits on SDL (touch, mouse, keys, devices' wake-ups), renders only
// when something changed. Returns the process exit code.
int run_interactive(KioskApp& app, UiHost& ui);

}  // namespace kiosk::app
