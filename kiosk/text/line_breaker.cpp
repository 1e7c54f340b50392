#include "line_breaker.hpp"

#include <linebreak.h>

#include <algorithm>
#include <mutex>

#include "core/utf8.hpp"

namespace kiosk {

namespace {

bool is_digit(char32_t cp) { return (cp >= U'0' && cp <= U'9') || (cp >= 0x0660 && cp <= 0x0669); }

bool is_currency(std::u32string_view word) { return word == U"€" || word == U"EUR"; }

// A Chinese counter or date part after a number: 2026年, 12月, 5日, 30天.
bool counts_a_number(char32_t cp) {
  switch (cp) {
    case U'年': case U'月': case U'日': case U'号': case U'天': case U'个': case U'元': case U'分': case U'秒':
      return true;
    default: return false;
  }
}

bool is_space(char32_t cp) { return cp == U' ' || cp == 0x3000; }

// A piece of a paragraph between two break opportunities, with the spaces it ends with.
struct Piece {
  std::size_t begin, end;  // byte offsets in the paragraph, spaces included
  std::size_t ink_end;     // end without the trailing spaces
  float width = 0;         // with its spaces: what it adds inside a line
  float ink_width = 0;     // without them: what it adds at a line's end
};

// The word (letters and digits, bidi isolates left out) just before `at`, or just after.
std::u32string word_before(const std::vector<char32_t>& cps, std::size_t at) {
  std::size_t i = at;
  while (i > 0 && is_space(cps[i - 1])) --i;
  std::size_t start = i;
  while (start > 0 && !is_space(cps[start - 1])) --start;
  std::u32string out;
  for (std::size_t k = start; k < i; ++k)
    if (!is_bidi_control(cps[k])) out += cps[k];
  return out;
}

std::u32string word_after(const std::vector<char32_t>& cps, std::size_t at) {
  std::size_t i = at;
  while (i < cps.size() && is_space(cps[i])) ++i;
  std::u32string out;
  for (; i < cps.size() && !is_space(cps[i]); ++i)
    if (!is_bidi_control(cps[i])) out += cps[i];
  return out;
}

bool is_number(std::u32string_view w) {
  if (w.empty()) return false;
  bool digit = false;
  for (char32_t cp : w) {
    if (is_digit(cp)) digit = true;
    else if (cp != U'+' && cp != U'.' && cp != U',' && cp != U'-' && cp != U'/' && cp != U'€') return false;
  }
  return digit;
}

// Units written after a number in the catalogs' languages.
bool is_unit(std::u32string_view w) {
  static constexpr std::u32string_view units[] = {U"GB", U"MB", U"Go", U"Mo", U"ГБ", U"МБ", U"min", U"SMS", U"%", U"€"};
  for (std::u32string_view u : units)
    if (w == u) return true;
  return false;
}

// Whether a break the Unicode rules allow after cps[i - 1] would split something read as one:
// digit groups of a phone number, an amount and its currency, a count and what it counts
// (10 GB, 120 minutes), the parts of a Chinese date or count, a list item and its separator.
bool keeps_together(const std::vector<char32_t>& cps, std::size_t i) {
  if (i == 0 || i >= cps.size()) return false;
  const char32_t before = cps[i - 1], after = cps[i];
  // An isolate (a value in right-to-left text) stays with what it holds.
  if ((before >= 0x2066 && before <= 0x2068) || (before >= 0x202A && before <= 0x202E) || after == 0x2069 || after == 0x202C)
    return true;
  if (is_digit(before) && counts_a_number(after)) return true;
  if ((before == U'年' || before == U'月') && is_digit(after)) return true;
  // Two-character units: 分钟 (minutes), 小时 (hours), 个月 (months).
  if ((before == U'分' && after == U'钟') || (before == U'小' && after == U'时') || (before == U'个' && after == U'月'))
    return true;
  if (!is_space(before)) return false;
  // A list separator ends the item before it: "8 GB ·" / "Unlimited SMS", never "· Unlimited".
  if (after == U'·' || after == U'•' || after == U'|') return true;
  const std::u32string left = word_before(cps, i), right = word_after(cps, i);
  if (is_number(left) && is_number(right)) return true;
  // A count stays with what it counts ("120 Gesprächsminuten"), unless it ends a string of
  // numbers (the last group of a phone number before the next word).
  if (is_number(left) && left.size() <= 4 && !right.empty() && !is_digit(right[0]) && right[0] != U'+') {
    std::size_t start = i - 1;
    while (start > 0 && is_space(cps[start])) --start;
    while (start > 0 && !is_space(cps[start - 1])) --start;
    if (!is_number(word_before(cps, start))) return true;
  }
  if (is_number(left) && !right.empty() && (counts_a_number(right[0]) || right[0] == U'小')) return true;
  if ((is_number(left) && is_currency(right)) || (is_currency(left) && is_number(right))) return true;
  return is_number(left) && is_unit(right);
}

std::vector<Piece> pieces_of(std::string_view paragraph, const std::function<float(std::string_view)>& measure) {
  static std::once_flag ready;
  std::call_once(ready, init_linebreak);
  std::vector<char> breaks(paragraph.size());
  set_linebreaks_utf8(reinterpret_cast<const utf8_t*>(paragraph.data()), paragraph.size(), nullptr, breaks.data());
  // Byte offset of each character and the character itself, to apply the kiosk's own rules.
  std::vector<char32_t> cps;
  std::vector<std::size_t> offsets;
  for (std::size_t at = 0; at < paragraph.size();) {
    offsets.push_back(at);
    cps.push_back(utf8_next(paragraph, &at));
  }
  offsets.push_back(paragraph.size());
  std::vector<Piece> out;
  std::size_t begin = 0;
  int isolates = 0;  // open isolates: a value, a name, a date inside them is one piece
  for (std::size_t c = 0; c + 1 < offsets.size(); ++c) {
    if (cps[c] >= 0x2066 && cps[c] <= 0x2068) ++isolates;
    if (cps[c] == 0x2069 && isolates > 0) --isolates;
    const std::size_t end = offsets[c + 1];
    const bool last = end == paragraph.size();
    // libunibreak marks the last byte of a character: a break may follow it.
    const char mark = breaks[end - 1];
    const bool opportunity = mark == LINEBREAK_ALLOWBREAK && isolates == 0 && !keeps_together(cps, c + 1);
    if (!opportunity && !last) continue;
    Piece p{begin, end, end, 0, 0};
    std::size_t k = c + 1;
    while (k > 0 && offsets[k - 1] >= begin && is_space(cps[k - 1])) p.ink_end = offsets[--k];
    const std::string_view whole = paragraph.substr(begin, end - begin);
    p.ink_width = measure(paragraph.substr(begin, p.ink_end - begin));
    p.width = p.ink_end == end ? p.ink_width : measure(whole);
    out.push_back(p);
    begin = end;
  }
  return out;
}

// Greedy filling: the index of the first piece of each line.
std::vector<std::size_t> fill(const std::vector<Piece>& pieces, float max_width) {
  std::vector<std::size_t> starts;
  float used = 0;  // the line's pieces with their spaces
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    // A piece that does not fit starts the next line; alone on a line, it stays even if too wide.
    if (starts.empty() || (starts.back() < i && used + pieces[i].ink_width > max_width + 0.01f)) {
      starts.push_back(i);
      used = 0;
    }
    used += pieces[i].width;
  }
  return starts;
}

float last_line_width(const std::vector<Piece>& pieces, const std::vector<std::size_t>& starts) {
  float w = 0;
  for (std::size_t i = starts.back(); i < pieces.size(); ++i) w += i + 1 == pieces.size() ? pieces[i].ink_width : pieces[i].width;
  return w;
}

// A piece wider than the line (a reference such as BE-BRU-CENTRAL-03-6AEK…) may also break
// after each of its hyphens, even before a digit where Unicode reads the hyphen as a minus.
std::vector<Piece> split_at_hyphens(std::string_view paragraph, std::vector<Piece> pieces, float max_width,
                                    const std::function<float(std::string_view)>& measure) {
  std::vector<Piece> out;
  for (const Piece& p : pieces) {
    const std::string_view ink = paragraph.substr(p.begin, p.ink_end - p.begin);
    if (p.ink_width <= max_width || ink.find('-') == std::string_view::npos) {
      out.push_back(p);
      continue;
    }
    std::size_t from = p.begin;
    while (from < p.end) {
      const std::size_t hyphen = paragraph.find('-', from);
      const bool last = hyphen == std::string_view::npos || hyphen + 1 >= p.ink_end;
      Piece part{from, last ? p.end : hyphen + 1, last ? p.ink_end : hyphen + 1, 0, 0};
      part.ink_width = measure(paragraph.substr(part.begin, part.ink_end - part.begin));
      part.width = last && p.end != p.ink_end ? measure(paragraph.substr(part.begin, part.end - part.begin)) : part.ink_width;
      out.push_back(part);
      from = part.end;
    }
  }
  return out;
}

std::vector<std::string> lines_of(std::string_view paragraph, float max_width,
                                  const std::function<float(std::string_view)>& measure) {
  const std::vector<Piece> pieces = split_at_hyphens(paragraph, pieces_of(paragraph, measure), max_width, measure);
  if (pieces.empty()) return {""};
  std::vector<std::size_t> starts = fill(pieces, max_width);
  // A last line of one piece or under a third of the width: find the narrowest width that still
  // needs no more lines, so that the lines come out about even ("EU" or one ideograph alone at
  // the end reads as a mistake). Longer last lines stay as filled: an even ragged block of
  // left-aligned text reads worse than a full one.
  const bool one_piece = !starts.empty() && starts.back() + 1 == pieces.size();
  if (starts.size() >= 2 && (one_piece || last_line_width(pieces, starts) < max_width / 3)) {
    float widest_piece = 0;
    for (const Piece& p : pieces) widest_piece = std::max(widest_piece, p.ink_width);
    float low = std::min(widest_piece, max_width), high = max_width;
    for (int step = 0; step < 14 && high - low > 1.0f; ++step) {
      const float mid = (low + high) / 2;
      if (fill(pieces, mid).size() <= starts.size()) high = mid;
      else low = mid;
    }
    starts = fill(pieces, high);
  }
  std::vector<std::string> lines;
  for (std::size_t l = 0; l < starts.size(); ++l) {
    const std::size_t first = starts[l];
    const std::size_t last = (l + 1 < starts.size() ? starts[l + 1] : pieces.size()) - 1;
    lines.emplace_back(paragraph.substr(pieces[first].begin, pieces[last].ink_end - pieces[first].begin));
  }
  return lines;
}

}  // namespace

std::vector<std::string> wrap_text(std::string_view text, float max_width,
                                   const std::function<float(std::string_view)>& measure) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (true) {
    const std::size_t nl = text.find('\n', start);
    const std::string_view paragraph = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    for (std::string& line : lines_of(paragraph, max_width, measure)) lines.push_back(std::move(line));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

}  // namespace kiosk
