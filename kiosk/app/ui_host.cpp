#include "ui_host.hpp"

#include <SDL.h>
#include <cstring>
#include <imgui.h>
#include <stb/stb_image_write.h>

#include "fonts/font_files.hpp"
#include "frame.hpp"
#include "sdl_renderer.hpp"
#include "view.hpp"

namespace kiosk::app {

std::string glyph_text(const Catalogs& catalogs) {
  std::string text;
  for (Lang lang : all_langs) {
    text += lang_endonym(lang);
    for (const auto& [key, value] : catalogs[lang].entries()) text += value;
  }
  for (Brand b : all_brands) text += brand_name(b);
  // What formatting adds: euro sign, no-break spaces, date characters, the middle dot.
  text += "€\u00A0\u202F年月日·–0123456789";
  return text;
}

std::vector<std::string> rtl_texts(const Catalogs& catalogs) {
  std::vector<std::string> out;
  for (Lang lang : all_langs) {
    if (!is_rtl(lang)) continue;
    out.emplace_back(lang_endonym(lang));
    for (const auto& [key, value] : catalogs[lang].entries()) out.push_back(value);
  }
  return out;
}

std::unique_ptr<UiHost> UiHost::create(Mode mode, const Catalogs& catalogs, std::string* error) {
  std::unique_ptr<UiHost> host(new UiHost());
  host->mode_ = mode;
  const int w = static_cast<int>(ui::screen_w), h = static_cast<int>(ui::screen_h);
  if (mode == Mode::offscreen) {
    // No video subsystem at all: a surface in memory and SDL's software renderer.
    host->surface_ = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ABGR8888);
    if (host->surface_) host->renderer_ = SDL_CreateSoftwareRenderer(host->surface_);
  } else {
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
      if (error) *error = std::string("SDL: ") + SDL_GetError();
      return nullptr;
    }
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");  // touches arrive as mouse events too
    const Uint32 flags = mode == Mode::fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : SDL_WINDOW_RESIZABLE;
    host->window_ = SDL_CreateWindow("Prepaid kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w / 2, h / 2, flags);
    if (host->window_) host->renderer_ = SDL_CreateRenderer(host->window_, -1, 0);
    if (host->renderer_) SDL_RenderSetLogicalSize(host->renderer_, w, h);
  }
  if (!host->renderer_) {
    if (error) *error = std::string("SDL renderer: ") + SDL_GetError();
    return nullptr;
  }
  host->imgui_ = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.DisplaySize = ImVec2(ui::screen_w, ui::screen_h);
  io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
  const FontSet fonts = find_fonts();
  host->bidi_ = BidiText::create(fonts.arabic, error);
  if (!host->bidi_) return nullptr;
  if (!ui::build_fonts(*io.Fonts, fonts, glyph_text(catalogs), rtl_texts(catalogs), host->bidi_.get(), &host->fonts_,
                       error))
    return nullptr;
  host->backend_ = std::make_unique<ui::SdlRenderer>(host->renderer_);
  if (!host->backend_->upload_fonts(*io.Fonts)) {
    if (error) *error = std::string("font texture: ") + SDL_GetError();
    return nullptr;
  }
  return host;
}

bool UiHost::enable_speech(std::string* error) {
  synth_ = speech::SpeechSynth::create(error);
  if (!synth_) return false;
  if (mode_ != Mode::offscreen && SDL_InitSubSystem(SDL_INIT_AUDIO) == 0) {
    SDL_AudioSpec want{}, have{};
    want.freq = synth_->sample_rate();
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 1024;
    audio_device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
    if (audio_device_ != 0) SDL_PauseAudioDevice(audio_device_, 0);
  }
  const unsigned device = audio_device_;
  speech_ = std::make_unique<SpeechController>(
      *synth_,
      [device](std::vector<std::int16_t> samples, int) {
        if (device != 0) SDL_QueueAudio(device, samples.data(), static_cast<Uint32>(samples.size() * sizeof(std::int16_t)));
      },
      [device] {
        if (device != 0) SDL_ClearQueuedAudio(device);
      });
  return true;
}

UiHost::~UiHost() {
  speech_.reset();
  if (audio_device_ != 0) SDL_CloseAudioDevice(audio_device_);
  if (imgui_) ImGui::DestroyContext(imgui_);
  if (renderer_) SDL_DestroyRenderer(renderer_);
  if (surface_) SDL_FreeSurface(surface_);
  if (window_) SDL_DestroyWindow(window_);
}

