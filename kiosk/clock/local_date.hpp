#pragma once
// Today by the machine's local clock and time zone. Read at the edges (the app's ticks, the
// gateway's quotes), never in the core, which gets the date with its events.
#include "core/civil_date.hpp"

namespace kiosk {

CivilDate local_today();

}  // namespace kiosk
