#pragma once
#include <array>
#include <optional>
#include <string_view>

namespace kiosk {

// The languages the kiosk speaks; order is the order shown on the attract screen: Belgium's
// three, English, then the others by their codes.
enum class Lang { nl, fr, de, en, ar, es, it, pl, pt, ro, tr, uk, zh };

inline constexpr std::array<Lang, 13> all_langs{Lang::nl, Lang::fr, Lang::de, Lang::en, Lang::ar,
                                                Lang::es, Lang::it, Lang::pl, Lang::pt, Lang::ro,
                                                Lang::tr, Lang::uk, Lang::zh};

std::string_view lang_code(Lang lang);
// The language's name in its own script ("Nederlands", "中文").
std::string_view lang_endonym(Lang lang);
std::optional<Lang> parse_lang(std::string_view code);
// Written from right to left: the screens mirror their layout and the receipt its rows.
constexpr bool is_rtl(Lang lang) { return lang == Lang::ar; }

}  // namespace kiosk
