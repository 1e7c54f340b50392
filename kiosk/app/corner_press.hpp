#pragma once
#include <cstdint>

namespace kiosk::app {

// The hidden corner: a finger held still in the screen's top-left corner for three seconds asks
// for the technician's service mode, as the service key does (the core lets it in only while
// nobody is at the kiosk). Nothing is drawn there; a tap or a swipe through it does nothing.
class CornerPress {
 public:
  static constexpr float size = 160;  // px of the 1080×1920 layout
  static constexpr std::int64_t hold_ms = 3000;

  // Every pointer step, in layout coordinates: down (or moving while down), or lifted.
  void pointer(float x, float y, bool down, std::int64_t now_ms);
  // True once per hold, when the finger has stayed in the corner for hold_ms.
  bool due(std::int64_t now_ms);
  // When due() may next turn true (for the main loop's wake-up), or -1 when nothing is held.
  std::int64_t next_check_ms() const { return held_since_ms_ < 0 || fired_ ? -1 : held_since_ms_ + hold_ms; }

 private:
  std::int64_t held_since_ms_ = -1;
  bool fired_ = false;
};

}  // namespace kiosk::app
