#include "ui.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "text/line_breaker.hpp"
#include "core/utf8.hpp"
#include "render/raster.hpp"
#include "text/shaper.hpp"

namespace kiosk::ui {

namespace {

ImU32 col(std::uint32_t rgb, int alpha = 255) {
  return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, alpha);
}

constexpr float line_spacing = 1.22f;
constexpr float corner = 18.0f;

}  // namespace

const FrameReport::Widget* FrameReport::find(std::string_view id) const {
  for (const Widget& w : widgets)
    if (w.id == id) return &w;
  return nullptr;
}

Ui::Ui(const UiFonts& fonts, const Theme& theme, FrameReport& report, const Focus& focus)
    : fonts_(fonts), theme_(theme), report_(report), focus_(focus) {}

float Ui::line_height(FontRole role) const { return fonts_.size(role) * line_spacing; }

Rect Ui::place(const Rect& r) const {
  if (!mirrored_) return r;
  return {ImGui::GetIO().DisplaySize.x - r.x - r.w, r.y, r.w, r.h};
}

Align Ui::place(Align a) const {
  // Text of another language than the screen's (set_language) starts at its own side: Arabic
  // on the right of a left-to-right screen, and the other way round.
  const bool right_to_left = lang_ ? is_rtl(*lang_) : mirrored_;
  if (!right_to_left || a == Align::centre) return a;
  return a == Align::left ? Align::right : Align::left;
}

const ShapedLine& Ui::shaped(std::string_view text, FontRole role, bool rtl) const {
  return fonts_.shaper->shape(text, rtl, fonts_.glyphs->bold(fonts_.get(role)));
}

float Ui::width(std::string_view text, FontRole role, bool rtl) const {
  return fonts_.glyphs->measure(fonts_.get(role), shaped(text, role, rtl));
}

void Ui::draw_line(float x, float top, const ShapedLine& line, FontRole role, std::uint32_t rgb) {
  GlyphCache& glyphs = *fonts_.glyphs;
  const int style = fonts_.get(role);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 colour = col(rgb);
  const float baseline = std::floor(top) + static_cast<float>(glyphs.baseline(style));
  float pen = std::floor(x);
  const AlphaTexture* page = nullptr;  // pushed while glyphs come from it: one draw command a page
  for (const ShapedGlyph& shaped_glyph : line) {
    const float scale = glyphs.units_scale(style, shaped_glyph.slot());
    const GlyphCache::Glyph& g = glyphs.glyph(style, shaped_glyph.id);
    if (g.missing) {
      ++report_.missing_glyphs;
      std::string c;
      utf8_append(c, shaped_glyph.cp);
      report_.missing_chars.push_back(c);
    }
    if (g.page) {
      if (g.page != page) {
        if (page) draw->PopTextureID();
        page = g.page;
        draw->PushTextureID(const_cast<AlphaTexture*>(page));
      }
      // Whole pixels: each texel of the glyph image lands on one pixel. Marks sit where the
      // shaper's offsets put them.
      const float gx = std::round(pen + static_cast<float>(shaped_glyph.x_offset) * scale) + static_cast<float>(g.left);
      const float gy = baseline - std::round(static_cast<float>(shaped_glyph.y_offset) * scale) - static_cast<float>(g.top);
      const float sw = static_cast<float>(page->width()), sh = static_cast<float>(page->height());
      draw->PrimReserve(6, 4);
      draw->PrimRectUV(ImVec2(gx, gy), ImVec2(gx + static_cast<float>(g.w), gy + static_cast<float>(g.h)),
                       ImVec2(static_cast<float>(g.u) / sw, static_cast<float>(g.v) / sh),
                       ImVec2(static_cast<float>(g.u + g.w) / sw, static_cast<float>(g.v + g.h) / sh), colour);
    }
    pen += static_cast<float>(shaped_glyph.advance) * scale;
  }
  if (page) draw->PopTextureID();
}

bool Ui::fits_width(std::string_view text, FontRole role, float w) const {
  const bool rtl = Shaper::has_rtl(text);
  const auto measure = [&](std::string_view s) { return width(s, role, rtl); };
  for (const std::string& line : wrap_text(text, w, measure))
    if (measure(line) > w + 0.5f) return false;
  return true;
}

FontRole Ui::fitting_role(std::string_view label, FontRole role, float w) const {
  // One baked size down at a time; hint is the floor (still 40 px or more).
  while (!fits_width(label, role, w)) {
    if (role == FontRole::title) role = FontRole::button;
    else if (role == FontRole::button) role = FontRole::body;
    else if (role == FontRole::body) role = FontRole::hint;
    else break;
  }
  return role;
}

