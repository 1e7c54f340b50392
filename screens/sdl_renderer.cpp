#include "sdl_renderer.hpp"

#include <SDL.h>
#include <imgui.h>

namespace kiosk::ui {

SdlRenderer::~SdlRenderer() {
  if (font_texture_) SDL_DestroyTexture(font_texture_);
}

bool SdlRenderer::upload_fonts(ImFontAtlas& atlas) {
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  atlas.GetTexDataAsRGBA32(&pixels, &w, &h);
  if (font_texture_) SDL_DestroyTexture(font_texture_);
  font_texture_ = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STATIC, w, h);
  if (!font_texture_) return false;
  SDL_UpdateTexture(font_texture_, nullptr, pixels, w * 4);
  SDL_SetTextureBlendMode(font_texture_, SDL_BLENDMODE_BLEND);
  SDL_SetTextureScaleMode(font_texture_, SDL_ScaleModeLinear);
  atlas.SetTexID(static_cast<ImTextureID>(font_texture_));
  font_bytes_ = static_cast<long long>(w) * h * 4;
  atlas.ClearTexData();  // the texture holds the pixels now
  return true;
}

void SdlRenderer::render(const ImDrawData* data) {
  if (!data) return;
  const ImVec2 origin = data->DisplayPos;
  for (int n = 0; n < data->CmdListsCount; ++n) {
    const ImDrawList* list = data->CmdLists[n];
    const ImDrawVert* vertices = list->VtxBuffer.Data;
    const ImDrawIdx* indices = list->IdxBuffer.Data;
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback) {
        cmd.UserCallback(list, &cmd);
        continue;
      }
      const SDL_Rect clip{static_cast<int>(cmd.ClipRect.x - origin.x), static_cast<int>(cmd.ClipRect.y - origin.y),
                          static_cast<int>(cmd.ClipRect.z - cmd.ClipRect.x),
                          static_cast<int>(cmd.ClipRect.w - cmd.ClipRect.y)};
      if (clip.w <= 0 || clip.h <= 0) continue;
      SDL_RenderSetClipRect(renderer_, &clip);
      const ImDrawVert* v = vertices + cmd.VtxOffset;
      // ImU32 colours are R,G,B,A in memory, the layout of SDL_Color.
      SDL_RenderGeometryRaw(renderer_, static_cast<SDL_Texture*>(cmd.GetTexID()),
                            reinterpret_cast<const float*>(&v->pos), sizeof(ImDrawVert),
                            reinterpret_cast<const SDL_Color*>(&v->col), sizeof(ImDrawVert),
                            reinterpret_cast<const float*>(&v->uv), sizeof(ImDrawVert),
                            list->VtxBuffer.Size - static_cast<int>(cmd.VtxOffset),
                            indices + cmd.IdxOffset, static_cast<int>(cmd.ElemCount), sizeof(ImDrawIdx));
    }
  }
  SDL_RenderSetClipRect(renderer_, nullptr);
}

}  // namespace kiosk::ui
