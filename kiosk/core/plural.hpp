#pragma once
#include <string_view>
#include <vector>

#include "lang.hpp"

namespace kiosk {

// CLDR plural categories: which form of "month" goes with a count.
enum class Plural { zero, one, two, few, many, other };

std::string_view plural_name(Plural p);  // "one", "few", …
// The category of a whole number in the language (CLDR cardinal rules, integers only).
Plural plural_category(Lang lang, long long n);
// The categories whole numbers can take in the language, and "other" (the fallback every
// catalog has): the forms each catalog must give for a counted text.
std::vector<Plural> plural_forms(Lang lang);

}  // namespace kiosk
