#include "sdl_library.hpp"

#include <dlfcn.h>

#include <future>
#include <mutex>

namespace kiosk::app {

namespace {

struct Loaded {
  SdlLibrary functions;
  bool ok = false;
  std::string error;
};

Loaded load() {
  Loaded out;
  // Never closed: SDL's own threads and atexit handlers may outlive any owner we could give it.
  void* library = dlopen("libSDL2-2.0.so.0", RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    out.error = std::string("SDL2 is not installed (Debian package libsdl2-2.0-0): ") + dlerror();
    return out;
  }
#define KIOSK_SDL_FIND(name)                                                                    \
  out.functions.name = reinterpret_cast<decltype(out.functions.name)>(dlsym(library, "SDL_" #name)); \
  if (!out.functions.name) {                                                                    \
    out.error = "libSDL2-2.0.so.0 has no SDL_" #name;                                           \
    return out;                                                                                 \
  }
  KIOSK_SDL_FUNCTIONS(KIOSK_SDL_FIND)
#undef KIOSK_SDL_FIND
  out.ok = true;
  return out;
}

std::mutex started_mutex;
std::shared_future<Loaded> loading;  // set once, under started_mutex

std::shared_future<Loaded> start(std::launch how) {
  std::lock_guard lock(started_mutex);
  if (!loading.valid()) loading = std::async(how, load).share();
  return loading;
}

}  // namespace

void preload_sdl_library() { start(std::launch::async); }

const SdlLibrary* sdl_library(std::string* error) {
  const Loaded& loaded = start(std::launch::deferred).get();
  if (loaded.ok) return &loaded.functions;
  if (error) *error = loaded.error;
  return nullptr;
}

}  // namespace kiosk::app
