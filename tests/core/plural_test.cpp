#include <catch2/catch.hpp>

#include <algorithm>

#include "core/locale_format.hpp"
#include "core/plural.hpp"

using namespace kiosk;

TEST_CASE("Plural categories follow CLDR's rules for whole numbers") {
  CHECK(plural_category(Lang::en, 1) == Plural::one);
  CHECK(plural_category(Lang::en, 0) == Plural::other);
  CHECK(plural_category(Lang::fr, 0) == Plural::one);  // "0 mois", singular in French
  CHECK(plural_category(Lang::fr, 2) == Plural::other);
  CHECK(plural_category(Lang::fr, 1000000) == Plural::many);
  CHECK(plural_category(Lang::pt, 0) == Plural::other);  // as in Portugal
  CHECK(plural_category(Lang::pl, 1) == Plural::one);
  CHECK(plural_category(Lang::pl, 4) == Plural::few);
  CHECK(plural_category(Lang::pl, 5) == Plural::many);
  CHECK(plural_category(Lang::pl, 12) == Plural::many);
  CHECK(plural_category(Lang::pl, 22) == Plural::few);
  CHECK(plural_category(Lang::pl, 21) == Plural::many);
  CHECK(plural_category(Lang::uk, 21) == Plural::one);
  CHECK(plural_category(Lang::uk, 11) == Plural::many);
  CHECK(plural_category(Lang::uk, 13) == Plural::many);
  CHECK(plural_category(Lang::uk, 34) == Plural::few);
  CHECK(plural_category(Lang::ro, 1) == Plural::one);
  CHECK(plural_category(Lang::ro, 0) == Plural::few);
  CHECK(plural_category(Lang::ro, 19) == Plural::few);
  CHECK(plural_category(Lang::ro, 20) == Plural::other);
  CHECK(plural_category(Lang::ro, 101) == Plural::few);
  CHECK(plural_category(Lang::tr, 2) == Plural::other);
  CHECK(plural_category(Lang::zh, 1) == Plural::other);
}

TEST_CASE("Every category a language gives a whole number is among its catalog forms") {
  for (Lang lang : all_langs) {
    const std::vector<Plural> forms = plural_forms(lang);
    INFO(lang_code(lang));
    CHECK(std::find(forms.begin(), forms.end(), Plural::other) != forms.end());
    for (long long n = 0; n <= 2000; ++n)
      CHECK(std::find(forms.begin(), forms.end(), plural_category(lang, n)) != forms.end());
    CHECK(std::find(forms.begin(), forms.end(), plural_category(lang, 1000000)) != forms.end());
  }
}

TEST_CASE("Whole numbers are grouped the language's way") {
  CHECK(format_count(1000, Lang::de) == "1.000");
  CHECK(format_count(1000, Lang::en) == "1,000");
  CHECK(format_count(1000, Lang::fr) == "1\u202F000");
  CHECK(format_count(1000, Lang::pl) == "1000");  // four digits stay together in Polish
  CHECK(format_count(10000, Lang::pl) == "10\u00A0000");
  CHECK(format_count(1000, Lang::es) == "1000");
  CHECK(format_count(12345, Lang::es) == "12.345");
  CHECK(format_count(999, Lang::de) == "999");
  CHECK(format_count(1234567, Lang::uk) == "1\u00A0234\u00A0567");
}
