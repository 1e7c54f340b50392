#pragma once
#include <array>
#include <optional>
#include <string_view>

namespace kiosk {

// The languages the kiosk speaks; order is the order shown on the attract screen.
enum class Lang { nl, fr, de, en, zh };

inline constexpr std::array<Lang, 5> all_langs{Lang::nl, Lang::fr, Lang::de, Lang::en, Lang::zh};

std::string_view lang_code(Lang lang);
// The language's name in its own script ("Nederlands", "中文").
std::string_view lang_endonym(Lang lang);
std::optional<Lang> parse_lang(std::string_view code);

}  // namespace kiosk
