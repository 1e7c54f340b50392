#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/events.hpp"
#include "core/state.hpp"
#include "i18n/catalog.hpp"
#include "sdl_renderer.hpp"
#include "keypad.hpp"
#include "speech_controller.hpp"
#include "text/bidi_text.hpp"
#include "ui.hpp"

struct SDL_Window;
struct SDL_Renderer;
struct SDL_Surface;
struct ImGuiContext;

namespace kiosk::app {

// The screen: SDL2 (a window, or an offscreen surface with the software renderer), Dear ImGui
// with our fonts, and the pointer. It draws a state and returns what the user did.
class UiHost {
 public:
  enum class Mode { window, fullscreen, offscreen };
  static std::unique_ptr<UiHost> create(Mode mode, const Catalogs& catalogs, std::string* error);
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
  // Speech with espeak-ng: to the audio device in a window, or only counted offscreen.
  bool enable_speech(std::string* error);
  SpeechController* speech() { return speech_.get(); }
  bool save_png(const std::string& path, std::string* error);
  long long font_texture_bytes() const;
  // The baked atlas: its size in pixels and the glyphs it holds (shaped Arabic among them).
  struct AtlasStats {
    int width = 0, height = 0;
    int glyphs = 0, shaped_glyphs = 0;
  };
  AtlasStats atlas_stats() const;
  Mode mode() const { return mode_; }
  SDL_Window* window() const { return window_; }

 private:
  UiHost() = default;
  Mode mode_ = Mode::offscreen;
  SDL_Window* window_ = nullptr;
  SDL_Surface* surface_ = nullptr;
  SDL_Renderer* renderer_ = nullptr;
  ImGuiContext* imgui_ = nullptr;
  std::unique_ptr<ui::SdlRenderer> backend_;
  std::unique_ptr<BidiText> bidi_;
  ui::UiFontSets fonts_;
  ui::FrameReport report_;
  float px_ = -1, py_ = -1;
  bool down_ = false;
  bool keypad_in_use_ = false;
  std::string focus_;
  Screen focus_screen_ = Screen::attract;  // the screen the focus belongs to
  std::string activate_;
  bool focus_moved_ = false;
  std::vector<ui::NavKey> speech_keys_;  // repeat / volume, handled in the next frame
  std::unique_ptr<speech::SpeechSynth> synth_;
  std::unique_ptr<SpeechController> speech_;
  unsigned audio_device_ = 0;
};

// All the text the kiosk can show: the atlas is built from exactly these characters.
std::string glyph_text(const Catalogs& catalogs);
// Every text of the right-to-left catalogs, and their languages' names: what shaping must cover.
std::vector<std::string> rtl_texts(const Catalogs& catalogs);

}  // namespace kiosk::app
