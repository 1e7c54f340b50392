#include "spoken.hpp"

#include "speech/spoken_text.hpp"

namespace kiosk::app {

std::string spoken_utterance(const ui::FrameReport& frame) {
  std::vector<speech::Piece> pieces;
  for (const ui::FrameReport::Spoken& s : frame.spoken) pieces.push_back({s.text, s.digits});
  return speech::utterance(pieces);
}

}  // namespace kiosk::app
