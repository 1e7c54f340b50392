#pragma once
// The tactile navigation keypad: focus moves over the widgets the last frame drew, OK acts on
// the focused one as a tap would. No ImGui here: it works on the frame's report.
#include <optional>
#include <string>
#include <string_view>

#include "ui.hpp"

namespace kiosk::ui {

// repeat: says the screen again, and starts speech mode when it is off.
enum class NavKey { up, down, left, right, ok, back, help, repeat, volume_up, volume_down, service };
std::optional<NavKey> parse_nav_key(std::string_view name);  // "up", "ok", …

struct KeypadStep {
  std::string focus;     // where the ring is now
  std::string activate;  // the widget OK (or back, help) acts on in the next frame; empty: none
};

// The arrows move to the nearest enabled widget that way on screen (a digit grid works like
// one), within the screen's own widgets or within the bottom row (back, language, contrast,
// help); where there is none, they go on in reading order (the screen's widgets, then the
// bottom row), wrapping. Without a focus on this screen, the first key only places it.
KeypadStep navigate(const FrameReport& last, const std::string& focus, NavKey key);
// Where the ring goes when a screen appears: its first enabled content widget.
std::string first_focus(const FrameReport& frame);

}  // namespace kiosk::ui
