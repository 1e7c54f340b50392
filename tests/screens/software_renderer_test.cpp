#include <catch2/catch.hpp>
#include <imgui.h>

#include <functional>
#include <set>

#include "alpha_texture.hpp"
#include "imgui_atlas.hpp"
#include "rgba_image.hpp"
#include "software_renderer.hpp"

using namespace kiosk::ui;

namespace {

constexpr std::uint32_t background = IM_COL32(255, 255, 255, 255);

// One Dear ImGui frame of `draw` on the foreground list, rendered on the CPU.
SoftwareRenderer render(int w, int h, const std::function<void(ImDrawList&, AlphaTexture&)>& draw) {
  ImGuiContext* ctx = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(static_cast<float>(w), static_cast<float>(h));
  AlphaTexture white;
  build_shape_atlas(*io.Fonts, white);
  ImGui::NewFrame();
  draw(*ImGui::GetForegroundDrawList(), white);
  ImGui::Render();
  SoftwareRenderer canvas(w, h);
  canvas.clear(background);
  canvas.render(ImGui::GetDrawData());
  ImGui::DestroyContext(ctx);
  return canvas;
}

std::uint32_t at(const SoftwareRenderer& c, int x, int y) { return c.pixels()[y * c.width() + x]; }

}  // namespace

TEST_CASE("An opaque rectangle fills exactly the pixels whose centres it covers") {
  const auto c = render(40, 30, [](ImDrawList& d, AlphaTexture&) {
    d.AddRectFilled(ImVec2(10, 10), ImVec2(20, 15), IM_COL32(200, 0, 0, 255));
  });
  int red = 0;
  for (int y = 0; y < 30; ++y)
    for (int x = 0; x < 40; ++x) {
      const bool inside = x >= 10 && x < 20 && y >= 10 && y < 15;
      CHECK(at(c, x, y) == (inside ? IM_COL32(200, 0, 0, 255) : background));
      red += inside;
    }
  CHECK(red == 50);
}

TEST_CASE("Triangles that share an edge blend each pixel once") {
  // A slanted quad goes through the triangle path; a translucent fill shows any pixel drawn
  // twice (darker) or skipped (white) along the shared diagonal.
  const ImU32 half_blue = IM_COL32(0, 0, 255, 128);
  const auto c = render(120, 120, [&](ImDrawList& d, AlphaTexture&) {
    d.Flags &= ~ImDrawListFlags_AntiAliasedFill;  // two bare triangles, no rim
    d.AddQuadFilled(ImVec2(3.3f, 1.7f), ImVec2(100.2f, 10.6f), ImVec2(110.9f, 111.1f), ImVec2(10.4f, 99.8f), half_blue);
  });
  std::set<std::uint32_t> colours;
  for (int i = 0; i < 120 * 120; ++i) colours.insert(c.pixels()[i]);
  CHECK(colours.size() == 2);  // white, and white under half blue
  CHECK(at(c, 55, 55) != background);
}

TEST_CASE("A translucent rounded panel is blended once inside and fades at its edges") {
  const ImU32 grey = IM_COL32(0, 0, 0, 100);
  const auto c = render(300, 200, [&](ImDrawList& d, AlphaTexture&) {
    d.AddRectFilled(ImVec2(20, 20), ImVec2(280, 180), grey, 18.0f);
  });
  const std::uint32_t inside = at(c, 150, 100);
  CHECK(inside != background);
  // Every pixel a little inside the rounded outline has the same colour: the fan of slivers
  // neither overlaps nor leaves gaps.
  for (int y = 40; y < 160; ++y)
    for (int x = 40; x < 260; ++x) REQUIRE(at(c, x, y) == inside);
  CHECK(at(c, 5, 5) == background);
  CHECK(at(c, 21, 21) == background);  // cut off by the rounded corner
  // The anti-aliased rim lies between the panel and the paper.
  const std::uint32_t rim = at(c, 150, 20);
  CHECK((rim & 0xFF) < 255);
  CHECK((rim & 0xFF) >= (inside & 0xFF));
}

TEST_CASE("A glyph image lands texel for pixel, tinted by its colour") {
  const std::uint8_t texels[] = {0, 255, 255, 0,  //
                                 0, 255, 255, 0,  //
                                 0, 128, 128, 0,  //
                                 0, 0, 0, 0};
  AlphaTexture glyph(4, 4, texels);
  const auto c = render(20, 20, [&](ImDrawList& d, AlphaTexture&) {
    d.PushTextureID(&glyph);
    d.PrimReserve(6, 4);
    d.PrimRectUV(ImVec2(5, 7), ImVec2(9, 11), ImVec2(0, 0), ImVec2(1, 1), IM_COL32(0, 0, 0, 255));
    d.PopTextureID();
  });
  CHECK(at(c, 5, 7) == background);
  CHECK(at(c, 6, 7) == IM_COL32(0, 0, 0, 255));
  CHECK(at(c, 7, 8) == IM_COL32(0, 0, 0, 255));
  const std::uint32_t half = at(c, 6, 9);
  CHECK((half & 0xFF) > 100);
  CHECK((half & 0xFF) < 155);
  CHECK(at(c, 6, 10) == background);
  CHECK(at(c, 9, 7) == background);
}

TEST_CASE("Nothing is drawn outside the clip rectangle") {
  const auto c = render(50, 50, [](ImDrawList& d, AlphaTexture&) {
    d.PushClipRect(ImVec2(10, 10), ImVec2(30, 30));
    d.AddRectFilled(ImVec2(0, 0), ImVec2(50, 50), IM_COL32(0, 120, 0, 255), 6.0f);
    d.AddLine(ImVec2(0, 20), ImVec2(50, 20), IM_COL32(0, 0, 0, 255), 3.0f);
    d.PopClipRect();
  });
  for (int y = 0; y < 50; ++y)
    for (int x = 0; x < 50; ++x) {
      const bool inside = x >= 10 && x < 30 && y >= 10 && y < 30;
      if (!inside) REQUIRE(at(c, x, y) == background);
    }
  CHECK(at(c, 15, 15) == IM_COL32(0, 120, 0, 255));
  CHECK(at(c, 15, 20) != IM_COL32(0, 120, 0, 255));  // the line crosses the clip
}

TEST_CASE("A colour picture fills its rectangle, blended by its own transparency") {
  // Two texels: opaque blue, then fully transparent; drawn 20 × 10 at (10, 5).
  RgbaImage picture{2, 1, {IM_COL32(0, 0, 255, 255), IM_COL32(255, 0, 0, 0)}};
  const auto c = render(40, 20, [&](ImDrawList& d, AlphaTexture&) { add_image(d, picture, 10, 5, 30, 15); });
  CHECK(at(c, 12, 10) == IM_COL32(0, 0, 255, 255));  // the opaque half
  CHECK(at(c, 28, 10) == background);               // the transparent half lends no red
  CHECK(at(c, 9, 10) == background);                // nothing outside the rectangle
  CHECK(at(c, 12, 4) == background);
  CHECK(at(c, 12, 15) == background);
  // Between the two texels the blue fades out; no red appears anywhere.
  for (int x = 10; x < 30; ++x) CHECK(((at(c, x, 10) & 0xFF) == 255 || (at(c, x, 10) & 0xFF) == (at(c, x, 10) >> 8 & 0xFF)));
}
