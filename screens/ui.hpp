#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/lang.hpp"
#include "fonts.hpp"
#include "rgba_image.hpp"
#include "theme.hpp"

struct ImDrawList;

namespace kiosk {
struct Raster;
}

namespace kiosk::ui {

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  float right() const { return x + w; }
  float bottom() const { return y + h; }
  Rect inset(float d) const { return {x + d, y + d, w - 2 * d, h - 2 * d}; }
};

enum class Align { left, centre, right };
enum class ButtonKind { primary, secondary, selected };
// Pictures drawn with lines and circles (no image files): what an outcome screen says at a
// glance.
// data, call, texts, eu (the ring of stars: roaming) and globe (calls abroad) are a plan's
// contents.
enum class Icon { tick, cross, info, clock, phone, card, contactless, receipt, data, call, texts, eu, globe };

// What one frame drew, for scripts (where is widget X), the gallery (missing glyphs, clipped
// texts) and tests.
struct FrameReport {
  struct Widget {
    std::string id;
    Rect rect;
    bool enabled;
    std::string label;  // what it says (speech reads it when the focus lands on it)
    std::optional<Lang> lang = std::nullopt;  // said in this language (else the session's)
    bool blocked = false;                     // beneath a modal: drawn, but out of play
    float label_px = 0;                       // the size its words were drawn at (buttons)
  };
  // What the screen says, in drawing order, for speech; digits are read one by one.
  struct Spoken {
    std::string text;
    bool digits = false;
    std::optional<Lang> lang = std::nullopt;  // a text in another language than the session's
    float px = 0;                             // the size it was drawn at
  };
  std::vector<Spoken> spoken;
  int missing_glyphs = 0;
  std::vector<std::string> missing_chars;  // UTF-8, one entry per missing character
  std::vector<std::string> clipped;        // texts that did not fit their box
  std::vector<Widget> widgets;
  // Seconds until something on the screen changes by itself (a spinner's next step, the attract
  // headline's next language); 0: nothing moves, the frame stays until something happens.
  double redraw_in = 0;
  const Widget* find(std::string_view id) const;
};

// The keypad's focus: the widget with the ring, and whether OK was pressed on it this frame.
struct Focus {
  std::string id;
  bool activate = false;
};

// The widgets every screen uses: wrapped text that reports when it does not fit, big buttons
// with stable ids, panels, and QR codes. Draws into ImGui's window draw list.
class Ui {
 public:
  Ui(const UiFonts& fonts, const Theme& theme, FrameReport& report, const Focus& focus = {});

  const Theme& theme() const { return theme_; }
  const UiFonts& fonts() const { return fonts_; }

  // Draws `text` wrapped into `box`; returns the height it took. Text that does not fit the
  // box (too many lines, or a word wider than the box) is drawn anyway and reported.
  float text(const Rect& box, std::string_view text, FontRole role, std::uint32_t rgb,
             Align align = Align::left);
  // Height the text would take at this width.
  float text_height(std::string_view text, FontRole role, float width) const;
  // Width of the text on one line.
  float text_width(std::string_view text, FontRole role) const { return width(text, role, Shaper::has_rtl(text)); }
  float line_height(FontRole role) const;
  // Whether every wrapped line of the text fits the width (no word wider than it).
  bool fits_width(std::string_view text, FontRole role, float width) const;
  // The role itself, or the next smaller size in which no word is wider than `width`.
  FontRole fitting_role(std::string_view text, FontRole role, float width) const;

