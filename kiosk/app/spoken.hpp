#pragma once
#include <string>
#include <vector>

#include "speech/spoken_text.hpp"
#include "ui.hpp"

namespace kiosk::app {

// What a drawn frame says, in stretches of one language each.
std::vector<speech::Segment> spoken_segments(const ui::FrameReport& frame, Lang session);
// The same as one text (logs, scripts, the gallery's .txt files).
std::string spoken_text(const std::vector<speech::Segment>& segments);

}  // namespace kiosk::app
