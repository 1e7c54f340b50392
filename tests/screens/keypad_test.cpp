// The navigation keypad over a frame's widgets: no drawing needed.
#include <catch2/catch.hpp>

#include "keypad.hpp"

using namespace kiosk::ui;

namespace {

// A 3×2 digit grid, an action row, and the bottom row, in drawing order.
FrameReport grid() {
  FrameReport f;
  const char* keys[] = {"k1", "k2", "k3", "k4", "k5", "k6"};
  for (int i = 0; i < 6; ++i)
    f.widgets.push_back({keys[i], {60.0f + (i % 3) * 330, 700.0f + (i / 3) * 190, 300, 165}, true});
  f.widgets.push_back({"cancel", {60, 1530, 470, 140}, true});
  f.widgets.push_back({"next", {550, 1530, 470, 140}, false});  // nothing typed yet
  for (const char* id : {"back", "language", "display", "help"}) f.widgets.push_back({id, {0, 1770, 200, 130}, true});
  f.widgets[8].rect.x = 60, f.widgets[9].rect.x = 300, f.widgets[10].rect.x = 540, f.widgets[11].rect.x = 780;
  return f;
}

std::string walk(const FrameReport& f, std::string focus, std::initializer_list<NavKey> keys) {
  for (NavKey k : keys) focus = navigate(f, focus, k).focus;
  return focus;
}

}  // namespace

TEST_CASE("The first key places the ring: down on the first widget, up on the last") {
  const FrameReport f = grid();
  CHECK(navigate(f, "", NavKey::down).focus == "k1");
  CHECK(navigate(f, "", NavKey::up).focus == "help");
  CHECK(navigate(f, "gone-from-this-screen", NavKey::ok).focus == "k1");
  CHECK(navigate(f, "", NavKey::ok).activate.empty());  // nothing acts before the ring is seen
  CHECK(first_focus(f) == "k1");
}

TEST_CASE("Arrows move over the grid as it is drawn") {
  const FrameReport f = grid();
  CHECK(walk(f, "k1", {NavKey::right}) == "k2");
  CHECK(walk(f, "k1", {NavKey::down}) == "k4");
  CHECK(walk(f, "k5", {NavKey::up, NavKey::right}) == "k3");
  CHECK(walk(f, "k6", {NavKey::left, NavKey::left}) == "k4");
}

TEST_CASE("Disabled widgets are skipped, the bottom row comes after the screen, and it wraps") {
  const FrameReport f = grid();
  CHECK(walk(f, "k4", {NavKey::down}) == "cancel");
  CHECK(walk(f, "cancel", {NavKey::right}) == "back");  // "next" is disabled; reading order goes on
  CHECK(walk(f, "back", {NavKey::right, NavKey::right, NavKey::right}) == "help");
  CHECK(walk(f, "help", {NavKey::right}) == "k1");
  CHECK(walk(f, "k1", {NavKey::left}) == "help");
}

TEST_CASE("OK acts on the focused widget, back and help on theirs") {
  const FrameReport f = grid();
  CHECK(navigate(f, "k5", NavKey::ok).activate == "k5");
  CHECK(navigate(f, "k5", NavKey::ok).focus == "k5");
  CHECK(navigate(f, "k5", NavKey::back).activate == "back");
  CHECK(navigate(f, "k5", NavKey::help).activate == "help");
  CHECK(navigate(f, "k5", NavKey::repeat).activate.empty());
  FrameReport no_back = f;
  no_back.widgets[8].enabled = false;
  CHECK(navigate(no_back, "k5", NavKey::back).activate.empty());
  CHECK_FALSE(parse_nav_key("sideways"));
  CHECK(parse_nav_key("ok") == NavKey::ok);
}