float Ui::text_height(std::string_view text, FontRole role, float w) const {
  const bool rtl = Shaper::has_rtl(text);
  const auto measure = [&](std::string_view s) { return width(s, role, rtl); };
  return static_cast<float>(wrap_text(text, w, measure).size()) * line_height(role);
}

float Ui::text(const Rect& box, std::string_view text, FontRole role, std::uint32_t rgb, Align align) {
  return draw_text(place(box), text, role, rgb, place(align));
}

float Ui::draw_text(const Rect& box, std::string_view text, FontRole role, std::uint32_t rgb, Align align) {
  const float px = fonts_.size(role);
  const bool rtl = Shaper::has_rtl(text);
  const auto measure = [&](std::string_view s) { return width(s, role, rtl); };
  // Single digits are the keys of a digit grid: the focus says them, the screen does not.
  if (!quiet_ && !text.empty() && !(role == FontRole::digits && text.size() == 1)) {
    // A string of digits in the digit size (the number being typed, a code) is read digit by
    // digit; amounts and dates in that size ("€81.00", "30/03/2027") are read as they are.
    const bool spelt = role == FontRole::digits &&
                       std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || c == ' '; });
    report_.spoken.push_back({without_bidi_controls(text), spelt, lang_, px});
  }
  // Lines are cut in logical order; each is then put in visual order (right-to-left runs
  // reversed and shaped) for drawing.
  const std::vector<std::string> lines = wrap_text(text, box.w, measure);
  const float lh = line_height(role);
  const float used = static_cast<float>(lines.size()) * lh;
  bool clipped = used > box.h + 0.5f;
  float y = box.y;
  for (const std::string& line : lines) {
    const ShapedLine& visual = shaped(line, role, rtl);
    const float w = fonts_.glyphs->measure(fonts_.get(role), visual);
    clipped |= w > box.w + 0.5f;
    float x = box.x;
    if (align == Align::centre) x = box.x + (box.w - w) / 2;
    if (align == Align::right) x = box.right() - w;
    // Centre the glyphs in the line's extra spacing.
    draw_line(x, y + (lh - px) / 2, visual, role, rgb);
    y += lh;
  }
  if (clipped) report_.clipped.emplace_back(without_bidi_controls(text));
  return used;
}

bool Ui::hit(const char* id, const Rect& box, bool enabled, bool* held) {
  enabled = enabled && !blocked_;
  report_.widgets.push_back({id, box, enabled, {}, lang_, blocked_});
  if (blocked_) {
    // Not submitted at all: Dear ImGui gives the hover to the first item under the pointer,
    // which would starve the modal's own buttons.
    *held = false;
    return false;
  }
  ImGui::SetCursorScreenPos(ImVec2(box.x, box.y));
  const bool clicked = ImGui::InvisibleButton(id, ImVec2(box.w, box.h));
  *held = enabled && ImGui::IsItemActive();
  // OK on the keypad acts on the focused widget exactly as a tap would.
  const bool chosen = focus_.activate && focus_.id == id;
  return enabled && (clicked || chosen);
}

void Ui::focus_ring(const char* id, const Rect& box) {
  if (blocked_ || focus_.id != id) return;
  const Rect ring = box.inset(-9);
  ImGui::GetWindowDrawList()->AddRect(ImVec2(ring.x, ring.y), ImVec2(ring.right(), ring.bottom()), col(theme_.focus),
                                      corner + 9, 0, 7.0f);
}

void Ui::control_box(const char* id, const Rect& box, std::uint32_t fill, std::optional<std::uint32_t> edge, bool held) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(ImVec2(box.x, box.y), ImVec2(box.right(), box.bottom()), col(fill), corner);
  if (edge) draw->AddRect(ImVec2(box.x, box.y), ImVec2(box.right(), box.bottom()), col(*edge), corner, 0, 3.0f);
  if (held)
    draw->AddRectFilled(ImVec2(box.x, box.y), ImVec2(box.right(), box.bottom()), col(theme_.pressed_overlay, 60), corner);
  focus_ring(id, box);
}

