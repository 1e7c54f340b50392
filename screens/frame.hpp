#pragma once
#include <vector>

#include "core/events.hpp"
#include "core/state.hpp"
#include "i18n/catalog.hpp"
#include "brand_logos.hpp"
#include "ui.hpp"

namespace kiosk::ui {

// The theme the session asked for; the host clears the screen with its background.
const Theme& theme_for(const State& s);

// Draws one whole frame for the state (inside ImGui::NewFrame/Render) and returns what the
// user did. The chrome (back, language, display, help, the support number and the idle
// warning) is the same on every screen.
// `seconds` drives animations (waiting spinners); 0 draws them at rest. `logos`: the
// operators' own, or none.
std::vector<Event> draw_frame(const State& s, const Catalogs& catalogs, const UiFontSets& fonts,
                              FrameReport& report, const Focus& focus = {}, double seconds = 0,
                              const BrandLogos* logos = nullptr);

}  // namespace kiosk::ui
