#pragma once
// The technician's service mode on the screen (types: service_mode_types.hpp). It starts only
// while nobody is at the kiosk (attract or out of service, no money moving), asks for a PIN
// that the app checks, and ends by itself after two minutes without input.
#include <vector>

#include "effects.hpp"
#include "events.hpp"
#include "state.hpp"

namespace kiosk {

inline constexpr std::int64_t service_idle_ms = 120'000;
// An action or a PIN check that never answers does not keep the kiosk from its customers.
inline constexpr std::int64_t service_stuck_ms = 600'000;
inline constexpr std::size_t service_pin_min = 4, service_pin_max = 12;  // as kioskctl service-pin hash takes them
inline constexpr int service_open_per_page = 3;
// Actions asked again before they run: they cannot be undone.
bool service_action_confirmed_first(ServiceAction a);

// Nobody is at the kiosk: the technician may start the service mode.
bool service_mode_allowed(const State& s);
// The technician's screens speak the kiosk's language when they have it, else English.
Lang service_lang_for(Lang kiosk_lang);

// A technician's input or the app's answer (update() hands every ev::Technician here).
void service_input(State& s, const svc::Input& input, std::vector<Effect>& fx);
// Time passed (s.now_ms is already the new time): the mode ends after two idle minutes, and
// when the kiosk is no longer free for it.
void service_tick(State& s, std::vector<Effect>& fx);

}  // namespace kiosk
