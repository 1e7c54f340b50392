#pragma once
// Draws Dear ImGui's output with SDL_RenderGeometryRaw (SDL ≥ 2.0.18), so the kiosk runs on
// the software renderer too: headless screenshots and GPU-less boards need no OpenGL.
struct SDL_Renderer;
struct SDL_Texture;
struct ImDrawData;
struct ImFontAtlas;

namespace kiosk::ui {

class SdlRenderer {
 public:
  explicit SdlRenderer(SDL_Renderer* renderer) : renderer_(renderer) {}
  ~SdlRenderer();
  SdlRenderer(const SdlRenderer&) = delete;
  SdlRenderer& operator=(const SdlRenderer&) = delete;

  bool upload_fonts(ImFontAtlas& atlas);
  void render(const ImDrawData* data);
  // Bytes of the font texture (RGBA), for the memory figures.
  long long font_texture_bytes() const { return font_bytes_; }

 private:
  SDL_Renderer* renderer_;
  SDL_Texture* font_texture_ = nullptr;
  long long font_bytes_ = 0;
};

}  // namespace kiosk::ui
