#include "speech_synth.hpp"

#include <dlfcn.h>
#include <espeak-ng/speak_lib.h>

namespace kiosk::speech {

// espeak-ng is opened with dlopen when speech is first enabled, not linked: the library and
// the audio libraries it pulls in (PulseAudio, ALSA, libsndfile and its codecs) took a third of
// the time from exec to main(), for a feature most sessions never use.
struct SpeechSynth::Engine {
  void* library = nullptr;
  decltype(&espeak_Initialize) initialize = nullptr;
  decltype(&espeak_SetSynthCallback) set_callback = nullptr;
  decltype(&espeak_SetVoiceByName) set_voice = nullptr;
  decltype(&espeak_SetParameter) set_parameter = nullptr;
  decltype(&espeak_Synth) synth = nullptr;
  decltype(&espeak_Synchronize) synchronize = nullptr;
  decltype(&espeak_Terminate) terminate = nullptr;

  ~Engine() {
    if (terminate) terminate();
    if (library) dlclose(library);
  }

  template <typename F>
  bool find(F* out, const char* name) {
    *out = reinterpret_cast<F>(dlsym(library, name));
    return *out != nullptr;
  }

  bool open(std::string* error) {
    library = dlopen("libespeak-ng.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!library) {
      if (error) *error = std::string("espeak-ng is not installed (Debian package libespeak-ng1): ") + dlerror();
      return false;
    }
    if (!find(&initialize, "espeak_Initialize") || !find(&set_callback, "espeak_SetSynthCallback") ||
        !find(&set_voice, "espeak_SetVoiceByName") || !find(&set_parameter, "espeak_SetParameter") ||
        !find(&synth, "espeak_Synth") || !find(&synchronize, "espeak_Synchronize") ||
        !find(&terminate, "espeak_Terminate")) {
      if (error) *error = "libespeak-ng.so.1 lacks a function the kiosk uses";
      terminate = nullptr;
      return false;
    }
    return true;
  }
};

namespace {
// espeak-ng hands synthesised audio to one global callback; the buffer of the call under way.
std::vector<std::int16_t>* g_target = nullptr;

int collect(short* samples, int count, espeak_EVENT*) {
  if (samples && g_target) g_target->insert(g_target->end(), samples, samples + count);
  return 0;  // go on
}
}  // namespace

const char* voice_for(Lang lang) {
  switch (lang) {
    case Lang::nl: return "nl";
    case Lang::fr: return "fr";
    case Lang::de: return "de";
    case Lang::en: return "en";
    case Lang::ar: return "ar";
    case Lang::es: return "es";
    case Lang::it: return "it";
    case Lang::pl: return "pl";
    case Lang::pt: return "pt";  // European Portuguese, like the catalog
    case Lang::ro: return "ro";
    case Lang::tr: return "tr";
    case Lang::uk: return "uk";
    case Lang::zh: return "cmn";  // Mandarin, read from the characters
  }
  return "en";
}

std::unique_ptr<SpeechSynth> SpeechSynth::create(std::string* error) {
  std::unique_ptr<SpeechSynth> s(new SpeechSynth());
  s->engine_ = std::make_unique<Engine>();
  if (!s->engine_->open(error)) return nullptr;
  // Synchronous: espeak_Synth returns when all audio went through the callback; no device.
  s->sample_rate_ = s->engine_->initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, 0);
  if (s->sample_rate_ <= 0) {
    s->engine_->terminate = nullptr;  // nothing to end
    if (error) *error = "espeak-ng could not start (is espeak-ng-data installed?)";
    return nullptr;
  }
  s->engine_->set_callback(collect);
  return s;
}

SpeechSynth::SpeechSynth() = default;
SpeechSynth::~SpeechSynth() = default;

std::vector<std::int16_t> SpeechSynth::synthesize(const std::string& utf8, Lang lang, int rate) {
  std::lock_guard lock(mutex_);
  std::vector<std::int16_t> out;
  Engine& e = *engine_;
  if (e.set_voice(voice_for(lang)) != EE_OK) return out;
  e.set_parameter(espeakRATE, rate, 0);
  g_target = &out;
  e.synth(utf8.c_str(), utf8.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, nullptr);
  e.synchronize();
  g_target = nullptr;
  return out;
}

}  // namespace kiosk::speech
