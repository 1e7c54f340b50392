#pragma once
#include "view.hpp"

namespace kiosk::ui {

// The shape of every "what happened" screen: a picture of the outcome, a title, paragraphs,
// then the actions. Returns where the paragraphs ended.
float draw_outcome(const View& v, std::string_view title, const std::vector<std::string>& paragraphs,
                   std::uint32_t title_rgb, Icon icon);

}  // namespace kiosk::ui