bool Ui::button(const char* id, const Rect& where, std::string_view label, ButtonKind kind, bool enabled,
                std::string_view sublabel, FontRole label_role) {
  const Rect box = place(where);
  bool held = false;
  const bool clicked = hit(id, box, enabled, &held);
  report_.widgets.back().label =
      without_bidi_controls(std::string(label) + (sublabel.empty() ? "" : ". " + std::string(sublabel)));
  std::uint32_t fill = theme_.secondary, ink = theme_.on_secondary, edge = theme_.outline;
  if (kind == ButtonKind::primary) fill = theme_.primary, ink = theme_.on_primary;
  if (kind == ButtonKind::selected) fill = theme_.selected, ink = theme_.on_selected;
  // A control that cannot be used, of any kind, is a grey outline with grey words: it must not
  // look chosen (a faded yellow read as lit in high contrast) nor vanish.
  if (!enabled) fill = theme_.secondary, ink = theme_.disabled, edge = theme_.disabled;
  control_box(id, box, fill, kind == ButtonKind::secondary || !enabled ? std::optional(edge) : std::nullopt, held);

  const Rect inner = box.inset(20);
  // A single word wider than the button ("Допомога" on a narrow key) takes a smaller size
  // rather than being cut.
  if (label_role != FontRole::digits) label_role = fitting_role(label, label_role, inner.w);
  report_.widgets.back().label_px = fonts_.size(label_role);
  const float label_h = text_height(label, label_role, inner.w);
  const float sub_h = sublabel.empty() ? 0 : text_height(sublabel, FontRole::hint, inner.w);
  const float total = label_h + sub_h;
  float y = box.y + std::max(10.0f, (box.h - total) / 2);
  const std::uint32_t text_rgb = ink;
  draw_text({inner.x, y, inner.w, std::min(label_h, box.bottom() - y)}, label, label_role, text_rgb, Align::centre);
  if (!sublabel.empty()) {
    y += label_h;
    draw_text({inner.x, y, inner.w, box.bottom() - y - 6}, sublabel, FontRole::hint, text_rgb, Align::centre);
  }
  if (total > box.h - 12) report_.clipped.emplace_back(without_bidi_controls(label));
  return clicked;
}

bool Ui::toggle(const char* id, const Rect& where, std::string_view label, bool on, std::string_view state,
                bool enabled) {
  const Rect box = place(where);
  bool held = false;
  const bool clicked = hit(id, box, enabled, &held);
  report_.widgets.back().label = without_bidi_controls(std::string(label) + ". " + std::string(state));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const std::uint32_t edge = enabled ? theme_.outline : theme_.disabled;
  const std::uint32_t ink = enabled ? theme_.on_secondary : theme_.disabled;
  control_box(id, box, theme_.secondary, edge, held);

  // The switch on the far side, centred in height; the words take the rest.
  const float track_w = toggle_track_w, track_h = 58, knob_r = 22;
  const Rect track = place({where.right() - toggle_pad - track_w, where.y + (where.h - track_h) / 2, track_w, track_h});
  const std::uint32_t fill = !enabled ? theme_.secondary : on ? theme_.primary : theme_.secondary;
  draw->AddRectFilled(ImVec2(track.x, track.y), ImVec2(track.right(), track.bottom()), col(fill), track_h / 2);
  draw->AddRect(ImVec2(track.x, track.y), ImVec2(track.right(), track.bottom()), col(on && enabled ? theme_.primary : edge),
                track_h / 2, 0, 3.0f);
  // The knob goes to the end of the track when on: the right, or the left on a mirrored screen.
  const bool knob_right = on != mirrored_;
  const float knob_x = knob_right ? track.right() - track_h / 2 : track.x + track_h / 2;
  draw->AddCircleFilled(ImVec2(knob_x, track.y + track_h / 2), knob_r, col(on && enabled ? theme_.on_primary : edge), 32);

  const Rect words{where.x + toggle_pad, where.y, toggle_words_width(where.w), where.h};
  const FontRole role = fitting_role(label, FontRole::button, words.w);
  const float label_h = text_height(label, role, words.w);
  const float state_h = text_height(state, FontRole::body, words.w);
  float y = where.y + std::max(8.0f, (where.h - label_h - state_h) / 2);
  text({words.x, y, words.w, label_h}, label, role, ink);
  y += label_h;
  text({words.x, y, words.w, state_h}, state, FontRole::body, ink);
  if (label_h + state_h > where.h - 8) report_.clipped.emplace_back(without_bidi_controls(label));
  return clicked;
}

