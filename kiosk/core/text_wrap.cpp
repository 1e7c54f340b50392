#include "text_wrap.hpp"

#include "utf8.hpp"

namespace kiosk {

namespace {

bool closing_punctuation(char32_t cp) {
  switch (cp) {
    case U'。': case U'，': case U'、': case U'！': case U'？': case U'：': case U'；':
    case U'）': case U'」': case U'』': case U'.': case U',': case U'!': case U'?': case U':':
    case U';': case U')': case U'%': case 0x00A0: case 0x202F:
      return true;
    default: return false;
  }
}

// Splits a paragraph into pieces that may not be broken inside; `space_before` marks pieces
// that followed a space.
struct Piece {
  std::string text;
  bool space_before = false;
};

std::vector<Piece> pieces_of(std::string_view paragraph) {
  std::vector<Piece> out;
  Piece cur;
  bool pending_space = false;
  auto flush = [&] {
    if (!cur.text.empty()) out.push_back(cur);
    cur = Piece{};
  };
  const auto cps = utf8_decode(paragraph);
  for (std::size_t i = 0; i < cps.size(); ++i) {
    const char32_t cp = cps[i];
    if (cp == U' ') {
      flush();
      pending_space = true;
      continue;
    }
    const bool cjk = breaks_anywhere(cp) && !closing_punctuation(cp);
    if (cjk || (cur.text.empty() == false && breaks_anywhere(cps[i - 1]) && !closing_punctuation(cp))) {
      flush();
    }
    if (cur.text.empty()) {
      cur.space_before = pending_space;
      pending_space = false;
    }
    utf8_append(cur.text, cp);
  }
  flush();
  return out;
}

// A word wider than the line (a long reference such as BE-BRU-CENTRAL-03-6AEK…) may break
// after each of its hyphens; other words stay whole.
std::vector<Piece> hyphen_pieces(const Piece& word, float max_width,
                                 const std::function<float(std::string_view)>& measure) {
  if (word.text.find('-') == std::string::npos || measure(word.text) <= max_width) return {word};
  std::vector<Piece> out;
  std::size_t from = 0;
  while (from < word.text.size()) {
    const std::size_t hyphen = word.text.find('-', from);
    const std::size_t end = hyphen == std::string::npos ? word.text.size() : hyphen + 1;
    out.push_back({word.text.substr(from, end - from), out.empty() && word.space_before});
    from = end;
  }
  return out;
}

}  // namespace

std::vector<std::string> wrap_text(std::string_view text, float max_width,
                                   const std::function<float(std::string_view)>& measure) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t nl = text.find('\n', start);
    const std::string_view paragraph =
        text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    std::string line;
    for (const Piece& word : pieces_of(paragraph))
      for (const Piece& p : hyphen_pieces(word, max_width, measure)) {
        std::string candidate = line;
        if (!candidate.empty() && p.space_before) candidate += ' ';
        candidate += p.text;
        if (line.empty() || measure(candidate) <= max_width) {
          line = std::move(candidate);
        } else {
          lines.push_back(line);
          line = p.text;
        }
      }
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

}  // namespace kiosk
