#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "core/state.hpp"
#include "speech/speech_synth.hpp"
#include "speech/spoken_text.hpp"
#include "thread/job_thread.hpp"
#include "ui.hpp"

namespace kiosk::app {

// Decides what to say and when, in speech mode: the whole screen when it appears (or its
// warning, or the terminal's prompt, changes), each digit as it is typed, the control the focus
// lands on, the screen again on "repeat". Synthesis runs on its own thread; anything new
// interrupts what is being said.
class SpeechController {
 public:
  // `play` gets the samples at the engine's rate with the volume applied; `stop` cuts off
  // whatever is still playing.
  using Play = std::function<void(std::vector<std::int16_t> samples, int sample_rate)>;
  SpeechController(speech::SpeechSynth& synth, Play play, std::function<void()> stop);
  ~SpeechController();

  void after_frame(const State& s, const ui::FrameReport& frame, const std::string& focus);
  void repeat(const State& s, const ui::FrameReport& frame);
  bool busy();
  const std::string& last_said() const { return last_said_; }
  long long samples_played() const { return samples_played_.load(); }

 private:
  struct Job {
    std::vector<speech::Segment> segments;
    int volume;
  };
  void say(std::vector<speech::Segment> segments, int volume);
  void speak(const Job& job);  // on the speech thread

  speech::SpeechSynth& synth_;
  Play play_;
  std::function<void()> stop_;
  std::string screen_key_;
  std::string spoken_focus_;
  std::string typed_;  // the number (and receipt code) as last seen, to echo new digits
  std::string last_said_;
  std::atomic<long long> samples_played_{0};  // written by the speech thread

  JobThread<Job> jobs_;  // the newest wins; last: its thread stops before the members it uses go
};

}  // namespace kiosk::app