bool Ui::card(const char* id, const Rect& where, bool selected, std::string_view label) {
  const Rect box = place(where);
  bool held = false;
  const bool clicked = hit(id, box, true, &held);
  report_.widgets.back().label = without_bidi_controls(label);
  control_box(id, box, selected ? theme_.selected : theme_.secondary,
              selected ? std::nullopt : std::optional(theme_.outline), held);
  return clicked;
}

bool Ui::tile(const char* id, const Rect& where, std::string_view label, std::uint32_t fill, std::uint32_t text_rgb,
              const RgbaImage* logo) {
  const Rect box = place(where);
  bool held = false;
  const bool clicked = hit(id, box, true, &held);
  report_.widgets.back().label = without_bidi_controls(label);
  control_box(id, box, fill, theme_.outline, held);
  const Rect inner = box.inset(16);
  if (!logo) {
    const float h = text_height(label, FontRole::title, inner.w);
    draw_text({inner.x, box.y + (box.h - h) / 2, inner.w, h}, label, FontRole::title, text_rgb, Align::centre);
    return clicked;
  }
  // The operator's logo above, its name still in words below (the name is what is read out).
  const FontRole role = fitting_role(label, FontRole::button, inner.w);
  const float h = text_height(label, role, inner.w);
  const float label_y = inner.bottom() - h;
  image({inner.x + 8, inner.y + 8, inner.w - 16, label_y - inner.y - 20}, *logo);
  draw_text({inner.x, label_y, inner.w, h}, label, role, text_rgb, Align::centre);
  return clicked;
}

void Ui::image(const Rect& box, const RgbaImage& picture) {
  if (picture.width <= 0 || picture.height <= 0 || box.w <= 0 || box.h <= 0) return;
  const float scale = std::min(box.w / static_cast<float>(picture.width), box.h / static_cast<float>(picture.height));
  const float w = std::floor(static_cast<float>(picture.width) * scale), h = std::floor(static_cast<float>(picture.height) * scale);
  const float x = std::floor(box.x + (box.w - w) / 2), y = std::floor(box.y + (box.h - h) / 2);
  add_image(*ImGui::GetWindowDrawList(), picture, x, y, x + w, y + h);
}

void Ui::panel(const Rect& where, std::uint32_t fill, bool outline) {
  const Rect box = place(where);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(ImVec2(box.x, box.y), ImVec2(box.right(), box.bottom()), col(fill), corner);
  if (outline)
    draw->AddRect(ImVec2(box.x, box.y), ImVec2(box.right(), box.bottom()), col(theme_.outline), corner, 0, 2.0f);
}

void Ui::arrow_down(float x, float top, float length, float width, std::uint32_t rgb) {
  const float cx = mirrored_ ? ImGui::GetIO().DisplaySize.x - x : x;
  // The head is as wide as `width`, a little less tall; the stem a quarter as wide.
  const float head_h = width * 0.64f, stem = width * 0.27f, head_top = top + length - head_h;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(ImVec2(cx - stem / 2, top), ImVec2(cx + stem / 2, head_top + 1), col(rgb));
  draw->AddTriangleFilled(ImVec2(cx - width / 2, head_top), ImVec2(cx + width / 2, head_top), ImVec2(cx, top + length),
                          col(rgb));
}

void Ui::outline(const Rect& where, std::uint32_t rgb) {
  const Rect box = place(where);
  ImGui::GetWindowDrawList()->AddRect(ImVec2(box.x, box.y), ImVec2(box.right(), box.bottom()), col(rgb), box.h / 2, 0,
                                      2.0f);
}

void Ui::rule(float x, float y, float w) {
  const Rect line = place({x, y, w, 0});
  ImGui::GetWindowDrawList()->AddLine(ImVec2(line.x, y), ImVec2(line.right(), y), col(theme_.outline), 2.0f);
}

void Ui::qr(const Rect& where, const Raster& code) {
  if (code.width == 0) return;
  const Rect box = place(where);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  // Always dark on white, whatever the theme: phone cameras expect it.
  draw->AddRectFilled(ImVec2(box.x, box.y), ImVec2(box.right(), box.bottom()), col(0xFFFFFF));
  // Whole pixels per module: fractional edges leave seams that confuse scanners.
  const float scale = std::floor(std::min(box.w, box.h) / static_cast<float>(code.width));
  const float x0 = std::floor(box.x + (box.w - scale * code.width) / 2);
  const float y0 = std::floor(box.y + (box.h - scale * code.height) / 2);
  for (int y = 0; y < code.height; ++y)
    for (int x = 0; x < code.width; ++x)
      if (code.at(x, y))
        draw->AddRectFilled(ImVec2(x0 + x * scale, y0 + y * scale), ImVec2(x0 + (x + 1) * scale, y0 + (y + 1) * scale),
                            col(0x000000));
}

