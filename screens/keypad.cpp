#include "keypad.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace kiosk::ui {

std::optional<NavKey> parse_nav_key(std::string_view name) {
  static constexpr std::pair<std::string_view, NavKey> names[] = {
      {"up", NavKey::up},     {"down", NavKey::down}, {"left", NavKey::left}, {"right", NavKey::right},
      {"ok", NavKey::ok},     {"back", NavKey::back}, {"help", NavKey::help}, {"repeat", NavKey::repeat},
      {"volume_up", NavKey::volume_up}, {"volume_down", NavKey::volume_down},
      {"service", NavKey::service}};
  for (const auto& [n, k] : names)
    if (n == name) return k;
  return std::nullopt;
}

namespace {

bool is_chrome(const std::string& id) { return id == "back" || id == "language" || id == "display" || id == "help"; }

// The order focus follows: what the screen is about first, the bottom row last.
std::vector<std::string> cycle(const FrameReport& frame) {
  std::vector<std::string> content, chrome;
  for (const FrameReport::Widget& w : frame.widgets)
    if (w.enabled) (is_chrome(w.id) ? chrome : content).push_back(w.id);
  content.insert(content.end(), chrome.begin(), chrome.end());
  return content;
}

// The nearest enabled widget from `from` in the arrow's direction (within 45° of it): distance
// along the arrow plus twice the offset across it, so the next key in a row wins over one
// diagonally nearer.
const FrameReport::Widget* nearest(const FrameReport& frame, const FrameReport::Widget& from, NavKey key) {
  const float fx = from.rect.x + from.rect.w / 2, fy = from.rect.y + from.rect.h / 2;
  const FrameReport::Widget* best = nullptr;
  float best_score = 0;
  for (const FrameReport::Widget& w : frame.widgets) {
    // The screen's own widgets and the bottom row are two groups: arrows stay within one, and
    // reading order leads from the last of the screen's widgets to the bottom row.
    if (!w.enabled || w.id == from.id || is_chrome(w.id) != is_chrome(from.id)) continue;
    const float dx = w.rect.x + w.rect.w / 2 - fx, dy = w.rect.y + w.rect.h / 2 - fy;
    float along = 0, across = 0;
    switch (key) {
      case NavKey::right: along = dx, across = dy; break;
      case NavKey::left: along = -dx, across = dy; break;
      case NavKey::down: along = dy, across = dx; break;
      default: along = -dy, across = dx; break;
    }
    if (along < 1 || std::abs(across) > along) continue;  // within 45° of the arrow
    const float score = along + 2 * std::abs(across);
    if (!best || score < best_score) best = &w, best_score = score;
  }
  return best;
}

bool enabled_on(const FrameReport& frame, const std::string& id) {
  const FrameReport::Widget* w = frame.find(id);
  return w && w->enabled;
}

}  // namespace

std::string first_focus(const FrameReport& frame) {
  const std::vector<std::string> order = cycle(frame);
  return order.empty() ? std::string() : order.front();
}

KeypadStep navigate(const FrameReport& last, const std::string& focus, NavKey key) {
  const std::vector<std::string> order = cycle(last);
  const auto at = std::find(order.begin(), order.end(), focus);
  const bool placed = at != order.end();
  KeypadStep out{placed ? focus : std::string(), {}};
  if (order.empty()) return out;
  const auto index = static_cast<std::size_t>(at - order.begin());
  const bool forward = key == NavKey::down || key == NavKey::right;
  switch (key) {
    case NavKey::down:
    case NavKey::right:
    case NavKey::up:
    case NavKey::left: {
      if (!placed) {
        out.focus = forward ? order.front() : order.back();
        break;
      }
      if (const FrameReport::Widget* w = nearest(last, *last.find(focus), key)) {
        out.focus = w->id;
        break;
      }
      out.focus = forward ? order[(index + 1) % order.size()] : order[(index + order.size() - 1) % order.size()];
      break;
    }
    case NavKey::ok:
      if (placed) out.activate = focus;
      else out.focus = order.front();
      break;
    case NavKey::back:
    case NavKey::help: {
      const char* id = key == NavKey::back ? "back" : "help";  // the bottom row's own buttons
      if (enabled_on(last, id)) out.activate = id;
      break;
    }
    case NavKey::repeat:
    case NavKey::volume_up:
    case NavKey::volume_down:          // for speech; nothing moves
    case NavKey::service: break;       // the technician's service mode (the host asks for it)
  }
  return out;
}

}  // namespace kiosk::ui
