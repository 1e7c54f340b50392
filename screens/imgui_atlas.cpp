#include "imgui_atlas.hpp"

#include <imgui.h>

namespace kiosk::ui {

void build_shape_atlas(ImFontAtlas& atlas, AlphaTexture& texture) {
  static const ImWchar no_text[] = {0x20, 0x20, 0};
  ImFontConfig tiny;
  tiny.GlyphRanges = no_text;
  atlas.AddFontDefault(&tiny);
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  atlas.GetTexDataAsAlpha8(&pixels, &w, &h);
  texture = AlphaTexture(w, h, pixels);
  atlas.SetTexID(&texture);
  atlas.ClearTexData();
}

}  // namespace kiosk::ui
