#pragma once
#include <functional>

#include "core/events.hpp"

namespace kiosk::hal {

// Devices report what happened by posting core events; the app queues them for the UI thread.
using EventSink = std::function<void(Event)>;

}  // namespace kiosk::hal
