#include "fonts.hpp"

namespace kiosk::ui {

UiFontSets font_sets(GlyphCache& glyphs, const Shaper& shaper) {
  // Larger text is about a quarter bigger: a capital H grows from about 10 to 12 mm on a 27"
  // portrait panel, well above ux.md's 6 mm. The keypad digits are already large.
  struct Spec { UiFonts* set; FontRole role; float px; bool bold; };
  UiFontSets out;
  const Spec specs[] = {{&out.normal, FontRole::hint, 40, false},   {&out.normal, FontRole::body, 46, false},
                        {&out.normal, FontRole::button, 50, true},  {&out.normal, FontRole::title, 64, true},
                        {&out.normal, FontRole::digits, 88, true},  {&out.large, FontRole::hint, 50, false},
                        {&out.large, FontRole::body, 58, false},    {&out.large, FontRole::button, 62, true},
                        {&out.large, FontRole::title, 78, true},    {&out.large, FontRole::digits, 88, true}};
  for (const Spec& s : specs) {
    s.set->style[static_cast<int>(s.role)] = glyphs.style(s.px, s.bold);
    s.set->px[static_cast<int>(s.role)] = s.px;
  }
  for (UiFonts* set : {&out.normal, &out.large}) {
    set->glyphs = &glyphs;
    set->shaper = &shaper;
  }
  return out;
}

}  // namespace kiosk::ui
