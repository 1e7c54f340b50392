#include "interactive.hpp"

#include "sdl_library.hpp"

#include <chrono>
#include <deque>

#include "core/service_mode.hpp"
#include "corner_press.hpp"
#include "log/log.hpp"
#include "view.hpp"

namespace kiosk::app {

namespace {

std::int64_t monotonic_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

struct PointerStep {
  float x, y;
  bool down;
  bool gone;
};

}  // namespace

namespace {
// The configured key for each keypad key (unknown names are logged and left out).
std::vector<std::pair<SDL_Keycode, ui::NavKey>> keypad_keys(const SdlLibrary& sdl, const Config& config) {
  std::vector<std::pair<SDL_Keycode, ui::NavKey>> out;
  for (const auto& [name, sdl_name] : config.keypad) {
    const SDL_Keycode code = sdl.GetKeyFromName(sdl_name.c_str());
    const auto key = ui::parse_nav_key(name);
    if (code == SDLK_UNKNOWN || !key) log_warn("keypad: no key named '" + sdl_name + "' for " + name);
    else out.emplace_back(code, *key);
  }
  return out;
}
}  // namespace

int run_interactive(KioskApp& app, UiHost& ui) {
  const SdlLibrary& sdl = ui.sdl();
  const auto keypad = keypad_keys(sdl, app.config());
  const Uint32 wake_event = sdl.RegisterEvents(1);
  app.queue().set_wake([wake_event, &sdl] {
    SDL_Event e{};
    e.type = wake_event;
    sdl.PushEvent(&e);  // thread-safe: devices and the gateway worker wake the UI thread
  });
  const std::int64_t started_ms = monotonic_ms();
  std::int64_t next_tick = started_ms + 1000;
  app.start(monotonic_ms());
  unsigned drawn_revision = app.revision() - 1;
  int extra_frames = 0;
  ui.set_animated(true);
  std::int64_t next_animation = 0;  // when a moving screen is drawn again
  // Dear ImGui 1.86 needs press and release in separate frames: queue pointer steps and
  // feed one per frame.
  std::deque<PointerStep> pointer;
  CornerPress corner;  // and every step, as it comes, to the hidden corner
  const auto step = [&pointer, &corner](PointerStep p) {
    pointer.push_back(p);
    corner.pointer(p.x, p.y, p.down && !p.gone, monotonic_ms());
  };
  int w = 0, h = 0;
  for (bool running = true; running;) {
    if (!app.start_failure().empty()) {  // logged where it was found
      app.queue().set_wake(nullptr);
      return 1;
    }
    const std::int64_t now = monotonic_ms();
    std::int64_t wake = next_tick;
    if (next_animation > 0) wake = std::min(wake, next_animation);
    if (corner.next_check_ms() > 0) wake = std::min(wake, corner.next_check_ms());
    const int wait_ms = (extra_frames > 0 || !pointer.empty()) ? 0 : static_cast<int>(std::max<std::int64_t>(0, wake - now));
    SDL_Event e;
    if (sdl.WaitEventTimeout(&e, wait_ms)) {
      do {
        sdl.GetWindowSize(ui.window(), &w, &h);
        switch (e.type) {
          case SDL_QUIT: running = false; break;
          case SDL_KEYDOWN:
            if (e.key.keysym.sym == SDLK_ESCAPE && (e.key.keysym.mod & KMOD_CTRL)) running = false;
            for (const auto& [code, key] : keypad)
              if (code == e.key.keysym.sym && !e.key.repeat) {
                ui.key(key);
                extra_frames = std::max(extra_frames, 2);
              }
            break;
          case SDL_MOUSEMOTION:
            if (e.motion.which != SDL_TOUCH_MOUSEID) step({float(e.motion.x), float(e.motion.y), (e.motion.state & SDL_BUTTON_LMASK) != 0, false});
            break;
          case SDL_MOUSEBUTTONDOWN:
          case SDL_MOUSEBUTTONUP:
            // Touches also arrive as synthetic mouse events; the finger events below handle those.
            if (e.button.which != SDL_TOUCH_MOUSEID && e.button.button == SDL_BUTTON_LEFT)
              step({float(e.button.x), float(e.button.y), e.type == SDL_MOUSEBUTTONDOWN, false});
            break;
          case SDL_FINGERDOWN:
          case SDL_FINGERUP:
          case SDL_FINGERMOTION: {
            // Finger coordinates are 0..1 of the window; the layout is 1080×1920.
            const float x = e.tfinger.x * ui::screen_w, y = e.tfinger.y * ui::screen_h;
            step({x, y, e.type != SDL_FINGERUP, false});
            if (e.type == SDL_FINGERUP) step({0, 0, false, true});
            break;
          }
          case SDL_WINDOWEVENT: extra_frames = 2; break;
          case SDL_AUDIODEVICEADDED:
            // A headset plugged in (devices present at start are announced too: not those).
            if (!e.adevice.iscapture && monotonic_ms() - started_ms > 2000) app.queue().post(ev::SpeechRequested{});
            break;
          default: break;
        }
      } while (sdl.PollEvent(&e));
    }
    const std::int64_t t = monotonic_ms();
    if (corner.due(t) && service_mode_allowed(app.state())) app.queue().post(ev::Technician{svc::Asked{}});
    if (t >= next_tick) {
      app.tick(t);
      next_tick = t + 1000;
    }
    app.pump();
    if (app.restart_requested()) running = false;
    // A spinner turns at a modest rate, the attract headline changes every few seconds; a still
    // screen is not drawn again at all.
    if (next_animation > 0 && t >= next_animation) extra_frames = std::max(extra_frames, 1);
    if (!pointer.empty()) {
      const PointerStep p = pointer.front();
      pointer.pop_front();
      if (p.gone) ui.pointer_gone();
      else ui.pointer(p.x, p.y, p.down);
      extra_frames = std::max(extra_frames, 2);
    }
    if (app.revision() != drawn_revision || extra_frames > 0) {
      drawn_revision = app.revision();
      if (extra_frames > 0) --extra_frames;
      for (Event& ev : ui.frame(app.state(), app.catalogs())) app.queue().post(std::move(ev));
      app.first_frame_shown();
      next_animation = ui.redraw_in_ms() > 0 ? monotonic_ms() + ui.redraw_in_ms() : 0;
      app.pump();
      if (app.revision() != drawn_revision) extra_frames = std::max(extra_frames, 2);  // popups settle
      if (ui.needs_redraw()) extra_frames = std::max(extra_frames, 1);                // the ring moved
    }
  }
  app.queue().set_wake(nullptr);
  return 0;
}

}  // namespace kiosk::app
