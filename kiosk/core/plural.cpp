#include "plural.hpp"

namespace kiosk {

std::string_view plural_name(Plural p) {
  switch (p) {
    case Plural::zero: return "zero";
    case Plural::one: return "one";
    case Plural::two: return "two";
    case Plural::few: return "few";
    case Plural::many: return "many";
    case Plural::other: return "other";
  }
  return "other";
}

Plural plural_category(Lang lang, long long n) {
  const long long i = n < 0 ? -n : n;
  const long long mod10 = i % 10, mod100 = i % 100;
  // Romance languages use "many" for exact millions ("1 000 000 de minutes").
  const bool million = i != 0 && i % 1000000 == 0;
  switch (lang) {
    case Lang::nl:
    case Lang::de:
    case Lang::en:
    case Lang::tr: return i == 1 ? Plural::one : Plural::other;
    case Lang::es:
    case Lang::it:
    case Lang::pt: return i == 1 ? Plural::one : million ? Plural::many : Plural::other;  // pt as in Portugal
    case Lang::fr: return i <= 1 ? Plural::one : million ? Plural::many : Plural::other;
    case Lang::pl:
      if (i == 1) return Plural::one;
      if (mod10 >= 2 && mod10 <= 4 && !(mod100 >= 12 && mod100 <= 14)) return Plural::few;
      return Plural::many;
    case Lang::uk:
      if (mod10 == 1 && mod100 != 11) return Plural::one;
      if (mod10 >= 2 && mod10 <= 4 && !(mod100 >= 12 && mod100 <= 14)) return Plural::few;
      return Plural::many;
    case Lang::ro:
      if (i == 1) return Plural::one;
      if (i == 0 || (mod100 >= 1 && mod100 <= 19)) return Plural::few;
      return Plural::other;
    case Lang::ar:
      if (i <= 2) return i == 0 ? Plural::zero : i == 1 ? Plural::one : Plural::two;
      if (mod100 >= 3 && mod100 <= 10) return Plural::few;
      if (mod100 >= 11) return Plural::many;
      return Plural::other;  // 100, 101, 102, …
    case Lang::zh: return Plural::other;
  }
  return Plural::other;
}

std::vector<Plural> plural_forms(Lang lang) {
  switch (lang) {
    case Lang::nl:
    case Lang::de:
    case Lang::en:
    case Lang::tr: return {Plural::one, Plural::other};
    case Lang::es:
    case Lang::it:
    case Lang::fr:
    case Lang::pt: return {Plural::one, Plural::many, Plural::other};
    case Lang::pl:
    case Lang::uk: return {Plural::one, Plural::few, Plural::many, Plural::other};
    case Lang::ro: return {Plural::one, Plural::few, Plural::other};
    case Lang::ar: return {Plural::zero, Plural::one, Plural::two, Plural::few, Plural::many, Plural::other};
    case Lang::zh: return {Plural::other};
  }
  return {Plural::other};
}

}  // namespace kiosk
