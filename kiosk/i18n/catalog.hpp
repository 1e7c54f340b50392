#pragma once
#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/lang.hpp"

namespace kiosk {

// One language's messages: flat keys to UTF-8 text with {name} placeholders.
class Catalog {
 public:
  using Args = std::vector<std::pair<std::string_view, std::string>>;

  // Reads assets/i18n/<lang>.json. On failure returns nullopt and says why in `error`.
  static std::optional<Catalog> load(const std::string& path, Lang lang, std::string* error);

  // The text for `key`; a missing key shows as the key itself so it is visible, never blank.
  const std::string& text(std::string_view key) const;
  // The text with every {name} replaced by its value.
  std::string format(std::string_view key, const Args& args) const;
  // A counted text: the form of `base` ("plans.months") that goes with n in this language
  // (base.one, base.few, … else base.other), with {n} written the language's way.
  std::string count(std::string_view base, long long n, Args args = {}) const;
  bool has(std::string_view key) const;
  Lang lang() const { return lang_; }
  const std::map<std::string, std::string, std::less<>>& entries() const { return entries_; }

 private:
  Lang lang_ = Lang::en;
  std::map<std::string, std::string, std::less<>> entries_;
  mutable std::map<std::string, std::string, std::less<>> missing_;
};

// The placeholder names used in a text: "{amount} on {date}" → {amount, date}.
std::set<std::string> placeholders(std::string_view text);
// Fills placeholders of any text (also used for data such as plan names).
std::string fill(std::string_view text, const Catalog::Args& args);

// The languages of the technician's service mode (assets/i18n/service/<lang>.json): the
// technicians' own, a catalog apart from the customers' thirteen.
inline constexpr std::array<Lang, 4> technician_langs{Lang::nl, Lang::fr, Lang::de, Lang::en};

// All the kiosk's languages, loaded together, and the technician's.
class Catalogs {
 public:
  static std::optional<Catalogs> load(const std::string& dir, std::string* error);
  const Catalog& operator[](Lang lang) const { return by_lang_[static_cast<int>(lang)]; }
  // The service mode's words in `lang`, or in English where the technician's catalogs lack it.
  const Catalog& technician(Lang lang) const;

 private:
  std::array<Catalog, all_langs.size()> by_lang_;
  std::array<Catalog, technician_langs.size()> technician_;
};

}  // namespace kiosk
