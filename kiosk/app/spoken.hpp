#pragma once
#include <string>

#include "ui.hpp"

namespace kiosk::app {

// What a drawn frame says, as one utterance for the speech engine.
std::string spoken_utterance(const ui::FrameReport& frame);

}  // namespace kiosk::app
