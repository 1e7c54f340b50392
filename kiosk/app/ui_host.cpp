#include "ui_host.hpp"

#include <imgui.h>

#include <chrono>

#include "fonts/face_set.hpp"
#include "frame.hpp"
#include "imgui_atlas.hpp"
#include "log/log.hpp"
#include "render/png.hpp"
#include "sdl_library.hpp"
#include "view.hpp"

namespace kiosk::app {

std::unique_ptr<UiHost> UiHost::create(Mode mode, std::shared_ptr<FaceSet> faces, const std::string& glyph_store,
                                       std::string* error) {
  std::unique_ptr<UiHost> host(new UiHost());
  host->mode_ = mode;
  const int w = static_cast<int>(ui::screen_w), h = static_cast<int>(ui::screen_h);
  // Every mode draws into memory on the CPU; a window only shows the result.
  host->canvas_ = std::make_unique<ui::SoftwareRenderer>(w, h);
  if (mode != Mode::offscreen) {
    host->sdl_ = sdl_library(error);
    if (!host->sdl_) return nullptr;
    const SdlLibrary& sdl = *host->sdl_;
    if (sdl.Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
      if (error) *error = std::string("SDL: ") + sdl.GetError();
      return nullptr;
    }
    sdl.SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");  // touches arrive as mouse events too
    const Uint32 flags = mode == Mode::fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : SDL_WINDOW_RESIZABLE;
    host->window_ = sdl.CreateWindow("Prepaid kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w / 2, h / 2, flags);
    if (host->window_) host->renderer_ = sdl.CreateRenderer(host->window_, -1, 0);
    if (host->renderer_) {
      sdl.RenderSetLogicalSize(host->renderer_, w, h);
      host->screen_ = sdl.CreateTexture(host->renderer_, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STREAMING, w, h);
    }
    if (!host->screen_) {
      if (error) *error = std::string("SDL renderer: ") + sdl.GetError();
      return nullptr;
    }
    int shown_w = 0, shown_h = 0;
    sdl.GetWindowSize(host->window_, &shown_w, &shown_h);
    const char* driver = sdl.GetCurrentVideoDriver();
    log_info(std::string("screen: ") + (driver ? driver : "?") + ", window " + std::to_string(shown_w) + "x" +
             std::to_string(shown_h) + (mode == Mode::fullscreen ? " fullscreen" : ""));
  }
  host->imgui_ = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.DisplaySize = ImVec2(ui::screen_w, ui::screen_h);
  io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
  ui::build_shape_atlas(*io.Fonts, host->imgui_texture_);

  host->shaper_ = Shaper::create(faces, error);
  if (!host->shaper_) return nullptr;
  host->glyphs_ = ui::GlyphCache::create(std::move(faces), error, glyph_store);
  if (!host->glyphs_) return nullptr;
  if (!host->glyphs_->store_note().empty()) log_info("glyph store not used: " + host->glyphs_->store_note());
  host->shaper_->preload(host->glyphs_->stored_lines());
  host->fonts_ = ui::font_sets(*host->glyphs_, *host->shaper_);
  return host;
}

void UiHost::start_speech() {
  std::string error;
  synth_ = speech::SpeechSynth::create(&error);
  if (!synth_) {
    log_warn("speech: " + error);
    return;
  }
  if (mode_ != Mode::offscreen && sdl_->InitSubSystem(SDL_INIT_AUDIO) == 0) {
    SDL_AudioSpec want{}, have{};
    want.freq = synth_->sample_rate();
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 1024;
    audio_device_ = sdl_->OpenAudioDevice(nullptr, 0, &want, &have, 0);
    if (audio_device_ != 0) sdl_->PauseAudioDevice(audio_device_, 0);
  }
  const unsigned device = audio_device_;
  const SdlLibrary* sdl = sdl_;
  speech_ = std::make_unique<SpeechController>(
      *synth_,
      [device, sdl](std::vector<std::int16_t> samples, int) {
        if (device != 0) sdl->QueueAudio(device, samples.data(), static_cast<Uint32>(samples.size() * sizeof(std::int16_t)));
      },
      [device, sdl] {
        if (device != 0) sdl->ClearQueuedAudio(device);
      });
}

UiHost::~UiHost() {
  speech_.reset();
  if (audio_device_ != 0) sdl_->CloseAudioDevice(audio_device_);
  if (imgui_) ImGui::DestroyContext(imgui_);
  if (screen_) sdl_->DestroyTexture(screen_);
  if (renderer_) sdl_->DestroyRenderer(renderer_);
  if (window_) sdl_->DestroyWindow(window_);
  if (sdl_) sdl_->Quit();
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
  if (key == ui::NavKey::service) {
    service_asked_ = true;
    return;
  }
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
  if (frames_ == 1) {
    // After the first screen is out: the glyphs and lines it needed, for the next start.
    glyphs_->save_store(shaper_->cached());
    if (speech_wanted_) start_speech();
  }
  ++frames_;
  io.DeltaTime = 1.0f / 60.0f;
  io.MousePos = px_ < 0 ? ImVec2(-FLT_MAX, -FLT_MAX) : ImVec2(px_, py_);
  io.MouseDown[0] = down_;
  ImGui::NewFrame();
  report_ = ui::FrameReport{};
  const ui::Focus focus{activate_.empty() ? focus_ : activate_, !activate_.empty()};
  activate_.clear();
  const double seconds =
      animated_ ? std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count() : 0.0;
  std::vector<Event> events = ui::draw_frame(s, catalogs, fonts_, report_, focus, seconds, &logos_);
  for (ui::NavKey k : speech_keys_) {
    if (k == ui::NavKey::repeat && !s.session.speech) events.push_back(ev::SpeechRequested{});
    else if (k == ui::NavKey::repeat && speech_) speech_->repeat(s, report_);
    else if (k != ui::NavKey::repeat) events.push_back(ev::VolumeChanged{k == ui::NavKey::volume_up ? 1 : -1});
  }
  speech_keys_.clear();
  if (service_asked_) events.push_back(ev::Technician{svc::Asked{}});
  service_asked_ = false;
  // A new screen (or a widget gone): the ring moves to its first content widget.
  focus_moved_ = false;
  const int page = s.service_mode ? screen_count + static_cast<int>(s.service_mode->page) : static_cast<int>(s.screen);
  const bool new_screen = page != focus_page_;
  focus_page_ = page;
  if (keypad_in_use_ && events.empty()) {
    const ui::FrameReport::Widget* w = report_.find(focus_);
    if (new_screen || !w || !w->enabled) {
      focus_ = ui::first_focus(report_);
      focus_moved_ = true;
    }
  }
  ImGui::Render();
  const std::uint32_t bg = ui::theme_for(s).background;  // 0xRRGGBB
  canvas_->clear(IM_COL32((bg >> 16) & 0xFF, (bg >> 8) & 0xFF, bg & 0xFF, 255));
  canvas_->render(ImGui::GetDrawData());
  if (screen_) {
    sdl_->UpdateTexture(screen_, nullptr, canvas_->pixels(), canvas_->width() * 4);
    sdl_->RenderClear(renderer_);
    sdl_->RenderCopy(renderer_, screen_, nullptr, nullptr);
    sdl_->RenderPresent(renderer_);
  }
  if (speech_) speech_->after_frame(s, report_, focus_);
  return events;
}

void UiHost::discard_window_events() {
  if (!window_) return;
  SDL_Event e;
  while (sdl_->PollEvent(&e)) {
  }
}

bool UiHost::save_png(const std::string& path, std::string* error) {
  const PngPixels image{reinterpret_cast<const std::uint8_t*>(canvas_->pixels()), canvas_->width(), canvas_->height(),
                        4, static_cast<std::size_t>(canvas_->width()) * 4};
  return write_png(path, image, error);
}

ui::GlyphCache::Stats UiHost::glyph_stats() const { return glyphs_->stats(); }

}  // namespace kiosk::app
