#pragma once
#include "view.hpp"

namespace kiosk::ui {

// The shape of every "what happened" screen: a large picture of the outcome, a title, the
// paragraphs on a panel, then the actions; the whole in the middle of the room above the
// actions, unless `centred` is false (the caller adds more below). Returns where the panel ended.
float draw_outcome(const View& v, std::string_view title, const std::vector<std::string>& paragraphs,
                   std::uint32_t title_rgb, Icon icon, bool centred = true);

}  // namespace kiosk::ui
