#pragma once
#include "view.hpp"

namespace kiosk::ui {

// The shape of every "what happened" screen: a title, paragraphs, then the actions.
float draw_outcome(const View& v, std::string_view title, const std::vector<std::string>& paragraphs,
                   std::uint32_t title_rgb);

}  // namespace kiosk::ui
