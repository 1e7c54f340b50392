#include "spoken.hpp"

namespace kiosk::app {

std::vector<speech::Segment> spoken_segments(const ui::FrameReport& frame, Lang session) {
  std::vector<speech::Piece> pieces;
  for (const ui::FrameReport::Spoken& s : frame.spoken) pieces.push_back({s.text, s.digits, s.lang});
  return speech::segments(pieces, session);
}

std::string spoken_text(const std::vector<speech::Segment>& segments) {
  std::string out;
  for (const speech::Segment& s : segments) out += (out.empty() ? "" : " ") + s.text;
  return out;
}

}  // namespace kiosk::app
