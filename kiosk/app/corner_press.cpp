#include "corner_press.hpp"

namespace kiosk::app {

void CornerPress::pointer(float x, float y, bool down, std::int64_t now_ms) {
  const bool in_corner = x >= 0 && y >= 0 && x < size && y < size;
  if (!down || !in_corner) {
    // Lifted, or slid out of the corner: the hold starts again from nothing.
    held_since_ms_ = -1;
    fired_ = false;
    return;
  }
  if (held_since_ms_ < 0) held_since_ms_ = now_ms;
}

bool CornerPress::due(std::int64_t now_ms) {
  if (held_since_ms_ < 0 || fired_ || now_ms - held_since_ms_ < hold_ms) return false;
  fired_ = true;
  return true;
}

}  // namespace kiosk::app
