#pragma once
// A picture in colour with its own transparency (an operator's logo), drawn by the software
// renderer into a rectangle of the frame.
#include <cstdint>
#include <vector>

struct ImDrawList;
struct ImDrawCmd;

namespace kiosk::ui {

struct RgbaImage {
  int width = 0, height = 0;
  std::vector<std::uint32_t> pixels;  // ImU32 (R in the low byte), straight alpha, row by row
  std::uint32_t at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * width + x]; }
};

// Puts `image` into `list` filling the rectangle (x0, y0)-(x1, y1): a command the software
// renderer recognises (a callback whose clip rectangle is the destination). The image must
// outlive the frame.
void add_image(ImDrawList& list, const RgbaImage& image, float x0, float y0, float x1, float y1);
// The callback that marks an image command; it does nothing itself.
void image_command(const ImDrawList*, const ImDrawCmd*);

}  // namespace kiosk::ui