void UiHost::pointer(float x, float y, bool down) {
  px_ = x;
  py_ = y;
  down_ = down;
  if (down) {  // a finger: the ring goes until the keypad is used again
    keypad_in_use_ = false;
    focus_.clear();
  }
}

void UiHost::key(ui::NavKey key) {
  if (key == ui::NavKey::repeat || key == ui::NavKey::volume_up || key == ui::NavKey::volume_down) {
    speech_keys_.push_back(key);
    return;
  }
  keypad_in_use_ = true;
  const ui::KeypadStep step = ui::navigate(report_, focus_, key);
  focus_ = step.focus;
  activate_ = step.activate;
}

void UiHost::pointer_gone() {
  px_ = py_ = -1;
  down_ = false;
}

std::vector<Event> UiHost::frame(const State& s, const Catalogs& catalogs) {
  ImGuiIO& io = ImGui::GetIO();
  io.DeltaTime = 1.0f / 60.0f;
  io.MousePos = px_ < 0 ? ImVec2(-FLT_MAX, -FLT_MAX) : ImVec2(px_, py_);
  io.MouseDown[0] = down_;
  ImGui::NewFrame();
  report_ = ui::FrameReport{};
  const ui::Focus focus{activate_.empty() ? focus_ : activate_, !activate_.empty()};
  activate_.clear();
  std::vector<Event> events = ui::draw_frame(s, catalogs, fonts_, report_, focus);
  for (ui::NavKey k : speech_keys_) {
    if (k == ui::NavKey::repeat && !s.session.speech) events.push_back(ev::SpeechRequested{});
    else if (k == ui::NavKey::repeat && speech_) speech_->repeat(s, report_);
    else if (k != ui::NavKey::repeat) events.push_back(ev::VolumeChanged{k == ui::NavKey::volume_up ? 1 : -1});
  }
  speech_keys_.clear();
  // A new screen (or a widget gone): the ring moves to its first content widget.
  focus_moved_ = false;
  const bool new_screen = s.screen != focus_screen_;
  focus_screen_ = s.screen;
  if (keypad_in_use_ && events.empty()) {
    const ui::FrameReport::Widget* w = report_.find(focus_);
    if (new_screen || !w || !w->enabled) {
      focus_ = ui::first_focus(report_);
      focus_moved_ = true;
    }
  }
  ImGui::Render();
  // Clearing is far cheaper than a full-screen quad in the software renderer.
  const std::uint32_t bg = ui::theme_for(s).background;
  SDL_SetRenderDrawColor(renderer_, (bg >> 16) & 0xFF, (bg >> 8) & 0xFF, bg & 0xFF, 255);
  SDL_RenderClear(renderer_);
  backend_->render(ImGui::GetDrawData());
  SDL_RenderPresent(renderer_);
  if (speech_) speech_->after_frame(s, report_, focus_);
  return events;
}

bool UiHost::save_png(const std::string& path, std::string* error) {
  const int w = static_cast<int>(ui::screen_w), h = static_cast<int>(ui::screen_h);
  std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * h * 4);
  if (surface_) {
    SDL_LockSurface(surface_);
    for (int y = 0; y < h; ++y)
      std::memcpy(&pixels[static_cast<std::size_t>(y) * w * 4],
                  static_cast<unsigned char*>(surface_->pixels) + static_cast<std::size_t>(y) * surface_->pitch, w * 4);
    SDL_UnlockSurface(surface_);
  } else if (SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_ABGR8888, pixels.data(), w * 4) != 0) {
    if (error) *error = std::string("read pixels: ") + SDL_GetError();
    return false;
  }
  stbi_write_png_compression_level = 2;  // screenshots: speed over a few kilobytes
  stbi_write_force_png_filter = 1;       // "sub" suits flat UI colours; skips the per-row search
  if (!stbi_write_png(path.c_str(), w, h, 4, pixels.data(), w * 4)) {
    if (error) *error = "cannot write " + path;
    return false;
  }
  return true;
}

long long UiHost::font_texture_bytes() const { return backend_ ? backend_->font_texture_bytes() : 0; }

UiHost::AtlasStats UiHost::atlas_stats() const {
  AtlasStats out;
  const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  out.width = atlas.TexWidth;
  out.height = atlas.TexHeight;
  for (const ImFont* font : atlas.Fonts)
    for (const ImFontGlyph& g : font->Glyphs) {
      ++out.glyphs;
      if (BidiText::is_glyph(g.Codepoint)) ++out.shaped_glyphs;
    }
  return out;
}

}  // namespace kiosk::app
