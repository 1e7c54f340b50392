#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// The lines of a text at a width, shared by the screens and the receipt. Lines break where the
// Unicode line breaking algorithm (UAX #14, libunibreak) allows, never inside the data people
// read as one thing: a phone number's digit groups, an amount and its currency, a number and
// its unit, a Chinese date (2026年12月5日). A paragraph whose last line would hold one word or
// under a third of the width is balanced: the narrowest width that keeps the same number of
// lines, so no word or ideograph is left alone at the end. A piece wider than the line (a long reference without a break) stays
// whole on its own line, for the caller to report. Explicit '\n' always breaks.
std::vector<std::string> wrap_text(std::string_view text, float max_width,
                                   const std::function<float(std::string_view)>& measure);

}  // namespace kiosk
