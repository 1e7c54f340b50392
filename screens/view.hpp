#pragma once
// What every screen gets: the state to show (read-only), the words in the session's language,
// the widgets, and where to put what the user did.
#include <string>
#include <vector>

#include "core/events.hpp"
#include "core/state.hpp"
#include "i18n/catalog.hpp"
#include "brand_logos.hpp"
#include "ui.hpp"

namespace kiosk::ui {

// The portrait panel the layout is made for.
inline constexpr float screen_w = 1080;
inline constexpr float screen_h = 1920;
inline constexpr float margin = 60;
inline constexpr float content_w = screen_w - 2 * margin;
inline constexpr float action_y = 1505;  // the row of main actions, within easy reach
inline constexpr float action_h = 165;   // two lines of a button's label in large text
inline constexpr float button_h = 130;   // every touch target is at least 120 px high

struct View {
  const State& s;
  const Catalog& t;        // the session's language
  const Catalogs& all;     // every language (the attract and language screens)
  Ui& ui;
  std::vector<Event>& out;
  const BrandLogos* logos = nullptr;  // the operators' own, where supplied

  void emit(Event e) const { out.push_back(std::move(e)); }
  const Theme& theme() const { return ui.theme(); }
  const std::string& tr(std::string_view key) const { return t.text(key); }
  bool large() const { return s.session.large_text; }
  std::string fmt(std::string_view key, const Catalog::Args& args) const { return t.format(key, args); }

  // Title at the top and an optional hint under it; returns the y below them.
  float heading(std::string_view title, std::string_view hint = {}) const;
  // The action row: a secondary button on the left and a primary on the right (either may be
  // absent: pass nullptr as id).
  void actions(const char* left_id, std::string_view left_label, Event left_event, const char* right_id,
               std::string_view right_label, Event right_event, bool right_enabled = true) const;
};

// The digit keypad of the number and receipt-code screens, with the typed digits and the
// message line above it: the keys get a little shorter in large text so that a three-line
// message still fits. `above` is where the heading ended.
struct KeypadLayout {
  Rect display;
  Rect message;
  float top, key_w, key_h, gap;
  Rect key(int row, int column) const { return {margin + column * (key_w + gap), top + row * (key_h + gap), key_w, key_h}; }
};
// `below`: room to keep under the keys for another control.
KeypadLayout keypad_layout(const View& v, float above, float below = 0);
// The message above the keys, a size smaller when a long one would not fit otherwise.
void draw_keypad_message(const View& v, const KeypadLayout& k, std::string_view text, std::uint32_t rgb);
// Draws the ten digit keys, Clear and Delete; they emit DigitPressed, NumberCleared, DigitDeleted.
void draw_digit_keys(const View& v, const KeypadLayout& k, bool enabled);

// Shared formatting for what screens show.
std::string months_label(const Catalog& t, int months);
// The session's phone number as screens show it: grouped as typed, or masked as on a receipt
// when a customer number found it (who has the customer number need not learn the number).
std::string shown_number(const Session& se);

}  // namespace kiosk::ui
