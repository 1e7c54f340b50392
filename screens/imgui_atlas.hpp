#pragma once
#include "alpha_texture.hpp"

struct ImFontAtlas;

namespace kiosk::ui {

// Dear ImGui wants a font atlas of its own; the kiosk draws text from its glyph cache, so the
// atlas holds a space and the white pixel that shapes sample. Builds it into `texture` and
// makes that the atlas's texture; `texture` must outlive the atlas's use.
void build_shape_atlas(ImFontAtlas& atlas, AlphaTexture& texture);

}  // namespace kiosk::ui
