#pragma once
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "core/events.hpp"
#include "core/state.hpp"
#include "i18n/catalog.hpp"
#include "brand_logos.hpp"
#include "glyph_cache.hpp"
#include "keypad.hpp"
#include "software_renderer.hpp"
#include "speech_controller.hpp"
#include "text/shaper.hpp"
#include "ui.hpp"

namespace kiosk {
class FaceSet;
namespace app {
struct SdlLibrary;
}
}  // namespace kiosk
struct SDL_Window;
struct SDL_Renderer;
struct SDL_Texture;
struct ImGuiContext;

namespace kiosk::app {

// The screen: SDL2 (a window, or an offscreen surface with the software renderer), Dear ImGui
// with our fonts, and the pointer. It draws a state and returns what the user did.
class UiHost {
 public:
  enum class Mode { window, fullscreen, offscreen };
  // `glyph_store`: a file for the first screen's glyphs (GlyphStore), or "" for none.
  static std::unique_ptr<UiHost> create(Mode mode, std::shared_ptr<FaceSet> faces, const std::string& glyph_store,
                                        std::string* error);
  ~UiHost();

  // Draws one frame of the state; returns the user's events and what was drawn.
  std::vector<Event> frame(const State& s, const Catalogs& catalogs);
  const ui::FrameReport& report() const { return report_; }

  // Pointer in screen coordinates (1080×1920). Down and up must come in separate frames:
  // Dear ImGui 1.86 has no input queue and loses a click that starts and ends in one frame.
  void pointer(float x, float y, bool down);
  void pointer_gone();
  // The navigation keypad: moves the focus ring, or acts on the focused widget in the next
  // frame. A touch hides the ring again.
  void key(ui::NavKey key);
  const std::string& focus() const { return focus_; }
  // The keypad is in use and its ring must move to a screen that just appeared.
  bool needs_redraw() const { return focus_moved_; }
  // Milliseconds until the last frame changes by itself (a spinner, the attract headline), or
  // 0 if it does not.
  int redraw_in_ms() const {
    return report_.redraw_in > 0 ? std::max(1, static_cast<int>(report_.redraw_in * 1000 + 0.5)) : 0;
  }
  // Animations follow the clock (a window); otherwise they are drawn at rest, the same every
  // time (screenshots, the gallery).
  void set_animated(bool animated) { animated_ = animated; }
  // Speech with espeak-ng: to the audio device in a window, or only counted offscreen. It
  // comes up before the second frame, so that loading the engine and opening the audio device
  // do not keep the first screen waiting (speech starts only on a customer's key); if it
  // cannot, the log says why. Call it before the first frame.
  void enable_speech() { speech_wanted_ = true; }
  SpeechController* speech() { return speech_.get(); }
  bool save_png(const std::string& path, std::string* error);
  // The operators' logos for the brand tiles (none until set).
  void set_logos(ui::BrandLogos logos) { logos_ = std::move(logos); }
  // The glyph images made so far, and their pages' bytes.
  ui::GlyphCache::Stats glyph_stats() const;
  // A window driven by a script: its events (the compositor's configure and ping, stray
  // touches) are handled by SDL and dropped, since the script decides what the customer does.
  void discard_window_events();
  Mode mode() const { return mode_; }
  SDL_Window* window() const { return window_; }
  // SDL, in a window (not offscreen).
  const SdlLibrary& sdl() const { return *sdl_; }

 private:
  UiHost() = default;
  Mode mode_ = Mode::offscreen;
  const SdlLibrary* sdl_ = nullptr;
  SDL_Window* window_ = nullptr;
  SDL_Renderer* renderer_ = nullptr;
  SDL_Texture* screen_ = nullptr;  // the frame, shown in the window
  std::unique_ptr<ui::SoftwareRenderer> canvas_;
  ImGuiContext* imgui_ = nullptr;
  ui::AlphaTexture imgui_texture_;
  std::unique_ptr<Shaper> shaper_;
  std::unique_ptr<ui::GlyphCache> glyphs_;
  ui::UiFontSets fonts_;
  ui::BrandLogos logos_;
  ui::FrameReport report_;
  float px_ = -1, py_ = -1;
  bool down_ = false;
  bool keypad_in_use_ = false;
  bool animated_ = false;
  std::string focus_;
  int focus_page_ = 0;  // the screen (or the technician's page) the focus belongs to
  std::string activate_;
  bool focus_moved_ = false;
  std::vector<ui::NavKey> speech_keys_;  // repeat / volume, handled in the next frame
  bool service_asked_ = false;           // the service key, handled in the next frame
  std::unique_ptr<speech::SpeechSynth> synth_;
  std::unique_ptr<SpeechController> speech_;
  bool speech_wanted_ = false;
  long long frames_ = 0;
  void start_speech();
  unsigned audio_device_ = 0;
};


}  // namespace kiosk::app
