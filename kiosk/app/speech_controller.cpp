#include "speech_controller.hpp"

#include <algorithm>

#include "spoken.hpp"

namespace kiosk::app {

SpeechController::SpeechController(speech::SpeechSynth& synth, Play play, std::function<void()> stop)
    : synth_(synth), play_(std::move(play)), stop_(std::move(stop)), jobs_({.run = [this](Job& job) { speak(job); }}) {}

SpeechController::~SpeechController() = default;

namespace {
// What makes the screen worth saying again: another screen, the countdown warning coming or
// going, the terminal asking for something else. Not the countdown's seconds.
std::string screen_key(const State& s) {
  return std::string(screen_name(s.screen)) + (idle_warning_visible(s) ? "+warning" : "") + "/" +
         std::to_string(static_cast<int>(s.session.prompt)) + "/" + std::to_string(static_cast<int>(s.session.lang));
}
}  // namespace

void SpeechController::after_frame(const State& s, const ui::FrameReport& frame, const std::string& focus) {
  if (!s.session.speech) {
    screen_key_.clear();
    spoken_focus_.clear();
    typed_ = s.session.number_input + "/" + s.session.reprint_input;
    return;
  }
  const std::string key = screen_key(s);
  if (key != screen_key_) {
    screen_key_ = key;
    spoken_focus_ = focus;
    say(spoken_segments(frame, s.session.lang), s.session.volume);
    return;
  }
  // Digits typed are echoed, one by one (only in speech mode: a number is personal).
  const std::string typed = s.session.number_input + "/" + s.session.reprint_input;
  if (typed != typed_) {
    const bool longer = typed.size() > typed_.size();
    typed_ = typed;
    const std::string& input = s.screen == Screen::reprint ? s.session.reprint_input : s.session.number_input;
    if (longer && !input.empty()) {
      say({{std::string(1, input.back()), s.session.lang}}, s.session.volume);
      return;
    }
  }
  if (focus != spoken_focus_) {
    spoken_focus_ = focus;
    if (const ui::FrameReport::Widget* w = frame.find(focus); w && !w->label.empty())
      say({{w->label, w->lang.value_or(s.session.lang)}}, s.session.volume);
  }
}

void SpeechController::repeat(const State& s, const ui::FrameReport& frame) {
  if (s.session.speech) say(spoken_segments(frame, s.session.lang), s.session.volume);
}

bool SpeechController::busy() { return jobs_.busy(); }

void SpeechController::say(std::vector<speech::Segment> segments, int volume) {
  if (segments.empty()) return;
  last_said_ = spoken_text(segments);
  stop_();  // interrupt: what comes now matters more
  jobs_.replace_queue({std::move(segments), volume});
}

void SpeechController::speak(const Job& job) {
  std::vector<std::int16_t> samples;
  for (const speech::Segment& seg : job.segments) {
    const std::vector<std::int16_t> part = synth_.synthesize(seg.text, seg.lang);
    samples.insert(samples.end(), part.begin(), part.end());
  }
  for (std::int16_t& v : samples) v = static_cast<std::int16_t>(v * job.volume / 100);
  // Something newer came while synthesising: this one is no longer worth saying.
  if (jobs_.locked([](const std::deque<Job>& queue) { return !queue.empty(); })) return;
  samples_played_ += static_cast<long long>(samples.size());
  play_(std::move(samples), synth_.sample_rate());
}

}  // namespace kiosk::app
