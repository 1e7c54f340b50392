#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/lang.hpp"

namespace kiosk::speech {

// Text to speech with espeak-ng, into a buffer of 16-bit mono samples: the caller decides
// where they go (the SDL audio device, a test, the gallery). espeak-ng is one engine per
// process, so every call is serialised.
class SpeechSynth {
 public:
  static std::unique_ptr<SpeechSynth> create(std::string* error);
  ~SpeechSynth();

  // `rate` in words per minute (espeak's default 175; slower is clearer for many).
  std::vector<std::int16_t> synthesize(const std::string& utf8, Lang lang, int rate = 160);
  int sample_rate() const { return sample_rate_; }

  struct Engine;

 private:
  SpeechSynth();
  std::unique_ptr<Engine> engine_;
  int sample_rate_ = 0;
  std::mutex mutex_;
};

// The espeak-ng voice for a language of the kiosk.
const char* voice_for(Lang lang);

}  // namespace kiosk::speech
