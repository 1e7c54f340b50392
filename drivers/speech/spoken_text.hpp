#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/lang.hpp"

namespace kiosk::speech {

// One thing the screen says; digits (a phone number, a receipt code) are read one by one.
struct Piece {
  std::string text;
  bool digits = false;
  std::optional<Lang> lang = std::nullopt;  // else the session's language
};

// A stretch said with one voice.
struct Segment {
  std::string text;
  Lang lang;
};

// The pieces as one utterance: sentences end with a pause, a piece repeated right after
// itself is said once.
std::string utterance(const std::vector<Piece>& pieces);
// The utterance in stretches of one language each (the welcome screen offers every language
// in its own words), in order.
std::vector<Segment> segments(const std::vector<Piece>& pieces, Lang session);
// "0470 12 34 56" → "0 4 7 0, 1 2, 3 4, 5 6": each digit on its own, groups kept as pauses.
std::string spell_digits(const std::string& text);

}  // namespace kiosk::speech
