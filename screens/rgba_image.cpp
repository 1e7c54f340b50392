#include "rgba_image.hpp"

#include <imgui.h>

namespace kiosk::ui {

void image_command(const ImDrawList*, const ImDrawCmd*) {}

void add_image(ImDrawList& list, const RgbaImage& image, float x0, float y0, float x1, float y1) {
  // The destination travels as the command's clip rectangle, inside the current one.
  list.PushClipRect(ImVec2(x0, y0), ImVec2(x1, y1), true);
  list.AddCallback(image_command, const_cast<RgbaImage*>(&image));
  list.PopClipRect();
}

}  // namespace kiosk::ui
