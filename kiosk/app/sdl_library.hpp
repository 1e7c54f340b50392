#pragma once
#include <SDL.h>

#include <string>

namespace kiosk::app {

// The SDL2 functions the window uses, from libSDL2-2.0.so.0 opened with dlopen. Linked, SDL and
// what it pulls in (X11, Wayland, DRM, PulseAudio, ALSA…) were loaded at every exec and made
// up half of the time to main(); a headless run (the tests, the gallery, the bench) needs none
// of it, and a window can load it on a thread of its own while the first frame is drawn.
#define KIOSK_SDL_FUNCTIONS(X)                                                                           \
  X(Init) X(InitSubSystem) X(Quit) X(GetError) X(SetHint) X(CreateWindow) X(DestroyWindow)              \
  X(GetWindowSize) X(CreateRenderer) X(DestroyRenderer) X(RenderSetLogicalSize) X(CreateTexture)        \
  X(DestroyTexture) X(UpdateTexture) X(RenderClear) X(RenderCopy) X(RenderPresent) X(OpenAudioDevice)   \
  X(CloseAudioDevice) X(PauseAudioDevice) X(QueueAudio) X(ClearQueuedAudio) X(WaitEventTimeout)         \
  X(PollEvent) X(PushEvent) X(RegisterEvents) X(GetKeyFromName) X(GetCurrentVideoDriver)

struct SdlLibrary {
#define KIOSK_SDL_POINTER(name) decltype(&::SDL_##name) name = nullptr;
  KIOSK_SDL_FUNCTIONS(KIOSK_SDL_POINTER)
#undef KIOSK_SDL_POINTER
};

// Starts loading SDL on a thread of its own; sdl_library() then waits only for what is left.
void preload_sdl_library();
// SDL, loaded on first use (once, whichever thread asks); null with `error` set if it cannot be.
const SdlLibrary* sdl_library(std::string* error);

}  // namespace kiosk::app
