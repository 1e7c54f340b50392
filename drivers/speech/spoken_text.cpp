#include "spoken_text.hpp"

#include <algorithm>

namespace kiosk::speech {

std::string spell_digits(const std::string& text) {
  std::string out;
  bool group_gap = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      if (!out.empty()) out += group_gap ? ", " : " ";
      out += c;
      group_gap = false;
    } else if (c == ' ' || c == '.' || c == '/' || c == '-') {
      group_gap = !out.empty();
    } else {
      out += c;  // anything else is kept as it is
    }
  }
  return out;
}

std::string utterance(const std::vector<Piece>& pieces) {
  std::string out;
  std::vector<std::string> said;
  for (const Piece& p : pieces) {
    std::string text = p.digits ? spell_digits(p.text) : p.text;
    // Only a piece drawn twice in a row is said once: the same words further on belong to
    // another line ("Yes" for the receipt and for the SMS, a total equal to the price).
    if (text.empty() || (!said.empty() && said.back() == text)) continue;
    said.push_back(text);
    if (!out.empty()) {
      // A full stop (or its CJK form) gives the voice its pause between the screen's parts.
      const std::string& last = said[said.size() - 2];
      const unsigned char end = static_cast<unsigned char>(last.back());
      const bool cjk = last.size() >= 3 && static_cast<unsigned char>(last[last.size() - 3]) >= 0xE3 &&
                       static_cast<unsigned char>(last[last.size() - 3]) <= 0xE9;
      const bool closed = end == '.' || end == '?' || end == '!' || end == ':' ||
                          (last.size() >= 3 && (last.compare(last.size() - 3, 3, "\xE3\x80\x82") == 0 ||   // 。
                                                last.compare(last.size() - 3, 3, "\xEF\xBC\x9F") == 0));  // ？
      if (!closed) out += cjk ? "\xE3\x80\x82" : ".";
      out += " ";
    }
    out += text;
  }
  return out;
}

std::vector<Segment> segments(const std::vector<Piece>& pieces, Lang session) {
  std::vector<Segment> out;
  std::vector<Piece> run;
  Lang run_lang = session;
  const auto flush = [&] {
    if (!run.empty()) out.push_back({utterance(run), run_lang});
    run.clear();
  };
  for (const Piece& p : pieces) {
    const Lang lang = p.lang.value_or(session);
    if (lang != run_lang) flush();
    run_lang = lang;
    run.push_back(p);
  }
  flush();
  std::erase_if(out, [](const Segment& s) { return s.text.empty(); });
  return out;
}

}  // namespace kiosk::speech
