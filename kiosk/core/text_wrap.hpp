#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// Greedy line breaking shared by the screens and the receipt: breaks at spaces, and between
// ideographs except before closing punctuation. A word longer than the width breaks after its
// hyphens if it has any, else stays whole on its own line (the caller reports it as clipped).
// Explicit '\n' always breaks.
std::vector<std::string> wrap_text(std::string_view text, float max_width,
                                   const std::function<float(std::string_view)>& measure);

}  // namespace kiosk
