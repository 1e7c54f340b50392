#include "locale_format.hpp"

namespace kiosk {

namespace {

using Euro = LocaleFormat::Euro;
using Date = LocaleFormat::Date;

constexpr const char* nbsp = "\u00A0";
constexpr const char* narrow_nbsp = "\u202F";

}  // namespace

const LocaleFormat& locale_format(Lang lang) {
  static const LocaleFormat nl{",", ".", 1, Euro::before_space, Date::dmy_dash};
  static const LocaleFormat fr{",", narrow_nbsp, 1, Euro::after, Date::dmy_slash};
  static const LocaleFormat de{",", ".", 1, Euro::after, Date::dmy_dot};
  static const LocaleFormat en{".", ",", 1, Euro::before, Date::dmy_slash};
  static const LocaleFormat es{",", ".", 2, Euro::after, Date::dmy_slash};
  static const LocaleFormat it{",", ".", 1, Euro::after, Date::dmy_slash};
  static const LocaleFormat pl{",", nbsp, 2, Euro::after, Date::dmy_dot};
  static const LocaleFormat pt{",", nbsp, 2, Euro::after, Date::dmy_slash};
  static const LocaleFormat ro{",", ".", 1, Euro::after, Date::dmy_dot};
  static const LocaleFormat tr{",", ".", 1, Euro::before, Date::dmy_dot};
  static const LocaleFormat uk{",", nbsp, 1, Euro::after, Date::dmy_dot};
  static const LocaleFormat zh{".", ",", 1, Euro::before, Date::ymd_han};
  // Arabic as written in Morocco, where most Arabic speakers in Belgium come from: Latin digits.
  static const LocaleFormat ar{",", ".", 1, Euro::after, Date::dmy_slash};
  switch (lang) {
    case Lang::nl: return nl;
    case Lang::fr: return fr;
    case Lang::de: return de;
    case Lang::en: return en;
    case Lang::ar: return ar;
    case Lang::es: return es;
    case Lang::it: return it;
    case Lang::pl: return pl;
    case Lang::pt: return pt;
    case Lang::ro: return ro;
    case Lang::tr: return tr;
    case Lang::uk: return uk;
    case Lang::zh: return zh;
  }
  return en;
}

std::string format_count(long long n, Lang lang) {
  const LocaleFormat& f = locale_format(lang);
  const bool negative = n < 0;
  const std::string digits = std::to_string(negative ? -n : n);
  // Grouping starts only when the number has at least three plus min_grouping digits.
  const bool group = digits.size() >= static_cast<std::size_t>(3 + f.min_grouping);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    const std::size_t left = digits.size() - i;
    if (group && i > 0 && left % 3 == 0) out += f.group;
    out += digits[i];
  }
  return negative ? "-" + out : out;
}

}  // namespace kiosk