void Ui::icon(Icon kind, float x, float cy, float r, std::uint32_t rgb, std::optional<std::uint32_t> ink_rgb) {
  const float cx = mirrored_ ? ImGui::GetIO().DisplaySize.x - x : x;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddCircleFilled(ImVec2(cx, cy), r, col(rgb), 48);
  // Discs are dark on the light theme and light on high contrast's black: strokes take the
  // other end.
  const ImU32 ink = col(ink_rgb ? *ink_rgb : theme_.background == 0x000000 ? 0x000000 : 0xFFFFFF);
  const float stroke = r * 0.16f;
  const auto at = [&](float dx, float dy) { return ImVec2(cx + dx * r, cy + dy * r); };
  switch (kind) {
    case Icon::tick: {
      // Drawn the same way round in every language: a tick is not text.
      const ImVec2 pts[] = {at(-0.45f, 0.02f), at(-0.12f, 0.34f), at(0.48f, -0.30f)};
      draw->AddPolyline(pts, 3, ink, 0, stroke);
      break;
    }
    case Icon::cross:
      draw->AddLine(at(-0.35f, -0.35f), at(0.35f, 0.35f), ink, stroke);
      draw->AddLine(at(-0.35f, 0.35f), at(0.35f, -0.35f), ink, stroke);
      break;
    case Icon::info:
      draw->AddCircleFilled(at(0, -0.42f), stroke * 0.75f, ink, 16);
      draw->AddLine(at(0, -0.18f), at(0, 0.48f), ink, stroke);
      break;
    case Icon::phone:
      // A handset: its outline, the screen's lower edge and the button under it.
      draw->AddRect(at(-0.32f, -0.58f), at(0.32f, 0.58f), ink, r * 0.12f, 0, stroke * 0.6f);
      draw->AddLine(at(-0.32f, 0.32f), at(0.32f, 0.32f), ink, stroke * 0.5f);
      draw->AddCircleFilled(at(0, 0.45f), stroke * 0.45f, ink, 12);
      break;
    case Icon::card:
      // A payment card: its outline, the chip, the stripe of its number.
      draw->AddRect(at(-0.55f, -0.36f), at(0.55f, 0.36f), ink, r * 0.08f, 0, stroke * 0.55f);
      draw->AddRectFilled(at(-0.38f, -0.16f), at(-0.14f, 0.04f), ink, r * 0.03f);
      draw->AddLine(at(-0.38f, 0.2f), at(0.36f, 0.2f), ink, stroke * 0.45f);
      break;
    case Icon::contactless:
      // The contactless mark: four waves growing to the right (the same way round everywhere).
      for (int i = 0; i < 4; ++i) {
        const float wave = r * (0.18f + 0.16f * static_cast<float>(i));
        draw->PathArcTo(ImVec2(cx - r * 0.42f, cy), wave, -0.9f, 0.9f, 16);
        draw->PathStroke(ink, 0, stroke * 0.5f);
      }
      break;
    case Icon::receipt:
      // A slip of paper with lines of print, coming out downwards.
      draw->AddRect(at(-0.34f, -0.55f), at(0.34f, 0.4f), ink, 0, 0, stroke * 0.5f);
      for (int i = 0; i < 3; ++i) {
        const float ly = -0.32f + 0.2f * static_cast<float>(i);
        draw->AddLine(at(-0.2f, ly), at(0.2f, ly), ink, stroke * 0.4f);
      }
      draw->AddTriangleFilled(at(-0.22f, 0.5f), at(0.22f, 0.5f), at(0, 0.74f), ink);
      break;
    case Icon::clock:
      draw->AddCircle(ImVec2(cx, cy), r * 0.62f, ink, 48, stroke * 0.7f);
      draw->AddLine(at(0, 0.04f), at(0, -0.40f), ink, stroke * 0.7f);
      draw->AddLine(at(0, 0), at(0.28f, 0.12f), ink, stroke * 0.7f);
      break;
    case Icon::data:
      // Mobile data: an arrow up beside an arrow down.
      draw->AddLine(at(-0.22f, 0.5f), at(-0.22f, -0.34f), ink, stroke);
      draw->AddTriangleFilled(at(-0.46f, -0.22f), at(0.02f, -0.22f), at(-0.22f, -0.56f), ink);
      draw->AddLine(at(0.22f, -0.5f), at(0.22f, 0.34f), ink, stroke);
      draw->AddTriangleFilled(at(-0.02f, 0.22f), at(0.46f, 0.22f), at(0.22f, 0.56f), ink);
      break;
    case Icon::call: {
      // A handset: a thick arc for the grip with the ear and mouth pieces at its ends.
      const float a0 = 2.45f, a1 = 5.4f;
      draw->PathArcTo(ImVec2(cx + r * 0.1f, cy - r * 0.1f), r * 0.5f, a0, a1, 20);
      draw->PathStroke(ink, 0, stroke * 1.3f);
      for (float a : {a0, a1})
        draw->AddCircleFilled(ImVec2(cx + r * 0.1f + r * 0.5f * std::cos(a), cy - r * 0.1f + r * 0.5f * std::sin(a)),
                              r * 0.17f, ink, 16);
      break;
    }
    case Icon::texts:
      // A speech bubble with its tail at the lower left.
      draw->AddRect(at(-0.52f, -0.42f), at(0.52f, 0.26f), ink, r * 0.14f, 0, stroke * 0.6f);
      draw->AddTriangleFilled(at(-0.34f, 0.22f), at(-0.06f, 0.22f), at(-0.36f, 0.56f), ink);
      for (int i = 0; i < 2; ++i) {
        const float ly = -0.2f + 0.22f * static_cast<float>(i);
        draw->AddLine(at(-0.3f, ly), at(0.3f, ly), ink, stroke * 0.45f);
      }
      break;
    case Icon::eu:
      // The European ring of twelve stars, as dots.
      for (int i = 0; i < 12; ++i) {
        const float a = static_cast<float>(i) * 6.2831853f / 12;
        draw->AddCircleFilled(ImVec2(cx + r * 0.56f * std::cos(a), cy + r * 0.56f * std::sin(a)), r * 0.09f, ink, 10);
      }
      break;
    case Icon::globe:
      // A globe: its outline, a meridian and the equator.
      draw->AddCircle(ImVec2(cx, cy), r * 0.6f, ink, 40, stroke * 0.55f);
      draw->AddLine(at(-0.6f, 0), at(0.6f, 0), ink, stroke * 0.45f);
      for (int i = 0; i <= 28; ++i) {  // no AddEllipse in Dear ImGui 1.86
        const float a = static_cast<float>(i) * 6.2831853f / 28;
        draw->PathLineTo(ImVec2(cx + r * 0.26f * std::cos(a), cy + r * 0.6f * std::sin(a)));
      }
      draw->PathStroke(ink, 0, stroke * 0.45f);
      break;
  }
}