  // A button; true when tapped (released inside). Disabled buttons draw muted and never fire.
  bool button(const char* id, const Rect& box, std::string_view label, ButtonKind kind,
              bool enabled = true, std::string_view sublabel = {}, FontRole label_role = FontRole::button);
  // An on/off choice: the label, its state in words beneath it, and a switch on the far side
  // (a filled track with the knob at the end when on, an outlined one with the knob at the start
  // when off). True when tapped.
  bool toggle(const char* id, const Rect& box, std::string_view label, bool on, std::string_view state,
              bool enabled = true);
  // The width a toggle of this width leaves for its words, beside the switch.
  static float toggle_words_width(float box_w) { return box_w - 2 * toggle_pad - toggle_track_w - 24; }
  // A choice with its own contents (a plan card): the face of a secondary button, or the
  // selected colour when chosen; the caller draws the contents on it in card_ink(selected).
  // `label` is what the focus says. True when tapped.
  bool card(const char* id, const Rect& box, bool selected, std::string_view label);
  std::uint32_t card_ink(bool selected) const { return selected ? theme_.on_selected : theme_.on_secondary; }
  // A coloured tile with its own text colour (brands); with a logo, the logo above the name.
  bool tile(const char* id, const Rect& box, std::string_view label, std::uint32_t fill,
            std::uint32_t text_rgb, const RgbaImage* logo = nullptr);
  // A picture fitted into `box`, keeping its proportions, centred.
  void image(const Rect& box, const RgbaImage& picture);
  void panel(const Rect& box, std::uint32_t fill, bool outline);
  // A thick arrow pointing down from (cx, top), `length` long: towards a device under the
  // screen (the card terminal, the printer's slot).
  void arrow_down(float cx, float top, float length, float width, std::uint32_t rgb);
  // A pill's edge in `rgb` (a tag).
  void outline(const Rect& box, std::uint32_t rgb);
  void rule(float x, float y, float w);
  void qr(const Rect& box, const Raster& code);
  void dim_all(std::uint32_t rgb, int alpha);
  // An icon in a disc of `rgb`, centred at (cx, cy): white strokes on it (black in high
  // contrast), or `ink`'s.
  void icon(Icon kind, float cx, float cy, float radius, std::uint32_t rgb,
            std::optional<std::uint32_t> ink = std::nullopt);
  // A ring whose coloured arc is the `fraction` (0 to 1) of time left, from the top.
  void time_ring(float cx, float cy, float radius, float fraction);
  // A ring of dots turning once every 1.2 s, to show that something is under way.
  void spinner(float cx, float cy, float radius);
  // Seconds on the host's clock for animations (0 where frames must come out the same: the
  // gallery, scripts).
  void set_clock(double seconds) { clock_ = seconds; }
  double clock() const { return clock_; }
  // Asks for the next frame within `seconds` (FrameReport::redraw_in).
  void redraw_within(double seconds) {
    if (report_.redraw_in == 0 || seconds < report_.redraw_in) report_.redraw_in = seconds;
  }
  // Reports a layout that does not fit the screen as clipped.
  void overflow(std::string_view what) { report_.clipped.emplace_back(what); }
  // While a modal is up, the widgets beneath draw but do not react.
  void set_blocked(bool blocked) { blocked_ = blocked; }
  // The bottom row's buttons are spoken when focused, not with every screen.
  void set_quiet(bool quiet) { quiet_ = quiet; }
  // What follows is in this language (each language offering itself in its own words), so
  // speech says it with that language's voice; nullopt: the session's language again.
  void set_language(std::optional<Lang> lang) { lang_ = lang; }
  // Right-to-left: every rectangle is mirrored across the screen and left/right alignment
  // swap (the digit keypad turns this off: dial pads keep 1 2 3 from the left).
  void set_mirrored(bool mirrored) { mirrored_ = mirrored; }
  bool mirrored() const { return mirrored_; }

 private:
  Rect place(const Rect& r) const;
  Align place(Align a) const;
  // A line shaped in a role's weight; `rtl`: it belongs to a right-to-left paragraph. Valid
  // until the next shaping.
  const ShapedLine& shaped(std::string_view text, FontRole role, bool rtl) const;
  float width(std::string_view text, FontRole role, bool rtl) const;
  float draw_text(const Rect& placed, std::string_view text, FontRole role, std::uint32_t rgb, Align align);
  bool hit(const char* id, const Rect& box, bool enabled, bool* held);
  void focus_ring(const char* id, const Rect& box);
  // A control's face: fill, an outline if any, the pressed shade, the focus ring.
  void control_box(const char* id, const Rect& box, std::uint32_t fill, std::optional<std::uint32_t> edge, bool held);
  static constexpr float toggle_pad = 24, toggle_track_w = 104;
  // One shaped line at (x, top); counts the glyphs no font has.
  void draw_line(float x, float top, const ShapedLine& line, FontRole role, std::uint32_t rgb);

  const UiFonts& fonts_;
  const Theme& theme_;
  FrameReport& report_;
  const Focus& focus_;
  bool blocked_ = false;
  bool quiet_ = false;
  std::optional<Lang> lang_;
  bool mirrored_ = false;
  double clock_ = 0;
};

}  // namespace kiosk::ui
