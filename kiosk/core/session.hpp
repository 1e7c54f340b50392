#pragma once
#include <vector>

#include "effects.hpp"
#include "events.hpp"
#include "state.hpp"

namespace kiosk {

struct Update {
  State state;
  std::vector<Effect> effects;
};

// The whole contract of the core: pure, no clock, no I/O.
Update update(State state, const Event& event);

// A fresh kiosk at the attract screen.
State initial_state(const KioskSettings& settings);

}  // namespace kiosk