void Ui::time_ring(float x, float cy, float r, float fraction) {
  const float cx = mirrored_ ? ImGui::GetIO().DisplaySize.x - x : x;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddCircle(ImVec2(cx, cy), r, col(theme_.outline), 48, 6.0f);
  fraction = std::clamp(fraction, 0.0f, 1.0f);
  if (fraction <= 0) return;
  // From twelve o'clock, the way a clock's hand goes (the other way on a mirrored screen).
  const float start = -1.5707963f, sweep = 6.2831853f * fraction * (mirrored_ ? -1.0f : 1.0f);
  draw->PathArcTo(ImVec2(cx, cy), r, start, start + sweep, 48);
  draw->PathStroke(col(theme_.primary), 0, 10.0f);
}

void Ui::spinner(float cx, float cy, float radius) {
  redraw_within(0.1);
  constexpr int dots = 12;
  // Ten steps a second: smooth enough to read as turning, few frames to draw.
  const int head = static_cast<int>(std::fmod(clock_ * 10.0, dots));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float dot_r = radius * 0.16f;
  for (int i = 0; i < dots; ++i) {
    const int behind = (head - i + dots) % dots;  // 0: the head, then the dots trailing it
    const int alpha = std::max(40, 255 - behind * 24);
    // Clockwise from the top; mirrored screens turn the other way, as their reading does.
    const float turn = (mirrored_ ? -1.0f : 1.0f) * static_cast<float>(i) * 6.2831853f / dots;
    draw->AddCircleFilled(ImVec2(cx + radius * std::sin(turn), cy - radius * std::cos(turn)), dot_r,
                          col(theme_.primary, alpha), 16);
  }
}

void Ui::dim_all(std::uint32_t rgb, int alpha) {
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, 0), size, col(rgb, alpha));
}

}  // namespace kiosk::ui
