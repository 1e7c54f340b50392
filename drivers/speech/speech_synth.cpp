#include "speech_synth.hpp"

#include <espeak-ng/speak_lib.h>

namespace kiosk::speech {

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
  // Synchronous: espeak_Synth returns when all audio went through the callback; no device.
  s->sample_rate_ = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, 0);
  if (s->sample_rate_ <= 0) {
    if (error) *error = "espeak-ng could not start (is espeak-ng-data installed?)";
    return nullptr;
  }
  espeak_SetSynthCallback(collect);
  return s;
}

SpeechSynth::~SpeechSynth() { espeak_Terminate(); }

std::vector<std::int16_t> SpeechSynth::synthesize(const std::string& utf8, Lang lang, int rate) {
  std::lock_guard lock(mutex_);
  std::vector<std::int16_t> out;
  if (espeak_SetVoiceByName(voice_for(lang)) != EE_OK) return out;
  espeak_SetParameter(espeakRATE, rate, 0);
  g_target = &out;
  espeak_Synth(utf8.c_str(), utf8.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, nullptr);
  espeak_Synchronize();
  g_target = nullptr;
  return out;
}

}  // namespace kiosk::speech
